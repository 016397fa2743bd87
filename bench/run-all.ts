// Runs every benchmark in sequence and prints their figures: npm run bench
import { main as replicaBench } from './replica-bench';
import { main as syncBench } from './sync-bench';

const benches: { name: string; run: () => Promise<unknown> }[] = [
  { name: 'replica', run: () => replicaBench() },
  { name: 'sync', run: () => syncBench() },
  { name: 'fieldbook', run: async () => (await import('./fieldbook-bench')).main() },
  { name: 'field capture', run: async () => (await import('./field-capture-bench')).main() },
  { name: 'stock', run: async () => (await import('./stock-bench')).main() },
];

for (const bench of benches) {
  const started = performance.now();
  await bench.run();
  process.stdout.write(`\n${bench.name} bench done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
