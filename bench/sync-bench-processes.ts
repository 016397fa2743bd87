// The sync bench's child processes: the sync server (its real entry, sync-server/main.ts) and the
// fresh device of figures (a) and (b) (bench/sync-bench-device.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CentralDatabase } from '../sync-server/local-database';
import type { DeviceResult, EnrolResult } from './sync-bench-device';

const register = fileURLToPath(new URL('../scripts/sql-raw-register.mjs', import.meta.url));
const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const nodeArgs = (profileDir: string | null): string[] => [
  ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  '--import', 'tsx', '--import', register,
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Lines the server logged at level error or worse. */
  errorLines(): string[];
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts `sync-server/main.ts` on a free loopback port and waits until /ready answers. */
export async function startServerProcess(central: CentralDatabase, options: { profileDir: string | null }): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs(options.profileDir), entry('../sync-server/main.ts')], {
    env: { ...process.env, DATABASE_URL: central.appUrl, DATABASE_OWNER_URL: central.ownerUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  let partial = '';
  const onOutput = (chunk: Buffer): void => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const level = /"level":(\d+)/.exec(line)?.[1];
      if ((level !== undefined && Number(level) >= 50) || (level === undefined && line.trim() !== '')) errors.push(line);
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the sync server exited at start:\n${errors.join('\n')}`);
    const ready = await fetch(`${baseUrl}/ready`).then((r) => r.ok, () => false);
    if (ready) return { pid: child.pid ?? 0, baseUrl, errorLines: () => [...errors], stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error('the sync server did not become ready within 60 s');
}

async function runDeviceStep<T>(config: Record<string, unknown>, profileDir: string | null): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs(profileDir), entry('./sync-bench-device.ts'), JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
  await exited(child);
  clearTimeout(timer);
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.exitCode !== 0 || !line) throw new Error(`the bench device failed (exit ${child.exitCode}):\n${errors.slice(-4000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as T;
}

/**
 * The fresh device of figures (a) and (b): one process makes and connects the station (as the
 * Connect screen does), a second one opens it and syncs, so that its peak memory is the sync's.
 */
export async function runDeviceProcess(
  config: { baseUrl: string; code: string; dataFolder: string; offlineChanges: number },
  profileDir: string | null,
): Promise<DeviceResult & { enrolMaxRssBytes: number }> {
  const enrolled = await runDeviceStep<EnrolResult>({ ...config, step: 'enrol' }, null);
  const result = await runDeviceStep<DeviceResult>({ ...config, step: 'sync', station: enrolled.station }, profileDir);
  return { ...result, enrolMaxRssBytes: enrolled.maxRssBytes };
}
