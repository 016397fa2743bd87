// One fresh device for the sync bench, in processes of its own (as the app's main process would be):
// step `enrol` makes a new station and connects it; step `sync` (a fresh process, as after the app
// restarts) runs (a) the initial sync of the whole tenant and (b) records offline changes and pushes
// them. Each prints one `RESULT {json}` line. Started by bench/sync-bench.ts; not meant to be run alone.
import { z } from 'zod';
import type { StationSummary } from '../common/api-contract';
import { newId } from '../common/ids';
import { maxPushBatch } from '../common/sync-protocol';
import { createLogger } from '../main/logger';
import type { EntityChange } from '../main/replica/entity-writes';
import { stationFolder, writeStationFile } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { countOutbox, readPending, recordPushResults } from '../main/sync/outbox';
import { plainSecretBox } from '../main/sync/secret-box';
import { connectStation, readConnection } from '../main/sync/station-sync';
import { SyncEngine } from '../main/sync/sync-engine';
import { push } from '../main/sync/sync-http-client';

export interface EnrolResult {
  station: StationSummary;
  maxRssBytes: number;
}

export interface DeviceResult {
  station: StationSummary;
  sync: { seconds: number; cpuSeconds: number; received: number; total: number; replicaRows: number; maxRssBytes: number; rssAtStartBytes: number };
  push: PushFigures;
  pushObservations: PushFigures;
}

interface PushFigures {
  changes: number;
  seconds: number;
  requests: number;
  applied: number;
  writeSeconds: number;
}

const configSchema = z.object({
  step: z.enum(['enrol', 'sync']),
  baseUrl: z.string(),
  code: z.string(),
  dataFolder: z.string(),
  offlineChanges: z.number().int().min(0).max(100_000),
  station: z.object({ id: z.uuid(), name: z.string(), origin: z.enum(['demo', 'local']), createdAt: z.string() }).optional(),
});

const config = configSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const logger = createLogger('sync-bench-device', 'warn');

if (config.step === 'enrol') {
  // A new station enrolled with the server, as the Connect screen does; the app then restarts it.
  const station: StationSummary = { id: newId(), name: 'Fresh laptop', origin: 'local', createdAt: new Date().toISOString() };
  await writeStationFile(config.dataFolder, station);
  const session = await StationSession.open(stationFolder(config.dataFolder, station.id), station, { logger });
  await connectStation(session, { serverUrl: config.baseUrl, code: config.code, deviceName: 'Fresh bench laptop' }, plainSecretBox);
  await session.close();
  process.stdout.write(`RESULT ${JSON.stringify({ station, maxRssBytes: process.resourceUsage().maxRSS * 1024 } satisfies EnrolResult)}\n`);
  process.exit(0);
}

const station = config.station;
if (!station) throw new Error('The sync step needs the station made by the enrol step.');
const session = await StationSession.open(stationFolder(config.dataFolder, station.id), station, { logger });
const rssAtStart = process.memoryUsage().rss;

try {
  const connection = await readConnection(session);
  const address = { baseUrl: config.baseUrl, token: plainSecretBox.open(connection?.token.value ?? '') };

  // (a) initial sync, end to end: push (nothing), snapshot summary, chunks, finish, pull from the cursor.
  let progress = { received: 0, total: 0 };
  const engine = new SyncEngine(session, address, {
    logger,
    onStatus: (status) => {
      if (status.pullProgress?.total !== undefined) {
        progress = { received: status.pullProgress.received, total: status.pullProgress.total };
      }
    },
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await engine.syncOnce();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const [counted] = await session.replica.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM observations) + (SELECT count(*) FROM observation_units) AS n',
  );

  // (b) offline work, then pushed and acknowledged as the engine does (1000 per request). Two mixes:
  // observations with a plot edit every tenth change, and observations only.
  const [variable] = await session.replica.query<{ id: string }>(`SELECT id FROM observation_variables WHERE name = 'Plant height' LIMIT 1`);
  const plots = await session.replica.query<{ id: string }>('SELECT id FROM observation_units ORDER BY study_id, plot_number LIMIT $1', [config.offlineChanges]);
  const offline = async (editEvery: number | null): Promise<PushFigures> => {
    const writeStarted = performance.now();
    for (let done = 0; done < config.offlineChanges; ) {
      const batch: EntityChange[] = [];
      for (; batch.length < 100 && done < config.offlineChanges; done++) {
        const plot = plots[done % plots.length]?.id ?? '';
        if (editEvery !== null && done % editEvery === editEvery - 1) {
          batch.push({ entity: 'observation_units', operation: 'update', rowId: plot, fields: { barcode: `RE-${done}` } });
        } else {
          const value = (80 + (done % 400) / 10).toFixed(1);
          batch.push({
            entity: 'observations', operation: 'insert', rowId: newId(),
            fields: { unit_id: plot, variable_id: variable?.id, value, value_number: Number(value), timepoint: 'offline', observed_at: new Date().toISOString(), collector_id: session.identity.userId, device_id: session.identity.deviceId },
          });
        }
      }
      await session.write(batch);
    }
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const pushStarted = performance.now();
    let requests = 0;
    let applied = 0;
    for (let round = 0; round < 1000; round++) {
      const changes = await readPending(session.replica, maxPushBatch);
      if (changes.length === 0) break;
      const response = await push(address, changes);
      await recordPushResults(session.replica, response.results);
      applied += response.results.filter((result) => result.status === 'applied').length;
      requests += 1;
    }
    const seconds = (performance.now() - pushStarted) / 1000;
    const left = await countOutbox(session.replica);
    if (left.pending + left.rejected > 0) throw new Error(`push left ${left.pending} pending and ${left.rejected} rejected changes`);
    return { changes: config.offlineChanges, seconds, requests, applied, writeSeconds };
  };
  const mixed = await offline(10);
  const observationsOnly = await offline(null);

  const result: DeviceResult = {
    station,
    sync: { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, ...progress, replicaRows: Number(counted?.n ?? 0), maxRssBytes, rssAtStartBytes: rssAtStart },
    push: mixed,
    pushObservations: observationsOnly,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} finally {
  await session.close();
}
