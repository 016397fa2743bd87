// The sync bench's online figures: (c) many devices pushing at once, (d) the delay until a change
// pushed by one device is saved on another online device, (e) many devices connected at once.
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { StationSummary } from '../common/api-contract';
import { entitySchemaVersion } from '../common/entities';
import { encodeClock, tick, type ClockState } from '../common/hybrid-clock';
import { newId } from '../common/ids';
import { protocolVersion, type Change, type PushResponse } from '../common/sync-protocol';
import type { Logger } from '../main/logger';
import { stationFolder } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { plainSecretBox } from '../main/sync/secret-box';
import { readConnection } from '../main/sync/station-sync';
import { SyncEngine } from '../main/sync/sync-engine';
import { createEnrolmentCode } from '../sync-server/admin-operations';
import type { SeededTenant } from './sync-bench-seed';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** A device enrolled over HTTP that pushes observations of Plant height on the tenant's plots. */
class BenchDevice {
  private clock: ClockState = { wallMs: 0, counter: 0 };
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly deviceId: string,
    readonly userId: string,
  ) {}

  observations(count: number, target: { unitIds: string[]; variableId: string }, offset = 0): Change[] {
    return Array.from({ length: count }, (_, i) => {
      this.clock = tick(this.clock, Date.now());
      const value = (60 + ((offset + i) % 900) / 10).toFixed(1);
      return {
        changeId: newId(), entity: 'observations', operation: 'insert', rowId: newId(), hlc: encodeClock(this.clock, this.deviceId), schemaVersion: entitySchemaVersion,
        fields: {
          unit_id: target.unitIds[(offset + i) % target.unitIds.length], variable_id: target.variableId, value, value_number: Number(value),
          observed_at: new Date().toISOString(), collector_id: this.userId, device_id: this.deviceId,
        },
      };
    });
  }

  async push(body: string): Promise<PushResponse> {
    const response = await fetch(`${this.baseUrl}/v1/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` }, body });
    if (!response.ok) throw new Error(`push answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as PushResponse;
  }

  pushBody(changes: Change[]): string {
    return JSON.stringify({ protocolVersion, changes });
  }
}

async function enrol(owner: pg.Pool, seeded: SeededTenant, baseUrl: string, name: string): Promise<BenchDevice> {
  const { code } = await createEnrolmentCode(owner, { tenantId: seeded.tenantId, userId: seeded.userId, stationIds: null });
  const response = await fetch(`${baseUrl}/v1/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ protocolVersion, code, deviceName: name }),
  });
  if (!response.ok) throw new Error(`enrol answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { token: string; deviceId: string; userId: string };
  return new BenchDevice(baseUrl, body.token, body.deviceId, body.userId);
}

/** Enrols `count` devices, a few at a time. */
async function enrolMany(owner: pg.Pool, seeded: SeededTenant, baseUrl: string, count: number): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = [];
  for (let i = 0; i < count; i += 8) {
    devices.push(...(await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => enrol(owner, seeded, baseUrl, `Bench device ${i + k + 1}`)))));
  }
  return devices;
}

async function scoringTarget(owner: pg.Pool, seeded: SeededTenant): Promise<{ unitIds: string[]; variableId: string }> {
  const units = await owner.query<{ id: string }>('SELECT id::text FROM observation_units WHERE tenant_id = $1 ORDER BY id LIMIT 20000', [seeded.tenantId]);
  const variable = await owner.query<{ id: string }>(`SELECT id::text FROM observation_variables WHERE tenant_id = $1 AND name = 'Plant height' LIMIT 1`, [seeded.tenantId]);
  const variableId = variable.rows[0]?.id;
  if (!variableId || units.rows.length === 0) throw new Error('The bench tenant has no plots or no Plant height variable.');
  return { unitIds: units.rows.map((row) => row.id), variableId };
}

/** (d) One device pushes an observation; the time until another device running its sync engine has saved it. */
export async function measureLatency(options: {
  owner: pg.Pool; seeded: SeededTenant; device: StationSummary; dataFolder: string; samples: number; logger: Logger; baseUrl: string;
}): Promise<{ count: number; p50: number; p99: number; max: number }> {
  let arrived: (() => void) | null = null;
  const session = await StationSession.open(stationFolder(options.dataFolder, options.device.id), options.device, {
    logger: options.logger,
    onCommitted: (tables) => {
      if (tables.includes('observations')) arrived?.();
    },
  });
  const connection = await readConnection(session);
  let online = false;
  const engine = new SyncEngine(session, { baseUrl: options.baseUrl, token: plainSecretBox.open(connection?.token.value ?? '') }, {
    logger: options.logger,
    onStatus: (status) => {
      online = status.state === 'online';
    },
  });
  try {
    engine.start();
    const catchUp = Date.now() + 180_000;
    while (!online && Date.now() < catchUp) await sleep(50);
    if (!online) throw new Error('the listening device did not catch up within 180 s');
    const sender = await enrol(options.owner, options.seeded, options.baseUrl, 'Bench sender');
    const target = await scoringTarget(options.owner, options.seeded);
    const latencies: number[] = [];
    const deadline = Date.now() + 120_000;
    for (let i = 0; i < options.samples && Date.now() < deadline; i++) {
      await sleep(40); // the listener is back on its long-poll
      const body = sender.pushBody(sender.observations(1, target, i));
      const received = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('a pushed change did not arrive within 10 s')), 10_000);
        arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      const started = performance.now();
      const pushed = sender.push(body);
      await received;
      latencies.push(performance.now() - started);
      arrived = null;
      await pushed;
    }
    latencies.sort((a, b) => a - b);
    return { count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN };
  } finally {
    await engine.stop();
    await session.close();
  }
}

/** (c) `devices` devices each push `rounds` batches of 1000 observations, all at once. */
export async function measureConcurrentPushes(options: {
  owner: pg.Pool; seeded: SeededTenant; baseUrl: string; devices: number; rounds: number;
}): Promise<{ applied: number; seconds: number; changesPerSecond: number; p50: number; p99: number }> {
  const devices = await enrolMany(options.owner, options.seeded, options.baseUrl, options.devices);
  const target = await scoringTarget(options.owner, options.seeded);
  const bodies = devices.map((device, d) => Array.from({ length: options.rounds }, (_, r) => device.pushBody(device.observations(1000, target, (d * options.rounds + r) * 1000))));
  const latencies: number[] = [];
  let applied = 0;
  const started = performance.now();
  await Promise.all(
    devices.map(async (device, d) => {
      for (const body of bodies[d] ?? []) {
        const sent = performance.now();
        const response = await device.push(body);
        latencies.push(performance.now() - sent);
        applied += response.results.filter((result) => result.status === 'applied').length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { applied, seconds, changesPerSecond: applied / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** (e) `devices` devices hold a long-poll open at once; one push must reach every one of them. */
export async function measureConnectedDevices(options: {
  owner: pg.Pool; seeded: SeededTenant; baseUrl: string; devices: number; serverPid: number;
}): Promise<{ devices: number; answered: number; errors: number; lastMs: number; p50: number; serverRssBytes: number }> {
  const devices = await enrolMany(options.owner, options.seeded, options.baseUrl, options.devices);
  const sender = await enrol(options.owner, options.seeded, options.baseUrl, 'Bench sender');
  const target = await scoringTarget(options.owner, options.seeded);
  const head = await options.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [options.seeded.tenantId]);
  const after = head.rows[0]?.last_seq ?? '0';
  let pushedAt = Number.POSITIVE_INFINITY;
  const waits = devices.map(async (device) => {
    try {
      const response = await fetch(`${options.baseUrl}/v1/changes/wait?after=${after}`, { headers: { authorization: `Bearer ${device.token}` }, signal: AbortSignal.timeout(60_000) });
      const body = (await response.json()) as { changes?: unknown[] };
      return { ok: response.ok && (body.changes?.length ?? 0) > 0, error: !response.ok, ms: performance.now() - pushedAt };
    } catch {
      return { ok: false, error: true, ms: Number.NaN };
    }
  });
  await sleep(Math.min(15_000, 2000 + options.devices * 5)); // every long-poll is parked on the server
  const serverRssBytes = await rssOf(options.serverPid);
  pushedAt = performance.now();
  await sender.push(sender.pushBody(sender.observations(1, target)));
  const results = await Promise.all(waits);
  const answered = results.filter((r) => r.ok);
  const times = answered.map((r) => r.ms).sort((a, b) => a - b);
  return {
    devices: devices.length,
    answered: answered.length,
    errors: results.filter((r) => r.error).length,
    lastMs: times.at(-1) ?? Number.NaN,
    p50: percentile(times, 50),
    serverRssBytes,
  };
}
