// Sync benchmark against the real server on loopback: a throwaway Postgres + PostGIS cluster, the
// sync server in its own process (npm run sync-server), devices as the app runs them.
//   node scripts/run-ts.mjs bench/sync-bench.ts [--plots 50000] [--observations 1000000] [--profile]
// (a) initial sync of the whole tenant to a fresh replica (in its own process: time, rows/s, peak RSS)
// (b) 10,000 offline changes pushed and acknowledged
// (c) server apply throughput with 50 devices pushing at once
// (d) a change pushed by one device reaching another online device (long-poll), p50/p99
// (e) 1,000 devices connected at once (long-polls) on one server process
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createLogger } from '../main/logger';
import { createEnrolmentCode } from '../sync-server/admin-operations';
import { provisionCentralDatabase } from '../sync-server/local-database';
import { startPgCluster } from '../test/harness/pg-cluster';
import { measureConnectedDevices, measureConcurrentPushes, measureLatency } from './sync-bench-online';
import { runDeviceProcess, startServerProcess, type ServerProcess } from './sync-bench-processes';
import { seedTenant } from './sync-bench-seed';

export interface SyncBenchOptions {
  plots: number;
  observations: number;
  offlineChanges: number;
  pushers: number;
  pushRounds: number;
  latencySamples: number;
  connectedDevices: number;
  profile: boolean;
}

export interface Figure {
  name: string;
  value: string;
  note: string;
}

const out = process.stdout;
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024)} MB`;
const verdict = (ok: boolean): string => (ok ? 'target met' : 'TARGET MISSED');

function printTable(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(...figures.map((f) => f.name.length));
  const valueWidth = Math.max(...figures.map((f) => f.value.length));
  out.write(`\n${title}\n`);
  for (const f of figures) out.write(`  ${f.name.padEnd(nameWidth)}  ${f.value.padStart(valueWidth)}  ${f.note}\n`);
}

export const defaultSyncBenchOptions: SyncBenchOptions = {
  plots: 50_000,
  observations: 1_000_000,
  offlineChanges: 10_000,
  pushers: 50,
  pushRounds: 2,
  latencySamples: 200,
  connectedDevices: 1000,
  profile: false,
};

export async function main(options: SyncBenchOptions = defaultSyncBenchOptions): Promise<Figure[]> {
  const logger = createLogger('sync-bench', 'warn');
  const say = (line: string): void => void out.write(`${line}\n`);
  const work = await mkdtemp(join(tmpdir(), 'field-station-sync-bench-'));
  const figures: Figure[] = [];
  say(`sync bench: ${fmt(options.plots)} plots, ${fmt(options.observations)} observations, in ${work}`);
  const cluster = await startPgCluster();
  let server: ServerProcess | null = null;
  const owner = { pool: null as pg.Pool | null };
  try {
    const central = await provisionCentralDatabase(cluster.superuserUrl(), 'fieldstation_bench');
    owner.pool = new pg.Pool({ connectionString: central.ownerUrl, max: 4 });
    owner.pool.on('error', () => undefined);
    server = await startServerProcess(central, { profileDir: options.profile ? join(work, 'profiles') : null });
    say(`  server pid ${server.pid} at ${server.baseUrl}`);

    const seeded = await seedTenant({
      owner: owner.pool, baseUrl: server.baseUrl, dataFolder: join(work, 'seed'), plots: options.plots, observations: options.observations, logger, say,
    });
    figures.push({ name: 'setup: full push of a station', value: `${fmt(seeded.rows.pushed / seeded.seconds.push)} changes/s`, note: `${fmt(seeded.rows.pushed)} rows (everything but observations) in ${fmt(seeded.seconds.push, 1)} s` });

    // (a) and (b), in a process of their own so its memory is the device's alone.
    const { code } = await createEnrolmentCode(owner.pool, { tenantId: seeded.tenantId, userId: seeded.userId, stationIds: null });
    say('  (a) initial sync of a fresh replica, (b) offline changes pushed…');
    const loadBefore = loadavg()[0]?.toFixed(1) ?? '?';
    const device = await runDeviceProcess({ baseUrl: server.baseUrl, code, dataFolder: join(work, 'fresh'), offlineChanges: options.offlineChanges }, options.profile ? join(work, 'profiles') : null);
    const a = device.sync;
    figures.push(
      { name: '(a) initial sync: rows', value: fmt(a.received), note: `replica holds ${fmt(a.replicaRows)} plots + observations; snapshot total ${fmt(a.total)}` },
      { name: '(a) initial sync: time', value: `${fmt(a.seconds, 1)} s`, note: `end to end (summary, chunks, index build, checkpoint, pull); device CPU ${fmt(a.cpuSeconds, 1)} s; load average ${loadBefore} before; ${verdict(a.seconds < 15)} (< 15 s)` },
      { name: '(a) initial sync: rate', value: `${fmt(a.received / a.seconds)} rows/s`, note: verdict(a.received / a.seconds >= 65_000) + ' (≥ 65,000 rows/s)' },
      { name: '(a) device peak RSS', value: mb(a.maxRssBytes), note: `syncing process, peak (ru_maxrss; ${mb(a.rssAtStartBytes)} with the replica open before); ${verdict(a.maxRssBytes < 1024 ** 3)} (< 1 GB)` },
      { name: '(a) creating the station', value: mb(device.enrolMaxRssBytes), note: 'peak RSS of the process that created and connected it (PGlite initdb), before the sync' },
    );
    for (const [b, label, mix] of [
      [device.push, 'mixed', 'observations, every 10th change a plot edit'],
      [device.pushObservations, 'observations', 'observations only'],
    ] as const) {
      figures.push({
        name: `(b) push offline: ${label}`, value: `${fmt(b.seconds, 2)} s`,
        note: `${fmt(b.changes)} changes (${mix}), ${b.requests} requests, ${fmt(b.applied)} applied; ${verdict(b.seconds < 2)} (< 2 s)`,
      });
    }

    // (d) before (c): the listening device catches up with little.
    say(`  (d) ${options.latencySamples} changes from one device to another online device…`);
    const d = await measureLatency({ owner: owner.pool, seeded, device: device.station, dataFolder: join(work, 'fresh'), samples: options.latencySamples, logger, baseUrl: server.baseUrl });
    figures.push({ name: '(d) push → other device: p50', value: `${fmt(d.p50, 1)} ms`, note: `${d.count} changes; saved in the listening replica (long-poll, pull, apply)` });
    figures.push({ name: '(d) push → other device: p99', value: `${fmt(d.p99, 1)} ms`, note: `max ${fmt(d.max, 1)} ms; ${verdict(d.p99 < 100)} (< 100 ms)` });

    say(`  (c) ${options.pushers} devices pushing at once…`);
    const c = await measureConcurrentPushes({ owner: owner.pool, seeded, baseUrl: server.baseUrl, devices: options.pushers, rounds: options.pushRounds });
    figures.push({
      name: '(c) server apply, 50 devices', value: `${fmt(c.changesPerSecond)} changes/s`,
      note: `${fmt(c.applied)} changes in ${fmt(c.seconds, 1)} s, requests p50 ${fmt(c.p50)} ms p99 ${fmt(c.p99)} ms; ${verdict(c.changesPerSecond >= 10_000)} (≥ 10,000/s)`,
    });

    say(`  (e) ${options.connectedDevices} devices connected at once…`);
    const e = await measureConnectedDevices({ owner: owner.pool, seeded, baseUrl: server.baseUrl, devices: options.connectedDevices, serverPid: server.pid });
    figures.push({
      name: '(e) connected devices', value: `${fmt(e.answered)} / ${fmt(e.devices)}`,
      note: `long-polls told of one push within ${fmt(e.lastMs)} ms (p50 ${fmt(e.p50)} ms); ${e.errors} errors; server RSS ${mb(e.serverRssBytes)}; ${verdict(e.answered === e.devices && e.errors === 0)}`,
    });
    const serverErrors = server.errorLines();
    figures.push({ name: 'server errors logged', value: String(serverErrors.length), note: serverErrors[0]?.slice(0, 120) ?? '' });
    printTable('sync bench', figures);
    return figures;
  } finally {
    await server?.stop();
    await owner.pool?.end().catch(() => undefined);
    await cluster.stop();
    if (!options.profile) await rm(work, { recursive: true, force: true });
    else out.write(`profiles kept in ${join(work, 'profiles')}\n`);
  }
}

function cliOptions(): SyncBenchOptions {
  const { values } = parseArgs({
    options: {
      plots: { type: 'string' }, observations: { type: 'string' }, 'offline-changes': { type: 'string' }, pushers: { type: 'string' },
      'push-rounds': { type: 'string' }, 'latency-samples': { type: 'string' }, 'connected-devices': { type: 'string' }, profile: { type: 'boolean' },
    },
    strict: true,
  });
  const number = (text: string | undefined, fallback: number): number => {
    const n = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Expected a whole number, got ${text}.`);
    return n;
  };
  const d = defaultSyncBenchOptions;
  return {
    plots: number(values.plots, d.plots),
    observations: number(values.observations, d.observations),
    offlineChanges: number(values['offline-changes'], d.offlineChanges),
    pushers: number(values.pushers, d.pushers),
    pushRounds: number(values['push-rounds'], d.pushRounds),
    latencySamples: number(values['latency-samples'], d.latencySamples),
    connectedDevices: number(values['connected-devices'], d.connectedDevices),
    profile: values.profile ?? false,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(cliOptions());
}
