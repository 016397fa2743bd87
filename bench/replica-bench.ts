// Replica benchmark: generate a large station, reopen it, query the first screen, record observations.
//   node scripts/run-ts.mjs bench/replica-bench.ts [--plots 50000] [--observations 1000000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { newId } from '../common/ids';
import { generateStation } from '../main/demo/generate-station';
import { createLogger } from '../main/logger';
import { stationFolder } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { listPlotsWithLatest, listTrials } from '../main/trials/trial-queries';

export interface ReplicaBenchOptions {
  plots: number;
  observations: number;
  writes: number;
}

interface Figure {
  name: string;
  value: string;
  note: string;
}

const out = process.stdout;
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function printTable(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(...figures.map((f) => f.name.length));
  const valueWidth = Math.max(...figures.map((f) => f.value.length));
  out.write(`\n${title}\n`);
  for (const f of figures) out.write(`  ${f.name.padEnd(nameWidth)}  ${f.value.padStart(valueWidth)}  ${f.note}\n`);
}

/** Records `count` observations one write each, the way a technician walks plots; returns latencies in ms. */
async function recordObservations(session: StationSession, count: number): Promise<number[]> {
  const [variable] = await session.replica.query<{ id: string }>(
    `SELECT id FROM observation_variables WHERE name = 'Plant height' AND NOT deleted`,
  );
  const plots = await session.replica.query<{ id: string }>(
    'SELECT id FROM observation_units WHERE NOT deleted ORDER BY study_id, plot_number LIMIT $1',
    [count],
  );
  if (!variable || plots.length === 0) throw new Error('The generated station has no plots or no Plant height variable.');
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const plot = plots[i % plots.length];
    if (!plot) continue;
    const value = (80 + (i % 400) / 10).toFixed(1);
    const [, ms] = await timed(() =>
      session.write([
        {
          entity: 'observations',
          operation: 'insert',
          rowId: newId(),
          fields: {
            unit_id: plot.id,
            variable_id: variable.id,
            value,
            value_number: Number(value),
            timepoint: 'bench',
            observed_at: new Date().toISOString(),
            collector_id: session.identity.userId,
            device_id: session.identity.deviceId,
          },
        },
      ]),
    );
    latencies.push(ms);
  }
  return latencies.sort((a, b) => a - b);
}

export async function main(options: ReplicaBenchOptions = { plots: 50_000, observations: 1_000_000, writes: 1000 }): Promise<Figure[]> {
  const logger = createLogger('replica-bench', 'warn');
  const dataFolder = await mkdtemp(join(tmpdir(), 'field-station-bench-'));
  const figures: Figure[] = [];
  out.write(`replica bench: ${fmt(options.plots)} plots, ${fmt(options.observations)} observations, in ${dataFolder}\n`);
  try {
    let shown = -1;
    const generated = await generateStation({
      dataFolder,
      name: 'Bench station',
      logger,
      seed: 1,
      plots: options.plots,
      observations: options.observations,
      onProgress: (done, total) => {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth !== shown) out.write(`  loading ${fmt(done)} / ${fmt(total)} rows\n`);
        shown = tenth;
      },
    });
    const { report, station } = generated;
    await generated.session.close();
    figures.push(
      { name: 'generate: rows', value: fmt(report.totalRows), note: 'COPY in 100k-row chunks, one transaction' },
      { name: 'generate: time', value: `${fmt(report.seconds, 1)} s`, note: 'incl. checkpoint and fsync of the data folder' },
      { name: 'generate: rate', value: `${fmt(report.rowsPerSecond)} rows/s`, note: '' },
    );

    const [session, openMs] = await timed(() => StationSession.open(stationFolder(dataFolder, station.id), station, { logger }));
    try {
      const [trials, firstMs] = await timed(() => listTrials(session.replica));
      const [, againMs] = await timed(() => listTrials(session.replica));
      const [bigStudy] = await session.replica.query<{ id: string; plots: number }>(
        'SELECT study_id AS id, count(*)::int AS plots FROM observation_units GROUP BY study_id ORDER BY 2 DESC, 1 LIMIT 1',
      );
      const [plots, studyMs] = bigStudy ? await timed(() => listPlotsWithLatest(session.replica, bigStudy.id)) : [[], Number.NaN];
      figures.push(
        { name: 'reopen: StationSession.open', value: `${fmt(openMs)} ms`, note: 'PGlite start + migrations check' },
        { name: 'first screen: trials list', value: `${fmt(firstMs, 1)} ms`, note: `${trials.length} trials, cold (warm ${fmt(againMs, 1)} ms)` },
        { name: 'study screen: plots + latest', value: `${fmt(studyMs)} ms`, note: `${fmt(plots.length)} plots with their latest values` },
      );
      const latencies = await recordObservations(session, options.writes);
      const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
      figures.push(
        { name: 'record: p50', value: `${fmt(percentile(latencies, 50), 2)} ms`, note: `${fmt(latencies.length)} single-row writes with outbox + WAL fsync` },
        { name: 'record: p99', value: `${fmt(percentile(latencies, 99), 2)} ms`, note: `mean ${fmt(mean, 2)} ms, max ${fmt(latencies.at(-1) ?? Number.NaN, 2)} ms` },
      );
    } finally {
      await session.close();
    }
    printTable('replica bench', figures);
    return figures;
  } finally {
    await rm(dataFolder, { recursive: true, force: true });
  }
}

function cliOptions(): ReplicaBenchOptions {
  const { values } = parseArgs({
    options: { plots: { type: 'string' }, observations: { type: 'string' }, writes: { type: 'string' } },
    strict: true,
  });
  const number = (text: string | undefined, fallback: number): number => {
    const n = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Expected a whole number, got ${text}.`);
    return n;
  };
  return {
    plots: number(values.plots, 50_000),
    observations: number(values.observations, 1_000_000),
    writes: number(values.writes, 1000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(cliOptions());
}
