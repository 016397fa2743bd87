// Stock benchmark: 100,000 movements over 5,000 batches in a two-station location tree; times
// stock-on-hand, as-of balances, a 2,000-line count's variances and its approval.
//   node scripts/run-ts.mjs bench/stock-bench.ts [--batches 5000] [--movements-per-batch 20] [--count-lines 2000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeClock } from '../common/hybrid-clock';
import { newId } from '../common/ids';
import { formatQuantity, toMilli } from '../common/stock/quantity';
import { CopyLoader } from '../main/demo/csv-rows';
import { createLogger } from '../main/logger';
import { stationFolder, writeStationFile } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { pairBalances } from '../main/stock/balance-queries';
import { approveCount } from '../main/stock/count-approval';
import { countVariances } from '../main/stock/count-variances';
import { recordCountLine, startCount } from '../main/stock/counts';
import { moveStock } from '../main/stock/movements';
import { stockOnHand } from '../main/stock/stock-on-hand';
import { batchDetail, stockExceptions } from '../main/stock/stock-reports';
import { loadBenchStock } from './stock-bench-data';

export interface StockBenchOptions {
  batches: number;
  movementsPerBatch: number;
  countLines: number;
}

interface Figure {
  name: string;
  value: string;
  note: string;
}

const out = process.stdout;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Wall-clock time, and the CPU time of this process (PGlite runs in it), which a busy machine inflates less. */
async function timed<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return [result, performance.now() - started, (used.user + used.system) / 1000];
}

/** The median wall and CPU times of `runs` timings (after one warm-up run), the cold time, and the last result. */
async function median<T>(runs: number, work: () => Promise<T>): Promise<[T, number, number, number]> {
  const [, cold] = await timed(work);
  const times: number[] = [];
  const cpus: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const [r, ms, cpu] = await timed(work);
    times.push(ms);
    cpus.push(cpu);
    result = r;
  }
  const mid = (list: number[]): number => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN;
  return [result as T, mid(times), cold, mid(cpus)];
}

function printTable(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(...figures.map((f) => f.name.length));
  const valueWidth = Math.max(...figures.map((f) => f.value.length));
  out.write(`\n${title}\n`);
  for (const f of figures) out.write(`  ${f.name.padEnd(nameWidth)}  ${f.value.padStart(valueWidth)}  ${f.note}\n`);
}

/** Against the target, by wall time and by CPU time (what an idle machine would take, about). */
const verdict = (ms: number, cpu: number, target: number): string =>
  `cpu ${fmt(cpu, 1)} ms; target < ${target} ms: ${ms < target ? 'met' : cpu < target ? 'met in CPU time, missed on the wall clock (busy machine)' : 'MISSED'}`;

export async function main(options: StockBenchOptions = { batches: 5000, movementsPerBatch: 20, countLines: 2000 }): Promise<Figure[]> {
  const logger = createLogger('stock-bench', 'warn');
  const dataFolder = await mkdtemp(join(tmpdir(), 'field-station-stock-bench-'));
  const figures: Figure[] = [];
  out.write(`stock bench: ${fmt(options.batches)} batches × ${options.movementsPerBatch} movements, a ${fmt(options.countLines)}-line count, in ${dataFolder}\n`);
  try {
    const station = { id: newId(), name: 'Stock bench', origin: 'local' as const, createdAt: new Date().toISOString() };
    await writeStationFile(dataFolder, station);
    const folder = stationFolder(dataFolder, station.id);
    let session = await StationSession.open(folder, station, { logger });
    const [generated, loadMs] = await timed(() => loadBenchStock(session, { batches: options.batches, movementsPerBatch: options.movementsPerBatch }));
    await session.close();
    figures.push({ name: 'generate: movements', value: fmt(generated.movements), note: `${fmt(generated.batches)} batches, ${fmt(generated.bins.length)} bins, COPY + triggers in ${fmt(loadMs / 1000, 1)} s` });
    session = await StationSession.open(folder, station, { logger });
    try {
      const main = generated.mainStationId;
      const [onHand, onHandMs, onHandCold, onHandCpu] = await median(5, () => stockOnHand(session, { location: main }));
      figures.push({
        name: 'stock on hand, a station',
        value: `${fmt(onHandMs, 1)} ms`,
        note: `${fmt(onHand.rows.length)} lines, ${fmt(onHand.locationTotals.length)} roll-ups (cold ${fmt(onHandCold)} ms); ${verdict(onHandMs, onHandCpu, 100)}`,
      });
      const [all, allMs, , allCpu] = await median(3, () => stockOnHand(session, {}));
      figures.push({ name: 'stock on hand, organisation', value: `${fmt(allMs, 1)} ms`, note: `${fmt(all.rows.length)} lines; cpu ${fmt(allCpu, 1)} ms` });

      const day = 86_400_000;
      for (const [label, at] of [
        ['a week before the last movement', generated.lastAt - 7 * day],
        ['six months before', generated.lastAt - 182 * day],
        ['a year before', generated.lastAt - 365 * day],
        ['mid-history', generated.lastAt - 450 * day],
        ['early in the history', generated.lastAt - 700 * day],
      ] as const) {
        const asOf = new Date(at).toISOString();
        const [result, ms, , cpu] = await median(3, () => stockOnHand(session, { location: main, asOf }));
        figures.push({ name: `as-of on hand, ${label}`, value: `${fmt(ms, 1)} ms`, note: `${asOf.slice(0, 10)}: ${fmt(result.rows.length)} lines; ${verdict(ms, cpu, 200)}` });
      }
      const [batch] = await session.replica.query<{ code: string }>(`SELECT code FROM stock_batches ORDER BY code LIMIT 1 OFFSET 1234`);
      const [detail, detailMs, , detailCpu] = await median(5, () => batchDetail(session, { batch: batch?.code ?? '' }));
      figures.push({ name: 'batch detail', value: `${fmt(detailMs, 1)} ms`, note: `${detail.ledger.length} movements in its ledger; cpu ${fmt(detailCpu, 1)} ms` });
      const [exceptions, exceptionsMs, , exceptionsCpu] = await median(1, () => stockExceptions(session, {}));
      figures.push({ name: 'exceptions list', value: `${fmt(exceptionsMs)} ms`, note: `${fmt(exceptions.length)} balances that went below zero; cpu ${fmt(exceptionsCpu)} ms` });

      figures.push(...(await countFigures(session, generated, options.countLines)));
    } finally {
      await session.close();
    }
    printTable('stock bench', figures);
    return figures;
  } finally {
    await rm(dataFolder, { recursive: true, force: true });
  }
}

/**
 * A count of the subtree whose balances make up about `lines` lines: every pair counted (a third
 * of them off by a little), loaded as entries from counting devices; movements recorded during the
 * count on both sides of the snapshot; then variances and approval timed.
 */
async function countFigures(session: StationSession, generated: Awaited<ReturnType<typeof loadBenchStock>>, lines: number): Promise<Figure[]> {
  const snapshotAt = new Date(generated.lastAt + 86_400_000).toISOString();
  const pairs = await pairBalances(session.replica, {});
  const live = pairs.filter((p) => toMilli(p.quantity) > 0);
  const parentOf = new Map(generated.locations.map((l) => [l.id, l.parentId]));
  const below = new Map<string, typeof live>();
  for (const pair of live) {
    for (let at: string | null | undefined = pair.location_id; at; at = parentOf.get(at)) {
      const list = below.get(at) ?? [];
      list.push(pair);
      below.set(at, list);
    }
  }
  const [rootId, rootPairs] = [...below].sort(([, a], [, b]) => Math.abs(a.length - lines) - Math.abs(b.length - lines))[0] ?? ['', []];
  const root = generated.locations.find((l) => l.id === rootId);
  const count = await startCount(session, { location: root?.code ?? '', name: 'Bench count', snapshotAt });
  const counted = rootPairs.slice(0, lines);
  const { tenantId, userId, deviceId } = session.identity;
  await session.bulkLoad(['stock_count_lines'], async (tx) => {
    const loader = new CopyLoader({ tx, tenantId, hlc: encodeClock({ wallMs: 0, counter: 0 }, deviceId), chunkRows: 10_000 });
    const table = loader.table('stock_count_lines', ['count_id', 'batch_id', 'location_id', 'quantity', 'counted_at', 'counted_by', 'device_id']);
    for (const [i, pair] of counted.entries()) {
      const off = i % 3 === 0 ? (i % 2 === 0 ? -1000 : 2000) : 0;
      await table.add(newId(), [count.id, pair.batch_id, pair.location_id, formatQuantity(Math.max(0, toMilli(pair.quantity) + off)), snapshotAt, userId, deviceId]);
    }
    await loader.finish();
  });
  // While the count is open: movements dated before the snapshot (recorded late) and after it.
  const [some] = await session.replica.query<{ code: string; location: string }>(
    `SELECT b.code, l.code AS location FROM stock_balances s JOIN stock_batches b ON b.id = s.batch_id JOIN locations l ON l.id = s.location_id
      WHERE s.location_id = $1 AND s.quantity > 10 AND b.unit <> 'grams' LIMIT 1`,
    [counted[0]?.location_id],
  );
  const scanTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const occurredAt = new Date(Date.parse(snapshotAt) + (i % 2 === 0 ? -3_600_000 : 3_600_000)).toISOString();
    await moveStock(session, { kind: 'dispose', batch: some?.code ?? '', from: some?.location ?? '', quantity: 1, reason: 'Bench', occurredAt });
    const [, ms] = await timed(() => recordCountLine(session, { countId: count.id, batch: some?.code ?? '', location: some?.location ?? '', quantity: 5 }));
    scanTimes.push(ms);
  }
  scanTimes.sort((a, b) => a - b);
  const [variances, variancesMs, variancesCold, variancesCpu] = await median(3, () => countVariances(session.replica, count.id));
  const [approved, approveMs, approveCpu] = await timed(() => approveCount(session, { countId: count.id }));
  return [
    { name: 'count: record a line (scan)', value: `${fmt(scanTimes[5] ?? Number.NaN, 1)} ms`, note: 'median of 10, with the line read back' },
    {
      name: 'count: variances',
      value: `${fmt(variancesMs, 1)} ms`,
      note: `${fmt(variances.lines.length)} lines (${fmt(counted.length)} counted) under ${root?.code} (cold ${fmt(variancesCold)} ms); ${verdict(variancesMs, variancesCpu, 200)}`,
    },
    {
      name: 'count: approve',
      value: `${fmt(approveMs)} ms`,
      note: `${fmt(approved.posted)} adjustments posted in one transaction, variances included; ${verdict(approveMs, approveCpu, 1000)}`,
    },
  ];
}

function cliOptions(): StockBenchOptions {
  const { values } = parseArgs({
    options: { batches: { type: 'string' }, 'movements-per-batch': { type: 'string' }, 'count-lines': { type: 'string' } },
    strict: true,
  });
  const number = (text: string | undefined, fallback: number): number => {
    const n = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`Expected a whole number above zero, got ${text}.`);
    return n;
  };
  return {
    batches: number(values.batches, 5000),
    movementsPerBatch: number(values['movements-per-batch'], 20),
    countLines: number(values['count-lines'], 2000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(cliOptions());
}
