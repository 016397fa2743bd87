// Field Book files through the services, on the season-end station (StationSession, no web mode):
// preview and import a 5,000-row field file into a new study; export a study's 100,000 current
// observations in the database format. Each figure comes with the SQL it spent its time in.
import { newId } from '../common/ids';
import { SeededRandom } from '../main/demo/seeded-random';
import { exportStudy, importFieldFile, previewFieldFileForStudy } from '../main/fieldbook/study-files';
import type { StationSession } from '../main/stations/station-session';
import { listPlotsWithLatest } from '../main/trials/trial-queries';
import { againstTarget, context, fmt, median, ms, say, timed, type Figure } from './field-capture-report';
import { explain, statementLines, traceReplica, type StatementTime } from './query-trace';

const fieldHeader = ['plot_id', 'row', 'col', 'plot', 'rep', 'block', 'entry', 'accession', 'pedigree', 'tray_id', 'seed_source', 'geo_coordinates'];
const parents = ['Ritmo', 'Julius', 'Tybalt', 'Skyfall', 'KS05HW14', 'ARAPAHOE', 'Granary', 'Sahara'];

const csvCell = (cell: string | number): string => (typeof cell === 'string' && /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : String(cell));

/**
 * A breeder's field file for a new 5,000-plot study: 12 columns, serpentine rows of 50, 2 reps of
 * 2,500 entries in blocks of 250, a pedigree with commas, a GPS point per plot. Half the entries
 * are germplasm the station already has (by name), half are new lines (named per `run`, so every
 * run creates the same number of new germplasm).
 */
export function fieldFileCsv(plots: number, run: number): string {
  const random = new SeededRandom(7).fork(`field-file:${run}`);
  const perRow = 50;
  const entries = Math.ceil(plots / 2);
  const lines = [fieldHeader.join(',')];
  for (let i = 0; i < plots; i++) {
    const row = Math.floor(i / perRow) + 1;
    const col = row % 2 === 1 ? (i % perRow) + 1 : perRow - (i % perRow);
    const entry = (i % entries) + 1;
    const known = entry <= entries / 2;
    const accession = known ? `FS-2026-${String(entry).padStart(4, '0')}` : `BX26-${run}-${String(entry).padStart(5, '0')}`;
    const lat = (52.0 + row * 0.000018 + random.normal(0, 0.000001)).toFixed(7);
    const lon = (-0.72 + col * 0.000029 + random.normal(0, 0.000001)).toFixed(7);
    const cells: (string | number)[] = [
      `26SWY${run}-${String(i + 1).padStart(5, '0')}`, row, col, 2000 + i + 1, i < plots / 2 ? 1 : 2, Math.floor(i / 250) + 1, entry,
      accession, `${random.pick(parents)}/${random.pick(parents)}, sel. ${random.int(1, 9)}`,
      `TRAY${String(Math.floor(i / 96) + 1).padStart(3, '0')}`, random.chance(0.5) ? 'Nursery 2025' : 'Increase block 2025', `${lat};${lon}`,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** A new, empty study in the bench trial, as the study setup would make it before its field file comes in. */
async function newStudy(session: StationSession, studyId: string, run: number): Promise<string> {
  const [source] = await session.replica.query<{ trial_id: string; location_id: string | null }>('SELECT trial_id, location_id FROM studies WHERE id = $1', [studyId]);
  if (!source) throw new Error('The bench study is gone.');
  const id = newId();
  await session.write([
    {
      entity: 'studies',
      operation: 'insert',
      rowId: id,
      fields: { trial_id: source.trial_id, location_id: source.location_id, name: `Field file import ${run}`, season: '2026 spring', design: 'RCBD' },
    },
  ]);
  return id;
}

export interface FileBenchOptions {
  fieldPlots: number;
  importRuns: number;
  exportRuns: number;
  /** Print the plan of each measured read's slowest SQL (always done for a missed target). */
  explain: boolean;
}

/** Prints EXPLAIN ANALYZE of the slowest read statement. */
async function explainSlowest(session: StationSession, title: string, statements: readonly StatementTime[]): Promise<void> {
  const slowest = statements.find((s) => s.slowest !== null);
  if (!slowest) return;
  say(`  plan of the slowest SQL of ${title} (${ms(slowest.slowest?.ms ?? Number.NaN)} when traced):`);
  for (const line of await explain(session.replica, slowest)) say(`    ${line}`);
}

/** Preview then import of a generated field file, `runs` times (each into its own new study). */
export async function importFigures(session: StationSession, studyId: string, options: FileBenchOptions): Promise<Figure[]> {
  const previews: number[] = [];
  const imports: number[] = [];
  let bytes = 0;
  let createdGermplasm = 0;
  let traced: { preview: StatementTime[]; import: StatementTime[]; previewMs: number; importMs: number } | null = null;
  for (let run = 1; run <= options.importRuns; run++) {
    const csv = fieldFileCsv(options.fieldPlots, run);
    bytes = Buffer.byteLength(csv);
    const content = Buffer.from(csv).toString('base64');
    const target = await newStudy(session, studyId, run);
    const trace = run === options.importRuns ? traceReplica(session.replica) : null;
    const [preview, previewMs] = await timed(() => previewFieldFileForStudy(session, { studyId: target, fileName: 'field.csv', content, mapping: null }));
    const previewStatements = trace?.stop() ?? [];
    if (!preview.ready || !preview.mapping || preview.errorCount > 0 || preview.validCount !== options.fieldPlots) {
      throw new Error(`The generated field file did not preview cleanly: ${JSON.stringify({ ...preview, rows: preview.rows.slice(0, 3) })}`);
    }
    const importTrace = run === options.importRuns ? traceReplica(session.replica) : null;
    const [result, importMs] = await timed(() =>
      importFieldFile(session, { studyId: target, fileName: 'field.csv', content, mapping: preview.mapping ?? { uniqueId: 'plot_id' }, takeGoodRows: false, updateExisting: false }),
    );
    const importStatements = importTrace?.stop() ?? [];
    if (result.created !== options.fieldPlots) throw new Error(`The import created ${result.created} plots, not ${options.fieldPlots}.`);
    previews.push(previewMs);
    imports.push(importMs);
    createdGermplasm = result.createdGermplasm;
    say(`  import run ${run}: preview ${ms(previewMs)}, import ${ms(importMs)}`);
    if (trace) traced = { preview: previewStatements, import: importStatements, previewMs, importMs };
  }
  if (traced) {
    statementLines('field file preview (last run)', traced.preview, traced.previewMs);
    statementLines('field file import (last run)', traced.import, traced.importMs);
  }
  const totals = previews.map((p, i) => p + (imports[i] ?? 0));
  const runs = `median of ${options.importRuns}, each into a new empty study`;
  const file = `${fmt(options.fieldPlots)} rows × ${fieldHeader.length} columns, ${fmt(bytes / 1_048_576, 1)} MB CSV`;
  return [
    context('import: fieldbook:preview-field-file', ms(median(previews)), `${file}; ${runs}`),
    againstTarget('import: fieldbook:import-field-file', median(imports), 2000, `${fmt(options.fieldPlots)} plots created, ${fmt(createdGermplasm)} new germplasm; ${runs}`),
    againstTarget('import: preview + import', median(totals), 2000, 'what the person waits for in all (two calls)'),
  ];
}

/** `plots:list-with-latest` in process on the big study, for comparison with the web-mode figure. */
export async function plotListFigures(session: StationSession, studyId: string, observations: number, options: FileBenchOptions): Promise<Figure[]> {
  const [plots, coldMs] = await timed(() => listPlotsWithLatest(session.replica, studyId));
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await timed(() => listPlotsWithLatest(session.replica, studyId)))[1]);
  const trace = traceReplica(session.replica);
  const [, tracedMs] = await timed(() => listPlotsWithLatest(session.replica, studyId));
  const statements = trace.stop();
  statementLines('plots:list-with-latest on the season-end study', statements, tracedMs, 3);
  if (options.explain) await explainSlowest(session, 'plots:list-with-latest', statements);
  return [
    context('season end: plots:list-with-latest, cold', ms(coldMs), `in process, ${fmt(plots.length)} plots, ${fmt(observations)} observations`),
    context('season end: plots:list-with-latest, warm', ms(median(warm)), 'in process, median of 5'),
  ];
}

/** The study exported in Field Book's database format (the target) and table format (context). */
export async function exportFigures(session: StationSession, studyId: string, currentObservations: number, options: FileBenchOptions): Promise<Figure[]> {
  const [cold, coldMs] = await timed(() => exportStudy(session, { studyId, format: 'database' }));
  if (cold.rows !== currentObservations) throw new Error(`The export wrote ${cold.rows} observations; the study holds ${currentObservations} current ones.`);
  const warm: number[] = [];
  for (let run = 0; run < options.exportRuns; run++) warm.push((await timed(() => exportStudy(session, { studyId, format: 'database' })))[1]);
  const trace = traceReplica(session.replica);
  const [, tracedMs] = await timed(() => exportStudy(session, { studyId, format: 'database' }));
  const statements = trace.stop();
  statementLines('fieldbook:export-study, database format', statements, tracedMs, 4);
  if (options.explain || median(warm) >= 2000) await explainSlowest(session, 'fieldbook:export-study', statements);
  const tables: number[] = [];
  let tableRows = 0;
  for (let run = 0; run < Math.max(1, Math.ceil(options.exportRuns / 2)); run++) {
    const [table, tableMs] = await timed(() => exportStudy(session, { studyId, format: 'table' }));
    tables.push(tableMs);
    tableRows = table.rows;
  }
  const mb = `${fmt(Buffer.byteLength(cold.content) / 1_048_576, 1)} MB`;
  return [
    againstTarget('export: database format', median(warm), 2000, `${fmt(cold.rows)} current observations, ${mb}; median of ${options.exportRuns}`),
    againstTarget('export: database format, first', coldMs, 2000, 'the first export after the station opened'),
    context('export: table format', ms(median(tables)), `${fmt(tableRows)} plots × 10 variables; median of ${tables.length}`),
  ];
}
