import { AppError } from '../../common/errors';
import { checkValue, type Scale } from '../../common/scale-validation';
import { unguardFormula, type FormulaGuard } from './csv-writing';
import { suggestMapping, type RowError } from './field-file';
import { parseFieldBookTimestamp } from './fieldbook-time';
import type { Table } from './read-table';

export interface ObservationDraft {
  line: number;
  unitUniqueId: string;
  variableName: string;
  /** As in the file, or the scale's canonical form when `variables` were given. */
  value: string;
  /** ISO 8601 UTC instant. */
  observedAt: string;
  collectorName: string | null;
  deviceName: string | null;
  timepoint: string | null;
  /** Field Book's `number`: which repeated measure of the trait on that plot. */
  repeat: number | null;
  location: string | null;
  photo: string | null;
  video: string | null;
  audio: string | null;
}

export type ObservationRow = { line: number; ok: true; observation: ObservationDraft } | { line: number; ok: false; errors: RowError[] };

export interface DatabaseImportOptions {
  /** The column holding the plots' unique id; by default Field Book's usual names (plot_id, …), else the first column. */
  uniqueIdColumn?: string;
  /** Wall-time zone for timestamps written without an offset (IANA name); UTC by default. */
  timeZone?: string;
  /** The study's variables by name: when given, traits must be among them and values must pass their scale. */
  variables?: ReadonlyMap<string, Scale>;
  /** The study's plots' unique ids: when given, every row must name one of them. */
  unitIds?: ReadonlySet<string>;
  /** How the file was written (see csv-writing.ts): 'quote-prefix' (our default) takes the guarding apostrophe off again. */
  formulaGuard?: FormulaGuard;
}

export interface DatabaseImport {
  rows: ObservationRow[];
  observations: ObservationDraft[];
  validCount: number;
  errorCount: number;
  uniqueIdColumn: string;
  /** Where timepoints came from: our timepoint column, Field Book's repeat number, or nowhere. */
  timepointSource: 'column' | 'number' | 'none';
  notes: string[];
}

const observationColumns = ['trait', 'value', 'timestamp', 'person', 'location', 'number', 'attached_photo', 'attached_video', 'attached_audio', 'device_name', 'timepoint'] as const;
type ObservationColumn = (typeof observationColumns)[number];

function columnIndexes(table: Table): Record<ObservationColumn, number> {
  const lower = table.headers.map((h) => h.toLowerCase());
  const find = (name: ObservationColumn): number => lower.indexOf(name);
  const at: Record<ObservationColumn, number> = {
    trait: find('trait'),
    value: find('value'),
    timestamp: find('timestamp'),
    person: find('person'),
    location: find('location'),
    number: find('number'),
    attached_photo: find('attached_photo'),
    attached_video: find('attached_video'),
    attached_audio: find('attached_audio'),
    device_name: find('device_name'),
    timepoint: find('timepoint'),
  };
  const missing = (['trait', 'value', 'timestamp'] as const).filter((c) => at[c] < 0);
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `"${table.fileName}" is not a Field Book database export: it has no ${missing.map((m) => `"${m}"`).join(', ')} column. Export from Field Book with the "Database" format and choose that file.`,
      { reason: 'not-a-database-export', missing },
    );
  }
  return at;
}

function chooseUniqueIdColumn(table: Table, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!table.headers.includes(requested)) {
      throw new AppError('validation', `The file has no column named "${requested}". Choose the column that holds the plots' unique id.`, {
        field: 'uniqueIdColumn',
      });
    }
    return requested;
  }
  const reserved = new Set<string>(observationColumns);
  return suggestMapping(table.headers).uniqueId ?? table.headers.find((h) => !reserved.has(h.toLowerCase())) ?? table.headers[0] ?? '';
}

/**
 * Reads a Field Book "database" export (ours or the app's) into observation drafts, one per row,
 * or the reasons a row cannot be one: no unique id, unknown plot or trait, no value, a value the
 * variable's scale refuses, a timestamp that is not one.
 */
export function importDatabaseFormat(table: Table, options: DatabaseImportOptions = {}): DatabaseImport {
  const at = columnIndexes(table);
  if (table.rows.length === 0) {
    throw new AppError('validation', `"${table.fileName}" has a header but no observations below it.`, { reason: 'no-rows' });
  }
  const uniqueIdColumn = chooseUniqueIdColumn(table, options.uniqueIdColumn);
  const idIndex = table.headers.indexOf(uniqueIdColumn);
  const header = (column: ObservationColumn): string => table.headers[at[column]] ?? column;
  const unguard = options.formulaGuard === 'none' ? (text: string): string => text : unguardFormula;
  const read = (cells: string[], column: ObservationColumn): string => (at[column] >= 0 ? unguard(cells[at[column]] ?? '') : '');
  const orNull = (text: string): string | null => (text === '' ? null : text);
  const variablesByLowerName = new Map([...(options.variables ?? new Map<string, Scale>())].map(([name, scale]) => [name.toLowerCase(), { name, scale }]));

  const numbers = table.rows.map((row) => read(row.cells, 'number'));
  const timepointSource = at.timepoint >= 0 ? 'column' : numbers.some((n) => /^\d+$/.test(n) && Number(n) > 1) ? 'number' : 'none';

  const rows = table.rows.map((row, i): ObservationRow => {
    const errors: RowError[] = [];
    const fail = (column: string | null, message: string): void => void errors.push({ line: row.line, column, message });
    const unitUniqueId = unguard(row.cells[idIndex] ?? '');
    let variableName = read(row.cells, 'trait');
    let value = read(row.cells, 'value');
    const timestamp = read(row.cells, 'timestamp');
    if (unitUniqueId === '') fail(uniqueIdColumn, `Line ${row.line} has no unique id in "${uniqueIdColumn}".`);
    else if (options.unitIds && !options.unitIds.has(unitUniqueId)) {
      fail(uniqueIdColumn, `Line ${row.line}: no plot of this study has the unique id "${unitUniqueId}".`);
    }
    if (variableName === '') fail(header('trait'), `Line ${row.line} names no trait.`);
    if (value === '') fail(header('value'), `Line ${row.line} has no value.`);
    if (options.variables && variableName !== '') {
      const known = options.variables.has(variableName) ? { name: variableName, scale: options.variables.get(variableName) } : variablesByLowerName.get(variableName.toLowerCase());
      if (!known?.scale) fail(header('trait'), `Line ${row.line}: "${variableName}" is not a variable of this study.`);
      else {
        variableName = known.name;
        if (value !== '' && known.scale.scaleType !== 'photo') {
          const checked = checkValue(known.scale, value);
          if (checked.ok) value = checked.value;
          else fail(header('value'), `Line ${row.line}: ${checked.message}`);
        }
      }
    }
    const observedAt = parseFieldBookTimestamp(timestamp, options.timeZone);
    if (observedAt === null) {
      fail(header('timestamp'), `Line ${row.line}: "${timestamp}" is not a time written as yyyy-MM-dd HH:mm:ss.SSS±hh:mm.`);
    }
    const number = numbers[i] ?? '';
    if (number !== '' && !/^\d+$/.test(number)) fail(header('number'), `Line ${row.line}: number "${number}" is not a whole number.`);
    if (errors.length > 0 || observedAt === null) return { line: row.line, ok: false, errors };
    const timepoint = timepointSource === 'column' ? orNull(read(row.cells, 'timepoint')) : timepointSource === 'number' ? orNull(number) : null;
    const observation: ObservationDraft = {
      line: row.line,
      unitUniqueId,
      variableName,
      value,
      observedAt,
      collectorName: orNull(read(row.cells, 'person')),
      deviceName: orNull(read(row.cells, 'device_name')),
      timepoint,
      repeat: number === '' ? null : Number(number),
      location: orNull(read(row.cells, 'location')),
      photo: orNull(read(row.cells, 'attached_photo')),
      video: orNull(read(row.cells, 'attached_video')),
      audio: orNull(read(row.cells, 'attached_audio')),
    };
    return { line: row.line, ok: true, observation };
  });

  const observations = rows.flatMap((r) => (r.ok ? [r.observation] : []));
  const errorCount = rows.length - observations.length;
  const notes = [...table.warnings];
  if (timepointSource === 'number') notes.push('Repeated measures in the file became timepoints named by their number (1, 2, …).');
  if (errorCount > 0) notes.push(`${errorCount} of ${rows.length} observations need fixing before they can be imported.`);
  return { rows, observations, validCount: observations.length, errorCount, uniqueIdColumn, timepointSource, notes };
}
