import type { ApiArgs, FieldFilePreview, FieldImportResult, StudyExportFile } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import type { EntityChange } from '../replica/entity-writes';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { getStudy } from '../trials/trial-queries';
import { previewFieldFile, suggestMapping, type FieldMapping, type PlotDraft } from './field-file';
import { exportDatabaseFormat, exportTableFormat, type ExportObservation, type ExportPlot, type ExportVariable } from './fieldbook-export';
import { exportJson } from './json-export';
import { readTable } from './read-table';

/** The attribute that keeps a plot's Field Book unique id (also what exports write as plot_id). */
export const uniqueIdAttribute = 'plot_id';

/** How many good rows a preview lists (every bad row is listed). */
const previewGoodRows = 50;

async function requireStudy(replica: Replica, studyId: string): Promise<NonNullable<Awaited<ReturnType<typeof getStudy>>>> {
  const study = await getStudy(replica, studyId);
  if (!study) throw new AppError('not-found', 'That study is not in this station. Go back to the trials list and choose another.', { field: 'studyId' });
  return study;
}

/** The study's live plots by their unique id (the plot_id attribute, else the barcode). */
async function existingPlots(replica: Replica, studyId: string): Promise<Map<string, string>> {
  const rows = await replica.query<{ id: string; unique_id: string | null }>(
    `SELECT id, coalesce(attributes->>'${uniqueIdAttribute}', barcode) AS unique_id FROM observation_units WHERE study_id = $1 AND NOT deleted`,
    [studyId],
  );
  return new Map(rows.flatMap((row) => (row.unique_id === null ? [] : [[row.unique_id, row.id] as const])));
}

function decode(content: string): Uint8Array {
  return Buffer.from(content, 'base64');
}

/** Reads a field file and checks it with the mapping given (or the suggested one), against the study's plots. */
export async function previewFieldFileForStudy(session: StationSession, args: ApiArgs<'fieldbook:preview-field-file'>): Promise<FieldFilePreview> {
  await requireStudy(session.replica, args.studyId);
  const table = await readTable(decode(args.content), args.fileName);
  const suggested = suggestMapping(table.headers);
  const mapping: FieldMapping | null = args.mapping ?? (suggested.uniqueId === null ? null : { ...suggested, uniqueId: suggested.uniqueId });
  const base = { fileName: table.fileName, headers: table.headers, suggestedMapping: suggested, mapping, warnings: table.warnings };
  if (mapping === null) {
    return { ...base, ready: false, validCount: 0, errorCount: 0, existingCount: 0, notes: ['Choose which column holds each plot’s unique id.'], rows: [] };
  }
  const preview = previewFieldFile(table, mapping);
  const existing = await existingPlots(session.replica, args.studyId);
  let goodShown = 0;
  const rows = preview.rows.flatMap((row): FieldFilePreview['rows'] => {
    if (!row.ok) return [{ line: row.line, errors: row.errors.map((e) => ({ column: e.column, message: e.message })), plot: null, exists: false }];
    const exists = existing.has(row.plot.uniqueId);
    if (!exists && goodShown >= previewGoodRows) return [];
    if (!exists) goodShown += 1;
    return [{ line: row.line, errors: [], plot: summary(row.plot), exists }];
  });
  const existingCount = preview.rows.filter((row) => row.ok && existing.has(row.plot.uniqueId)).length;
  const notes = preview.notes.filter((note) => !table.warnings.includes(note));
  return { ...base, ready: true, validCount: preview.validCount, errorCount: preview.errorCount, existingCount, notes, rows };
}

function summary(plot: PlotDraft): FieldFilePreview['rows'][number]['plot'] {
  return {
    uniqueId: plot.uniqueId,
    plotNumber: plot.plotNumber,
    row: plot.row,
    column: plot.column,
    replicate: plot.replicate,
    block: plot.block,
    germplasmName: plot.germplasmName,
    hasLocation: plot.geometry !== null,
  };
}

/**
 * Imports a field file's plots into a study, all in one transaction: every good row, or nothing.
 * Rows with errors are left out only when the person said so (`takeGoodRows`); plots that already
 * exist (same unique id) are updated only when they said so (`updateExisting`). Germplasm named in
 * the file is matched by name, and created when the station does not have it.
 */
export async function importFieldFile(session: StationSession, args: ApiArgs<'fieldbook:import-field-file'>): Promise<FieldImportResult> {
  await requireStudy(session.replica, args.studyId);
  const table = await readTable(decode(args.content), args.fileName);
  const preview = previewFieldFile(table, args.mapping);
  if (preview.errorCount > 0 && !args.takeGoodRows) {
    throw new AppError('validation', `${preview.errorCount} row${preview.errorCount === 1 ? ' has' : 's have'} errors. Fix the file, or import only the ${preview.validCount} good rows.`, {
      reason: 'rows-with-errors',
    });
  }
  const plots = preview.rows.flatMap((row) => (row.ok ? [row.plot] : []));
  if (plots.length === 0) throw new AppError('validation', 'The file has no plot to import.', { reason: 'nothing-to-import' });
  const existing = await existingPlots(session.replica, args.studyId);
  const clashes = plots.filter((plot) => existing.has(plot.uniqueId)).length;
  if (clashes > 0 && !args.updateExisting) {
    throw new AppError('conflict', `${clashes} plot${clashes === 1 ? ' is' : 's are'} already in this study. Choose to update ${clashes === 1 ? 'it' : 'them'} from the file, or cancel.`, {
      reason: 'plots-exist',
    });
  }

  const germplasm = await germplasmByName(session.replica);
  // New germplasm first, then the plots: each kind then goes in as one run of inserts.
  const newGermplasm: EntityChange[] = [];
  const changes: EntityChange[] = [];
  let createdGermplasm = 0;
  const germplasmId = (name: string | null): string | null => {
    if (name === null || name === '') return null;
    const known = germplasm.get(name);
    if (known) return known;
    const id = newId();
    germplasm.set(name, id);
    createdGermplasm += 1;
    newGermplasm.push({ entity: 'germplasm', operation: 'insert', rowId: id, fields: { name } });
    return id;
  };
  let created = 0;
  let updated = 0;
  for (const plot of plots) {
    const fields: Record<string, unknown> = {
      plot_number: plot.plotNumber,
      block: plot.block,
      replicate: plot.replicate,
      position_row: plot.row,
      position_column: plot.column,
      germplasm_id: germplasmId(plot.germplasmName),
      entry_number: plot.entryNumber,
      barcode: plot.barcode ?? plot.uniqueId,
      geometry: plot.geometry,
      attributes: { ...plot.attributes, [uniqueIdAttribute]: plot.uniqueId },
    };
    const existingId = existing.get(plot.uniqueId);
    if (existingId) {
      changes.push({ entity: 'observation_units', operation: 'update', rowId: existingId, fields });
      updated += 1;
    } else {
      changes.push({ entity: 'observation_units', operation: 'insert', rowId: newId(), fields: { ...fields, study_id: args.studyId, kind: 'plot' } });
      created += 1;
    }
  }
  await session.write([...newGermplasm, ...changes]);
  return { created, updated, skipped: preview.errorCount, createdGermplasm };
}

async function germplasmByName(replica: Replica): Promise<Map<string, string>> {
  const rows = await replica.query<{ id: string; name: string }>('SELECT id, name FROM germplasm WHERE NOT deleted ORDER BY created_at, id');
  const byName = new Map<string, string>();
  for (const row of rows) if (!byName.has(row.name)) byName.set(row.name, row.id);
  return byName;
}

interface PlotExportRow {
  id: string;
  plot_number: number;
  block: number | null;
  replicate: number | null;
  position_row: number | null;
  position_column: number | null;
  entry_number: number | null;
  barcode: string | null;
  germplasm_name: string | null;
  attributes: Record<string, unknown> | null;
  geometry: { type: string; coordinates?: unknown } | null;
}

function exportPlot(row: PlotExportRow): ExportPlot {
  const entries = Object.entries(row.attributes ?? {}).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
  const uniqueId = entries.find(([key]) => key === uniqueIdAttribute)?.[1] ?? row.barcode ?? row.id;
  const attributes = Object.fromEntries(entries.filter(([key]) => key !== uniqueIdAttribute));
  return {
    uniqueId,
    plotNumber: row.plot_number,
    row: row.position_row,
    column: row.position_column,
    replicate: row.replicate,
    block: row.block,
    germplasmName: row.germplasm_name,
    entryNumber: row.entry_number,
    barcode: row.barcode,
    attributes,
    geometry: row.geometry,
  };
}

const safeName = (text: string): string => text.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'study';

/**
 * A study as a file: Field Book's database format (one row per current value), its table format
 * (one row per plot, the latest value of each variable), or JSON. Cleared values are left out.
 */
export async function exportStudy(session: StationSession, args: ApiArgs<'fieldbook:export-study'>): Promise<StudyExportFile> {
  const study = await requireStudy(session.replica, args.studyId);
  const plotRows = await session.replica.query<PlotExportRow>(
    `SELECT u.id, u.plot_number, u.block, u.replicate, u.position_row, u.position_column, u.entry_number, u.barcode,
            g.name AS germplasm_name, u.attributes, u.geometry
       FROM observation_units u LEFT JOIN germplasm g ON g.id = u.germplasm_id
      WHERE u.study_id = $1 AND NOT u.deleted ORDER BY u.plot_number, u.id`,
    [args.studyId],
  );
  const plots = plotRows.map(exportPlot);
  const uniqueIdOf = new Map(plotRows.map((row, i) => [row.id, plots[i]?.uniqueId ?? row.id]));
  const variables: ExportVariable[] = study.variables.map((v) => ({
    name: v.name, scaleType: v.scaleType, unit: v.unit, minimum: v.minimum, maximum: v.maximum, categories: v.categories,
  }));
  // By plot (index on unit_id), not by a join the planner may answer with a scan of every
  // observation in the station; names of variables, people and devices are looked up here.
  const variableName = new Map(study.variables.map((v) => [v.id, v.name]));
  const observationRows = await session.replica.query<{ unit_id: string; variable_id: string; value: string; observed_at: Date; collector_id: string | null; device_id: string | null; timepoint: string | null }>(
    `SELECT o.unit_id, o.variable_id, o.value, o.observed_at, o.collector_id, o.device_id, o.timepoint
       FROM observations o
      WHERE o.unit_id = ANY($1::uuid[]) AND o.variable_id = ANY($2::uuid[]) AND o.value <> ''
        AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)`,
    [plotRows.map((row) => row.id), [...variableName.keys()]],
  );
  const people = new Map((await session.replica.query<{ id: string; name: string }>('SELECT id, name FROM users')).map((row) => [row.id, row.name]));
  const devices = new Map((await session.replica.query<{ id: string; name: string }>('SELECT id, name FROM devices')).map((row) => [row.id, row.name]));
  observationRows.sort((a, b) => a.observed_at.getTime() - b.observed_at.getTime());
  const observations: ExportObservation[] = observationRows.map((row) => ({
    unitUniqueId: uniqueIdOf.get(row.unit_id) ?? row.unit_id,
    variableName: variableName.get(row.variable_id) ?? row.variable_id,
    value: row.value,
    observedAt: row.observed_at.toISOString(),
    collectorName: row.collector_id === null ? null : (people.get(row.collector_id) ?? null),
    deviceName: row.device_id === null ? null : (devices.get(row.device_id) ?? null),
    timepoint: row.timepoint,
  }));
  const base = safeName(`${study.trialName}-${study.name}`);
  switch (args.format) {
    case 'database':
      return { fileName: `${base}-database.csv`, mimeType: 'text/csv', content: exportDatabaseFormat(plots, variables, observations), rows: observations.length };
    case 'table':
      return { fileName: `${base}-table.csv`, mimeType: 'text/csv', content: exportTableFormat(plots, variables, observations), rows: plots.length };
    case 'json':
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        content: exportJson({ id: study.id, name: study.name, trialName: study.trialName }, plots, variables, observations),
        rows: observations.length,
      };
  }
}
