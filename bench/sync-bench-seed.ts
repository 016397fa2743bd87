// Puts a large, realistic tenant on the bench's sync server: a station made by the demo generator
// (locations, trials, studies, plots with geometry, variables, stock) is connected and pushed the
// way the app does it; its observations (same generator, same values) are written straight into
// the central database as the owner, with their change-log entries, because pushing a million
// changes one request at a time would take minutes and is not what is measured here.
import type pg from 'pg';
import { encodeClock } from '../common/hybrid-clock';
import { maxPushBatch } from '../common/sync-protocol';
import { generateStation } from '../main/demo/generate-station';
import type { Logger } from '../main/logger';
import { stationFolder } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { readPending, recordPushResults } from '../main/sync/outbox';
import { plainSecretBox } from '../main/sync/secret-box';
import { connectStation, readConnection } from '../main/sync/station-sync';
import { push, type SyncServerAddress } from '../main/sync/sync-http-client';
import { createEnrolmentCode, createTenant, createUser } from '../sync-server/admin-operations';
import { ServerClock } from '../sync-server/server-clock';

export interface SeededTenant {
  tenantId: string;
  userId: string;
  /** The generating station, connected: device A of the latency bench. */
  station: { dataFolder: string; id: string; name: string; createdAt: string };
  address: SyncServerAddress;
  rows: { observations: number; pushed: number };
  seconds: { generate: number; push: number; insert: number };
}

interface ObservationRow {
  id: string;
  unit_id: string;
  variable_id: string;
  value: string;
  value_number: number | null;
  timepoint: string | null;
  observed_at: Date;
}

const batchRows = 50_000;

/** Writes one batch of observations and their log entries as the owner, in one transaction. */
async function insertObservations(owner: pg.Pool, tenantId: string, author: { userId: string; deviceId: string }, rows: ObservationRow[]): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('BEGIN');
    const counted = await client.query<{ last_seq: string }>(
      'UPDATE tenant_sequences SET last_seq = last_seq + $2 WHERE tenant_id = $1 RETURNING last_seq::text',
      [tenantId, rows.length],
    );
    const first = BigInt(counted.rows[0]?.last_seq ?? '0') - BigInt(rows.length) + 1n;
    await client.query(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::text[], $7::timestamptz[], $8::text[])
                WITH ORDINALITY AS r(id, unit_id, variable_id, value, value_number, timepoint, observed_at, hlc, n)
       ), inserted AS (
         INSERT INTO observations (id, tenant_id, hlc, unit_id, variable_id, value, value_number, timepoint, observed_at, collector_id, device_id)
         SELECT id, $9, hlc, unit_id, variable_id, value, value_number, timepoint, observed_at, $10, $11 FROM r
       )
       INSERT INTO changes (tenant_id, seq, change_id, entity, operation, row_id, fields, hlc, user_id, device_id)
       SELECT $9, $12::bigint + r.n - 1, gen_random_uuid(), 'observations', 'insert', r.id,
              jsonb_strip_nulls(jsonb_build_object('unit_id', r.unit_id, 'variable_id', r.variable_id, 'value', r.value,
                'value_number', r.value_number, 'timepoint', r.timepoint, 'observed_at', r.observed_at,
                'collector_id', $10::uuid, 'device_id', $11::uuid)),
              r.hlc, $10, $11
         FROM r`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.unit_id),
        rows.map((r) => r.variable_id),
        rows.map((r) => r.value),
        rows.map((r) => r.value_number),
        rows.map((r) => r.timepoint),
        rows.map((r) => r.observed_at.toISOString()),
        rows.map((r) => encodeClock({ wallMs: r.observed_at.getTime(), counter: 0 }, author.deviceId)),
        tenantId,
        author.userId,
        author.deviceId,
        first.toString(),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function seedTenant(options: {
  owner: pg.Pool;
  baseUrl: string;
  dataFolder: string;
  plots: number;
  observations: number;
  logger: Logger;
  say: (line: string) => void;
}): Promise<SeededTenant> {
  const { owner, say } = options;
  const clock = new ServerClock();
  const tenantId = await createTenant(owner, clock, 'Bench Co-op');
  const userId = await createUser(owner, clock, { tenantId, name: 'Bench manager', role: 'station-manager' });

  let started = performance.now();
  const generated = await generateStation({
    dataFolder: options.dataFolder, name: 'Bench station', logger: options.logger, seed: 1, plots: options.plots, observations: options.observations,
  });
  const generateSeconds = (performance.now() - started) / 1000;
  const { station } = generated;
  let session = generated.session;
  say(`  generated ${generated.report.totalRows.toLocaleString('en-US')} rows in ${generateSeconds.toFixed(1)} s`);
  // The observations go to the server by SQL (below); everything else is connected and pushed.
  await session.replica.query('CREATE TABLE bench_observations AS SELECT * FROM observations');
  await session.replica.query('TRUNCATE observations');

  const { code } = await createEnrolmentCode(owner, { tenantId, userId, stationIds: null });
  await connectStation(session, { serverUrl: options.baseUrl, code, deviceName: 'Bench station laptop' }, plainSecretBox);
  await session.close();
  session = await StationSession.open(stationFolder(options.dataFolder, station.id), station, { logger: options.logger });
  const connection = await readConnection(session);
  const address: SyncServerAddress = { baseUrl: options.baseUrl, token: plainSecretBox.open(connection?.token.value ?? '') };
  try {
    started = performance.now();
    let pushed = 0;
    for (let round = 0; round < 1000; round++) {
      const changes = await readPending(session.replica, maxPushBatch);
      if (changes.length === 0) break;
      const response = await push(address, changes);
      const refused = response.results.filter((result) => result.status === 'rejected');
      if (refused.length > 0) throw new Error(`the server refused ${refused.length} of the station's rows: ${JSON.stringify(refused[0])}`);
      await recordPushResults(session.replica, response.results);
      pushed += changes.length;
    }
    const pushSeconds = (performance.now() - started) / 1000;
    say(`  pushed the station's ${pushed.toLocaleString('en-US')} other rows in ${pushSeconds.toFixed(1)} s (full push, ${maxPushBatch} per request)`);

    started = performance.now();
    const { deviceId } = session.identity;
    let after = '00000000-0000-0000-0000-000000000000';
    let inserted = 0;
    for (let round = 0; round < 1000; round++) {
      const rows = await session.replica.query<ObservationRow>(
        `SELECT id, unit_id, variable_id, value, value_number, timepoint, observed_at FROM bench_observations WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batchRows],
      );
      const last = rows.at(-1);
      if (!last) break;
      await insertObservations(owner, tenantId, { userId, deviceId }, rows);
      inserted += rows.length;
      after = last.id;
    }
    await session.replica.query('DROP TABLE bench_observations');
    await owner.query('ANALYZE');
    const insertSeconds = (performance.now() - started) / 1000;
    say(`  wrote ${inserted.toLocaleString('en-US')} observations and their log entries on the server in ${insertSeconds.toFixed(1)} s`);
    return {
      tenantId,
      userId,
      station: { dataFolder: options.dataFolder, id: station.id, name: station.name, createdAt: station.createdAt },
      address,
      rows: { observations: inserted, pushed },
      seconds: { generate: generateSeconds, push: pushSeconds, insert: insertSeconds },
    };
  } finally {
    await session.close();
  }
}
