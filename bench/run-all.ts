// Runs every benchmark in sequence and prints their figures: npm run bench
import { main as replicaBench } from './replica-bench';

const benches: { name: string; run: () => Promise<unknown> }[] = [{ name: 'replica', run: () => replicaBench() }];

for (const bench of benches) {
  const started = performance.now();
  await bench.run();
  process.stdout.write(`\n${bench.name} bench done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
