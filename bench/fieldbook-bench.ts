// Field Book files benchmark: read and preview a 5,000-plot field file (CSV and xlsx), export
// 100,000 observations in Field Book's database and table formats, and read the export back.
//   node scripts/run-ts.mjs bench/fieldbook-bench.ts [--plots 5000] [--variables 10] [--timepoints 2] [--runs 5]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import writeXlsxFile from 'write-excel-file/node';
import { importDatabaseFormat } from '../main/fieldbook/database-import';
import { previewFieldFile, suggestMapping, type FieldMapping } from '../main/fieldbook/field-file';
import { exportDatabaseFormat, exportTableFormat, type ExportObservation, type ExportPlot, type ExportVariable } from '../main/fieldbook/fieldbook-export';
import { exportJson } from '../main/fieldbook/json-export';
import { readTable } from '../main/fieldbook/read-table';

export interface FieldBookBenchOptions {
  plots: number;
  variables: number;
  timepoints: number;
  runs: number;
}

interface Figure {
  name: string;
  value: string;
  note: string;
}

const out = process.stdout;
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same files. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fieldHeader = ['plot_id', 'row', 'col', 'plot', 'rep', 'block', 'entry', 'accession', 'pedigree', 'tray_id', 'seed_source', 'geo_coordinates'];

/** A field file like a breeder's: 12 columns, serpentine rows of 50, two reps, a pedigree with commas. */
function fieldRows(plots: number): (string | number)[][] {
  const next = random(7);
  const perRow = 50;
  return Array.from({ length: plots }, (_, i) => {
    const row = Math.floor(i / perRow) + 1;
    const col = row % 2 === 1 ? (i % perRow) + 1 : perRow - (i % perRow);
    const entry = (i % (plots / 2)) + 1;
    const lat = (45.5 + row * 0.00002).toFixed(7);
    const lon = (-73.56 + col * 0.00003).toFixed(7);
    return [
      `26WHT${String(i + 1).padStart(5, '0')}`, row, col, 1000 + i + 1, i < plots / 2 ? 1 : 2, Math.floor(i / 250) + 1, entry,
      `G${String(entry).padStart(5, '0')}`, `KS${Math.floor(next() * 90_000)}/ARAPAHOE, sel. ${Math.floor(next() * 9)}`,
      `TRAY${String(Math.floor(i / 96) + 1).padStart(3, '0')}`, next() < 0.5 ? 'Station A' : 'Station B', `${lat};${lon}`,
    ];
  });
}

const csvField = (rows: (string | number)[][]): string =>
  [fieldHeader, ...rows].map((r) => r.map((c) => (typeof c === 'string' && c.includes(',') ? `"${c}"` : String(c))).join(',')).join('\n') + '\n';

function study(options: FieldBookBenchOptions, rows: (string | number)[][]): { plots: ExportPlot[]; variables: ExportVariable[]; observations: ExportObservation[] } {
  const next = random(11);
  const plots: ExportPlot[] = rows.map((r) => ({
    uniqueId: String(r[0]), plotNumber: Number(r[3]), row: Number(r[1]), column: Number(r[2]), replicate: Number(r[4]), block: Number(r[5]),
    germplasmName: String(r[7]), entryNumber: Number(r[6]), barcode: null,
    attributes: { pedigree: String(r[8]), tray_id: String(r[9]), seed_source: String(r[10]) },
    geometry: { type: 'Point', coordinates: String(r[11]).split(';').map(Number).reverse() },
  }));
  const variables: ExportVariable[] = Array.from({ length: options.variables }, (_, v) => ({
    name: ['height', 'heading date', 'lodging', 'rust score', 'stand count', 'vigour', 'notes', 'awns', 'spike length', 'greenness'][v] ?? `trait ${v + 1}`,
    scaleType: v === 6 ? 'text' : 'numeric',
  }));
  const collectors = ['Ana Lima', 'Zoë Müller', 'Jo Smith'];
  const observations: ExportObservation[] = [];
  const start = Date.parse('2026-06-01T07:00:00Z');
  for (let t = 0; t < options.timepoints; t++) {
    plots.forEach((plot, p) => {
      variables.forEach((variable, v) => {
        const observedAt = new Date(start + t * 14 * 86_400_000 + p * 9_000 + v * 700).toISOString();
        const value = variable.scaleType === 'text' ? (next() < 0.2 ? 'lodged, after "storm"' : 'ok') : (10 + next() * 90).toFixed(1);
        observations.push({
          unitUniqueId: plot.uniqueId, variableName: variable.name, value, observedAt,
          collectorName: collectors[p % collectors.length] ?? null, deviceName: `tab-0${(p % 3) + 1}`, timepoint: `${14 * (t + 1)} DAS`,
        });
      });
    });
  }
  return { plots, variables, observations };
}

/** Median of `runs` timings in ms, after one warm-up run. */
async function median<T>(runs: number, work: () => T | Promise<T>): Promise<[T, number]> {
  let result = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return [result, times[Math.floor(times.length / 2)] ?? Number.NaN];
}

function printTable(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(...figures.map((f) => f.name.length));
  const valueWidth = Math.max(...figures.map((f) => f.value.length));
  out.write(`\n${title}\n`);
  for (const f of figures) out.write(`  ${f.name.padEnd(nameWidth)}  ${f.value.padStart(valueWidth)}  ${f.note}\n`);
}

export async function main(options: FieldBookBenchOptions = { plots: 5000, variables: 10, timepoints: 2, runs: 5 }): Promise<Figure[]> {
  const rows = fieldRows(options.plots);
  const csvBytes = new TextEncoder().encode(csvField(rows));
  const xlsxBytes = await writeXlsxFile([fieldHeader, ...rows]).toBuffer();
  const data = study(options, rows);
  out.write(
    `fieldbook bench: ${fmt(options.plots)} plots × ${fieldHeader.length} columns; ${fmt(data.observations.length)} observations ` +
      `(${options.variables} variables × ${options.timepoints} timepoints); median of ${options.runs} runs\n`,
  );

  const preview = async (bytes: Uint8Array, name: string) => {
    const table = await readTable(bytes, name);
    const suggested = suggestMapping(table.headers);
    const mapping: FieldMapping = { ...suggested, uniqueId: suggested.uniqueId ?? 'plot_id' };
    return previewFieldFile(table, mapping);
  };
  const [csvPreview, csvMs] = await median(options.runs, () => preview(csvBytes, 'field.csv'));
  const [xlsxPreview, xlsxMs] = await median(options.runs, () => preview(xlsxBytes, 'field.xlsx'));
  const exportOptions = { plotColumns: ['row', 'col', 'plot', 'rep', 'accession', 'pedigree'], timeZone: 'America/Chicago' };
  const [database, databaseMs] = await median(options.runs, () => exportDatabaseFormat(data.plots, data.variables, data.observations, exportOptions));
  const [table, tableMs] = await median(options.runs, () => exportTableFormat(data.plots, data.variables, data.observations, exportOptions));
  const [json, jsonMs] = await median(options.runs, () => exportJson({ name: 'Bench wheat 2026' }, data.plots, data.variables, data.observations));
  const databaseBytes = new TextEncoder().encode(database);
  const [imported, importMs] = await median(options.runs, async () => importDatabaseFormat(await readTable(databaseBytes, 'export.csv')));
  if (csvPreview.errorCount + xlsxPreview.errorCount + imported.errorCount > 0 || imported.validCount !== data.observations.length) {
    throw new Error('The benchmark files did not read back cleanly; the figures would be meaningless.');
  }
  const mb = (bytes: number): string => `${fmt(bytes / 1_048_576, 1)} MB`;
  const figures: Figure[] = [
    { name: 'field file: CSV read + preview', value: `${fmt(csvMs)} ms`, note: `${fmt(csvPreview.validCount)} plots, ${mb(csvBytes.length)}` },
    { name: 'field file: xlsx read + preview', value: `${fmt(xlsxMs)} ms`, note: `${fmt(xlsxPreview.validCount)} plots, ${mb(xlsxBytes.length)}` },
    { name: 'export: database format', value: `${fmt(databaseMs)} ms`, note: `${fmt(data.observations.length)} rows, ${mb(database.length)}` },
    { name: 'export: table format', value: `${fmt(tableMs)} ms`, note: `${fmt(data.plots.length)} rows × ${data.variables.length} variables, ${mb(table.length)}` },
    { name: 'export: JSON', value: `${fmt(jsonMs)} ms`, note: mb(json.length) },
    { name: 'import: database format', value: `${fmt(importMs)} ms`, note: `read + ${fmt(imported.validCount)} observation drafts` },
  ];
  printTable('fieldbook bench', figures);
  return figures;
}

function cliOptions(): FieldBookBenchOptions {
  const { values } = parseArgs({
    options: { plots: { type: 'string' }, variables: { type: 'string' }, timepoints: { type: 'string' }, runs: { type: 'string' } },
    strict: true,
  });
  const number = (text: string | undefined, fallback: number): number => {
    const n = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`Expected a whole number above zero, got ${text}.`);
    return n;
  };
  return {
    plots: number(values.plots, 5000),
    variables: number(values.variables, 10),
    timepoints: number(values.timepoints, 2),
    runs: number(values.runs, 5),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(cliOptions());
}
