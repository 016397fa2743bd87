import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnWithLines, type LineProcess } from './child-process';

const webEntry = fileURLToPath(new URL('../../out/main/web.js', import.meta.url));
const defaultGraceMs = 20_000;

/** A running `node out/main/web.js`: the built services and renderer in web mode. */
export interface WebApp {
  /** The address to open in a browser: `http://127.0.0.1:PORT/#token=TOKEN`. */
  launchUrl: string;
  /** The origin without the token: `http://127.0.0.1:PORT`. */
  origin: string;
  token: string;
  dataFolder: string;
  /** Everything the process wrote on stderr so far (its JSON log lines), for failure messages. */
  stderr(): string;
  /**
   * SIGTERM, then waits for the process to exit (the services close the station cleanly). After
   * `graceMs` it is killed with SIGKILL and the answer is null instead of its exit code.
   */
  stop(options?: { graceMs?: number }): Promise<number | null>;
}

export interface StartWebAppOptions {
  dataFolder: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}

/** Starts web mode on `dataFolder` and waits for the launch address it prints. Needs a build (`npm run build`). */
export async function startWebApp(options: StartWebAppOptions): Promise<WebApp> {
  if (!existsSync(webEntry)) throw new Error(`${webEntry} is missing: build first (npx electron-vite build).`);
  const child: LineProcess = spawnWithLines(process.execPath, [webEntry], {
    FIELD_STATION_DATA: options.dataFolder,
    FIELD_STATION_PORT: String(options.port ?? 0),
    FIELD_STATION_LOG_LEVEL: 'warn',
    ...options.env,
  });
  let line: string;
  try {
    line = await child.waitForLine((l) => l.startsWith('Open: '), 60_000);
  } catch (error) {
    child.child.kill('SIGKILL');
    throw error;
  }
  const launchUrl = line.slice('Open: '.length).trim();
  const url = new URL(launchUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new Error(`The launch address has no token: ${launchUrl}`);

  let stopped: Promise<number | null> | null = null;
  return {
    launchUrl,
    origin: url.origin,
    token,
    dataFolder: options.dataFolder,
    stderr: child.stderr,
    stop({ graceMs = defaultGraceMs } = {}) {
      stopped ??= (async () => {
        if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
        const timer = setTimeout(() => child.child.kill('SIGKILL'), graceMs);
        try {
          return await child.exited;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopped;
    },
  };
}

/** Stops a running web app and starts a new process on the same data folder (a new port and token). */
export async function restartWebApp(app: WebApp, options: Omit<StartWebAppOptions, 'dataFolder'> = {}): Promise<WebApp> {
  const code = await app.stop();
  if (code !== 0) throw new Error(`web mode exited with ${code} on SIGTERM; stderr: ${app.stderr().slice(-2000)}`);
  return startWebApp({ ...options, dataFolder: app.dataFolder });
}

/** Calls a method of the contract over web mode's HTTP API and answers its data (or throws its error). */
export async function invokeWeb<T>(app: WebApp, method: string, args: unknown): Promise<T> {
  const response = await fetch(`${app.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` },
    body: JSON.stringify({ method, args }),
  });
  const body = (await response.json()) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method} answered ${body.error.code}: ${body.error.message}`);
  return body.data;
}
