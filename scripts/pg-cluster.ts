// Starts a throwaway Postgres cluster with a `fieldstation` database and keeps it
// running until Ctrl-C. Usage: node scripts/run-ts.mjs scripts/pg-cluster.ts [--verbose]
import { startPgCluster } from '../test/harness/pg-cluster';

const verbose = process.argv.includes('--verbose');
const started = Date.now();
const cluster = await startPgCluster({ log: verbose ? (line) => console.error(`[postgres] ${line}`) : undefined });
const url = await cluster.createDatabase('fieldstation');
console.error(`Postgres ready in ${Date.now() - started} ms (data dir ${cluster.dataDir}); Ctrl-C to stop.`);
console.log(`DATABASE_URL=${url}`);

let stopping = false;
const shutdown = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  console.error(`${signal} received, stopping Postgres...`);
  cluster.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
