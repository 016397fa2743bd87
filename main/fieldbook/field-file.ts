import { AppError } from '../../common/errors';
import { fieldMappingSchema, type FieldMapping } from '../../common/api-contract';
import type { Table } from './read-table';

/** The roles a column of a Field Book field file can play; only the unique id is required. */
export const fieldRoles = ['uniqueId', 'plotNumber', 'row', 'column', 'replicate', 'block', 'germplasmName', 'entryNumber', 'barcode'] as const;
export type FieldRole = (typeof fieldRoles)[number];

/** Which column plays which role, as the person chose it (the schema lives with the API contract). */
export { fieldMappingSchema, type FieldMapping } from '../../common/api-contract';

export interface GeoJsonPoint {
  type: 'Point';
  /** [longitude, latitude], as GeoJSON orders them. */
  coordinates: [number, number];
}

export interface PlotDraft {
  uniqueId: string;
  plotNumber: number;
  row: number | null;
  column: number | null;
  replicate: number | null;
  block: number | null;
  germplasmName: string | null;
  entryNumber: number | null;
  barcode: string | null;
  /** Every column not mapped to a role (nor geo_coordinates), by its header name. */
  attributes: Record<string, string>;
  geometry: GeoJsonPoint | null;
}

export interface RowError {
  line: number;
  /** The header name of the column at fault, or null when the row as a whole is. */
  column: string | null;
  message: string;
}

export type PreviewRow = { line: number; ok: true; plot: PlotDraft } | { line: number; ok: false; errors: RowError[] };

export interface FieldPreview {
  rows: PreviewRow[];
  validCount: number;
  errorCount: number;
  /** 'line-order' when no plot number column was chosen: plots are numbered 1…n in file order. */
  plotNumberSource: 'column' | 'line-order';
  geometryColumn: string | null;
  attributeColumns: string[];
  /** Said to the person above the preview (includes the table's warnings). */
  notes: string[];
}

/** Field Book's usual header names per role, compared without case, spaces, '_' or '-'. */
const usualNames: Record<FieldRole, string[]> = {
  uniqueId: ['plotid', 'uniqueid', 'plotname', 'observationunitname', 'observationunitdbid'],
  plotNumber: ['plot', 'plotnumber', 'plotno'],
  row: ['row', 'rownumber', 'range'],
  column: ['col', 'column', 'colnumber', 'columnnumber'],
  replicate: ['rep', 'replicate', 'repnumber', 'replication'],
  block: ['block', 'blocknumber'],
  germplasmName: ['accession', 'germplasm', 'germplasmname', 'accessionname', 'genotype', 'variety'],
  entryNumber: ['entry', 'entrynumber', 'entryno'],
  barcode: ['barcode'],
};

const normalise = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const isGeoColumn = (header: string): boolean => normalise(header) === 'geocoordinates';

/**
 * Proposes a mapping from Field Book's usual column names. The unique id is null when no column
 * looks like one: the person must choose it.
 */
export function suggestMapping(headers: readonly string[]): { [R in FieldRole]: string | null } {
  const taken = new Set<string>();
  const pick = (role: FieldRole): string | null => {
    for (const name of usualNames[role]) {
      const header = headers.find((h) => !taken.has(h) && normalise(h) === name);
      if (header !== undefined) {
        taken.add(header);
        return header;
      }
    }
    return null;
  };
  // Picked in this order, so the unique id gets first claim on a column.
  return {
    uniqueId: pick('uniqueId'),
    plotNumber: pick('plotNumber'),
    row: pick('row'),
    column: pick('column'),
    replicate: pick('replicate'),
    block: pick('block'),
    germplasmName: pick('germplasmName'),
    entryNumber: pick('entryNumber'),
    barcode: pick('barcode'),
  };
}

const integerRoles = ['plotNumber', 'row', 'column', 'replicate', 'block', 'entryNumber'] as const;
type IntegerRole = (typeof integerRoles)[number];
const roleLabels: Record<IntegerRole, string> = {
  plotNumber: 'plot number',
  row: 'row',
  column: 'column',
  replicate: 'replicate',
  block: 'block',
  entryNumber: 'entry number',
};
const maxInteger = 2_147_483_647;

function readInteger(raw: string): number | 'not-a-number' | 'not-whole' | 'too-large' {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return 'not-a-number';
  const value = Number(raw);
  if (!Number.isInteger(value)) return 'not-whole';
  return Math.abs(value) > maxInteger ? 'too-large' : value;
}

/** Field Book writes positions as "lat;lon" (decimal degrees). */
export function parseGeoCoordinates(raw: string): GeoJsonPoint | string {
  const parts = raw.split(';').map((p) => p.trim());
  const number = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
  if (parts.length !== 2 || !parts.every((p) => number.test(p))) {
    return `"${raw}" is not a position written as latitude;longitude (for example 36.6677618;-96.3431604).`;
  }
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (lat < -90 || lat > 90) return `latitude ${lat} in "${raw}" is outside -90 to 90; check that latitude comes first.`;
  if (lon < -180 || lon > 180) return `longitude ${lon} in "${raw}" is outside -180 to 180.`;
  return { type: 'Point', coordinates: [lon, lat] };
}

function checkMapping(table: Table, input: FieldMapping): FieldMapping {
  const parsed = fieldMappingSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation', 'Choose the column that holds each plot\'s unique id before importing.', { field: 'uniqueId' });
  }
  for (const role of fieldRoles) {
    const column = parsed.data[role];
    if (column && !table.headers.includes(column)) {
      throw new AppError('validation', `The file has no column named "${column}". Choose one of its columns for that role.`, { field: role });
    }
  }
  return parsed.data;
}

/**
 * Turns a Field Book field file into plot drafts for a preview: one entry per data row, either a
 * plot or the reasons it cannot be one (missing or repeated unique id, text in a numeric column,
 * a geo_coordinates value that is not "lat;lon" or is out of range).
 */
export function previewFieldFile(table: Table, input: FieldMapping): FieldPreview {
  const mapping = checkMapping(table, input);
  if (table.rows.length === 0) {
    throw new AppError('validation', `"${table.fileName}" has column names but no plots below them. Choose the file with your plots.`, {
      reason: 'no-rows',
    });
  }
  const index = (column: string | null | undefined): number => (column ? table.headers.indexOf(column) : -1);
  const mapped = new Set(fieldRoles.map((role) => mapping[role]).filter((c): c is string => !!c));
  const geoIndex = table.headers.findIndex((h) => isGeoColumn(h) && !mapped.has(h));
  const attributeIndexes = table.headers.flatMap((h, i) => (mapped.has(h) || i === geoIndex ? [] : [i]));
  const uniqueIndex = index(mapping.uniqueId);
  const integerIndexes = integerRoles.map((role) => [role, index(mapping[role])] as const);

  const linesById = new Map<string, number[]>();
  for (const row of table.rows) {
    const id = row.cells[uniqueIndex] ?? '';
    if (id !== '') linesById.set(id, [...(linesById.get(id) ?? []), row.line]);
  }

  const rows = table.rows.map((row, position): PreviewRow => {
    const errors: RowError[] = [];
    const fail = (column: string | null, message: string): void => void errors.push({ line: row.line, column, message });
    const uniqueId = row.cells[uniqueIndex] ?? '';
    if (uniqueId === '') fail(mapping.uniqueId, `Line ${row.line} has no unique id in "${mapping.uniqueId}". Every plot needs one.`);
    const others = (linesById.get(uniqueId) ?? []).filter((line) => line !== row.line);
    if (others.length > 0) {
      fail(mapping.uniqueId, `Unique id "${uniqueId}" is on line ${row.line} and also on line ${others.join(', ')}. Each plot needs its own.`);
    }
    const numbers: Partial<Record<IntegerRole, number | null>> = {};
    for (const [role, i] of integerIndexes) {
      if (i < 0) continue;
      const column = table.headers[i] ?? role;
      const raw = row.cells[i] ?? '';
      if (raw === '') {
        if (role === 'plotNumber') fail(column, `Line ${row.line} has no plot number in "${column}".`);
        numbers[role] = null;
        continue;
      }
      const value = readInteger(raw);
      if (value === 'not-a-number') fail(column, `"${raw}" in "${column}" is not a number; the ${roleLabels[role]} must be a whole number.`);
      else if (value === 'not-whole') fail(column, `"${raw}" in "${column}" is not a whole number; the ${roleLabels[role]} must be one.`);
      else if (value === 'too-large') fail(column, `"${raw}" in "${column}" is too large for a ${roleLabels[role]}.`);
      else numbers[role] = value;
    }
    let geometry: GeoJsonPoint | null = null;
    const geoRaw = geoIndex >= 0 ? (row.cells[geoIndex] ?? '') : '';
    if (geoRaw !== '') {
      const point = parseGeoCoordinates(geoRaw);
      if (typeof point === 'string') fail(table.headers[geoIndex] ?? null, `Line ${row.line}: ${point}`);
      else geometry = point;
    }
    if (errors.length > 0) return { line: row.line, ok: false, errors };
    const text = (column: string | null | undefined): string | null => {
      const value = column ? (row.cells[index(column)] ?? '') : '';
      return value === '' ? null : value;
    };
    const attributes: Record<string, string> = {};
    for (const i of attributeIndexes) attributes[table.headers[i] ?? ''] = row.cells[i] ?? '';
    const plot: PlotDraft = {
      uniqueId,
      plotNumber: numbers.plotNumber ?? position + 1,
      row: numbers.row ?? null,
      column: numbers.column ?? null,
      replicate: numbers.replicate ?? null,
      block: numbers.block ?? null,
      germplasmName: text(mapping.germplasmName),
      entryNumber: numbers.entryNumber ?? null,
      barcode: text(mapping.barcode),
      attributes,
      geometry,
    };
    return { line: row.line, ok: true, plot };
  });

  const errorCount = rows.filter((r) => !r.ok).length;
  const notes = [...table.warnings];
  const plotNumberSource = mapping.plotNumber ? 'column' : 'line-order';
  if (plotNumberSource === 'line-order') {
    notes.push(`No plot number column was chosen: plots are numbered 1 to ${rows.length} in the order of the file.`);
  }
  if (errorCount > 0) notes.push(`${errorCount} of ${rows.length} rows need fixing before they can be imported.`);
  return {
    rows,
    validCount: rows.length - errorCount,
    errorCount,
    plotNumberSource,
    geometryColumn: geoIndex >= 0 ? (table.headers[geoIndex] ?? null) : null,
    attributeColumns: attributeIndexes.map((i) => table.headers[i] ?? ''),
    notes,
  };
}
