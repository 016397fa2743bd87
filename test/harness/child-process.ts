import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const sqlHooks = fileURLToPath(new URL('../../scripts/sql-raw-register.mjs', import.meta.url));

/** Node arguments that run a TypeScript file of this repository directly (tsx plus the .sql?raw hooks). */
export function tsNodeArgs(file: string): string[] {
  return ['--import', 'tsx', '--import', sqlHooks, fileURLToPath(new URL(`../../${file}`, import.meta.url))];
}

export interface LineProcess {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** Spawns a process and collects its stdout line by line. */
export function spawnWithLines(command: string, args: string[], env: NodeJS.ProcessEnv): LineProcess {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const wake of waiters) wake();
    resolve(code);
  }));
  return {
    child,
    lines,
    stderr: () => errors,
    exited,
    waitForLine(predicate, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for a line; stderr: ${errors.slice(-2000)}`));
        }, timeoutMs);
        const check = (): void => {
          const found = lines.find(predicate);
          if (found !== undefined) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`process exited (${child.exitCode ?? child.signalCode}); stderr: ${errors.slice(-2000)}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}
