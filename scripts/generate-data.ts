// Creates a station filled with generated demo data, for demos and benchmarks:
//   node scripts/run-ts.mjs scripts/generate-data.ts --data-folder <dir> [--plots 50000]
//     [--observations 1000000] [--seed 1] [--seed-lots 60] [--name "Bench station"]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../common/errors';
import { generateStation } from '../main/demo/generate-station';
import { createLogger } from '../main/logger';

const usage =
  'usage: node scripts/run-ts.mjs scripts/generate-data.ts --data-folder <dir> [--plots 960] [--observations <n>] ' +
  '[--seed 1] [--seed-lots 60] [--name "Demo station"]';

/** A whole number written with optional thousands separators: 1000000, 1_000_000 or 1,000,000. */
const count = (flag: string, minimum: number) =>
  z
    .string()
    .regex(/^\d[\d_,]*$/, `${flag} takes a whole number, like 50000`)
    .transform((text) => Number(text.replace(/[_,]/g, '')))
    .refine((n) => Number.isSafeInteger(n) && n >= minimum, `${flag} must be at least ${minimum}`)
    .optional();

const argsSchema = z.object({
  'data-folder': z.string({ error: '--data-folder is required: the folder that holds the stations' }).min(1),
  plots: count('--plots', 8).refine((n) => n === undefined || n % 4 === 0, '--plots must be a multiple of 4 (4 replicates per study)'),
  observations: count('--observations', 0),
  seed: count('--seed', 0),
  'seed-lots': count('--seed-lots', 0),
  name: z.string().min(1, '--name cannot be empty').max(200, '--name is at most 200 characters').default('Generated station'),
});

const format = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function parse(): z.infer<typeof argsSchema> {
  const { values } = parseArgs({
    options: {
      'data-folder': { type: 'string' },
      plots: { type: 'string' },
      observations: { type: 'string' },
      seed: { type: 'string' },
      'seed-lots': { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const args = parse();
  const out = process.stdout;
  let lastShown = -1;
  const { station, session, report } = await generateStation({
    dataFolder: resolve(args['data-folder']),
    name: args.name,
    logger: createLogger('generate-data', 'warn'),
    seed: args.seed ?? 1,
    ...(args.plots === undefined ? {} : { plots: args.plots }),
    ...(args.observations === undefined ? {} : { observations: args.observations }),
    ...(args['seed-lots'] === undefined ? {} : { seedLots: args['seed-lots'] }),
    onProgress: (done, total) => {
      const percent = Math.floor((done / Math.max(1, total)) * 100);
      if (percent === lastShown) return;
      lastShown = percent;
      const line = `loading ${format(done)} / ${format(total)} rows (${percent}%)`;
      out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    },
  });
  try {
    if (out.isTTY) out.write('\n');
    for (const [table, rows] of Object.entries(report.rows)) out.write(`  ${table.padEnd(22)} ${format(rows).padStart(12)}\n`);
    out.write(
      `loaded ${format(report.totalRows)} rows in ${format(report.seconds, 1)} s (${format(report.rowsPerSecond)} rows/s)\n`,
    );
  } finally {
    await session.close();
  }
  out.write(`station ${station.id}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`${error.message}\n${usage}\n`);
    process.exit(2);
  }
  const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`generate-data failed: ${message}\n`);
  process.exit(1);
});
