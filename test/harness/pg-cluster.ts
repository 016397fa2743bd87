// Throwaway Postgres cluster for tests and local runs: initdb into a temp dir,
// start `postgres` on a free 127.0.0.1 port, tear everything down on stop().
// Postgres refuses to run as root, so as root the server runs as the `postgres` user.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  port: number;
  host: string;
  dataDir: string;
  superuserUrl(database?: string): string;
  createDatabase(name: string, template?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface StartPgClusterOptions {
  log?: (line: string) => void;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

interface RunAs { uid: number; gid: number }

function pgBinDir(): string {
  const candidates = process.env.PG_BIN ? [process.env.PG_BIN] : ['/usr/lib/postgresql/15/bin', pgConfigBinDir()];
  const dir = candidates.find((candidate) => candidate && existsSync(join(candidate, 'postgres')));
  if (!dir) throw new Error(`Postgres binaries not found in ${candidates.join(' or ')} (set PG_BIN, or run scripts/install-os-packages.sh)`);
  return dir;
}

function pgConfigBinDir(): string {
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function runAsPostgresIfRoot(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

function run(bin: string, args: string[], runAs: RunAs | undefined, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, uid: runAs?.uid, gid: runAs?.gid, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: HOST, port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  const ok = await client.connect().then(() => client.query('SELECT 1')).then(() => true, () => false);
  await client.end().catch(() => undefined);
  return ok;
}

// One set of process hooks for all clusters of this process.
const cleanups = new Set<() => void>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const runCleanups = (): void => {
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
  setHooks(false);
};
const onSignal = (signal: NodeJS.Signals): void => {
  if (process.listenerCount(signal) > 1) return; // someone else (e.g. a CLI calling stop()) handles it
  runCleanups();
  process.kill(process.pid, signal); // re-raise with the default behaviour
};
function setHooks(on: boolean): void {
  const method = on ? 'on' : 'removeListener';
  process[method]('exit', runCleanups);
  for (const signal of SIGNALS) process[method](signal, onSignal);
}
function registerCleanup(cleanup: () => void): void {
  if (cleanups.size === 0) setHooks(true);
  cleanups.add(cleanup);
}
function unregisterCleanup(cleanup: () => void): void {
  if (cleanups.delete(cleanup) && cleanups.size === 0) setHooks(false);
}

export async function startPgCluster(options: StartPgClusterOptions = {}): Promise<PgCluster> {
  const log = options.log ?? (() => undefined);
  const bin = pgBinDir();
  const runAs = runAsPostgresIfRoot();
  const root = await mkdtemp(join(tmpdir(), 'field-station-pg-'));
  const dataDir = join(root, 'data');
  let child: ChildProcess | undefined;
  let exited = true;
  let stopped = false;

  // Last-resort cleanup if the process goes away without calling stop().
  const emergencyCleanup = (): void => {
    if (child && !exited) child.kill('SIGQUIT'); // immediate shutdown; postmaster takes its backends down
    rmSync(root, { recursive: true, force: true });
  };
  registerCleanup(emergencyCleanup);

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const running = child;
    if (running && !exited) {
      const done = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGINT'); // "fast" shutdown
      const timer = setTimeout(() => running.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
    }
    rmSync(root, { recursive: true, force: true });
    unregisterCleanup(emergencyCleanup);
  };

  try {
    if (runAs) await chown(root, runAs.uid, runAs.gid);
    let init = { code: null as number | null, output: '' };
    for (const locale of ['C.UTF-8', 'C']) {
      const args = ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', `--locale=${locale}`];
      init = await run(join(bin, 'initdb'), args, runAs, root);
      if (init.code === 0) break;
      rmSync(dataDir, { recursive: true, force: true });
    }
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);

    const stderrTail: string[] = [];
    for (let attempt = 1; ; attempt++) {
      stderrTail.length = 0;
      const port = await freePort();
      const args = ['-D', dataDir, '-p', String(port), '-k', root, '-c', `listen_addresses=${HOST}`, '-c', 'fsync=off',
        '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
      const server = spawn(join(bin, 'postgres'), args, { cwd: root, uid: runAs?.uid, gid: runAs?.gid, stdio: ['ignore', 'pipe', 'pipe'] });
      child = server;
      exited = false;
      server.once('exit', () => (exited = true));
      server.once('error', (error) => {
        exited = true;
        stderrTail.push(String(error));
      });
      let partial = '';
      const onOutput = (chunk: Buffer): void => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          stderrTail.push(line);
          if (stderrTail.length > 40) stderrTail.shift();
          log(line);
        }
      };
      for (const stream of [server.stdout, server.stderr]) stream.on('data', onOutput);

      const deadline = Date.now() + READY_TIMEOUT_MS;
      while (!exited && Date.now() < deadline && !(await canConnect(port))) await sleep(100);
      if (!exited && Date.now() < deadline) {
        const superuserUrl = (database = 'postgres'): string => `postgres://postgres@${HOST}:${port}/${encodeURIComponent(database)}`;
        const createDatabase = async (name: string, template?: string): Promise<string> => {
          const client = new pg.Client({ connectionString: superuserUrl() });
          await client.connect();
          try {
            const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
            await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
          } finally {
            await client.end();
          }
          return superuserUrl(name);
        };
        return { port, host: HOST, dataDir, superuserUrl, createDatabase, stop };
      }
      const portTaken = stderrTail.some((line) => line.includes('could not bind') || line.includes('already in use'));
      if (exited && portTaken && attempt < 3) continue; // lost the race for the port: try another one
      const why = exited ? 'exited during startup' : `did not accept connections within ${READY_TIMEOUT_MS / 1000} s`;
      throw new Error(`postgres ${why} (port ${port}, data dir ${dataDir}). Server output tail:\n${stderrTail.join('\n')}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
