#!/usr/bin/env node
// Runs a TypeScript entry (scripts, benchmarks, the sync server) with tsx plus the `.sql?raw` hooks.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args…]\n');
  process.exit(2);
}
const register = fileURLToPath(new URL('./sql-raw-register.mjs', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', '--import', register, entry, ...rest], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
