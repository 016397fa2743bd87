import { AppError } from '../../common/errors';
import { checkValue, type Scale } from '../../common/scale-validation';
import type { ScaleType } from '../../common/vocabulary';
import type { RowError } from './field-file';
import type { Table } from './read-table';

/** An observation variable as the replica stores it, plus what Field Book knows about its place in the list. */
export interface VariableDraft {
  name: string;
  trait: string;
  method: string | null;
  scaleType: ScaleType;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  categories: { value: string; label: string }[] | null;
  decimalPlaces: number | null;
  description: string | null;
  defaultValue: string | null;
  visible: boolean;
  position: number;
  /** The format as the trait file names it ('rust rating', 'multicat', …). */
  fieldBookFormat: string;
}

export type TraitRow =
  | { line: number; ok: true; variable: VariableDraft; notes: string[] }
  | { line: number; ok: false; errors: RowError[] };

export interface TraitFilePreview {
  rows: TraitRow[];
  /** The valid rows' variables, in Field Book's order (realPosition, then file order). */
  variables: VariableDraft[];
  validCount: number;
  errorCount: number;
  notes: string[];
}

export const traitFileHeaders = ['trait', 'format', 'defaultValue', 'minimum', 'maximum', 'details', 'categories', 'isVisible', 'realPosition'] as const;
type TraitColumn = (typeof traitFileHeaders)[number];

interface FormatMapping {
  scaleType: ScaleType;
  unit?: string;
  note?: string;
}

/** Field Book formats that have a Field Station counterpart. Anything else is refused per row. */
const formatMappings: Record<string, FormatMapping> = {
  numeric: { scaleType: 'numeric' },
  categorical: { scaleType: 'categorical' },
  qualitative: { scaleType: 'categorical' },
  date: { scaleType: 'date' },
  percent: { scaleType: 'percent' },
  boolean: { scaleType: 'boolean' },
  text: { scaleType: 'text' },
  barcode: { scaleType: 'text' },
  counter: { scaleType: 'counter' },
  photo: { scaleType: 'photo' },
  'usb camera': { scaleType: 'photo', note: 'Photos from a USB camera become ordinary photos.' },
  gopro: { scaleType: 'photo', note: 'Photos from a GoPro become ordinary photos.' },
  canon: { scaleType: 'photo', note: 'Photos from a Canon camera become ordinary photos.' },
  angle: { scaleType: 'numeric', unit: '°', note: 'Angles are typed in degrees here; Field Book measured them with the device.' },
  'disease rating': {
    scaleType: 'text',
    note: 'Disease ratings (such as 20MR or 10R/40S) are kept as text; their incidence and severity are not checked.',
  },
  'rust rating': {
    scaleType: 'text',
    note: 'Disease ratings (such as 20MR or 10R/40S) are kept as text; their incidence and severity are not checked.',
  },
  multicat: {
    scaleType: 'text',
    note: 'Field Station records one category per value, so this multi-category trait is kept as text (its categories are listed in the description).',
  },
};

export const supportedFieldBookFormats = Object.keys(formatMappings);

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const maxPosition = 2_147_483_647;

function parseCategories(raw: string): string[] {
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) {
        return parsed
          .map((c: unknown) => (typeof c === 'string' ? c : typeof c === 'object' && c !== null && 'label' in c ? String(c.label) : ''))
          .map((c) => c.trim())
          .filter((c) => c !== '');
      }
    } catch {
      // Not JSON after all: read it as Field Book's slash-separated list.
    }
  }
  return raw.split('/').map((c) => c.trim()).filter((c) => c !== '');
}

function columnIndexes(table: Table): Record<TraitColumn, number> {
  const lower = table.headers.map((h) => h.toLowerCase());
  const find = (name: TraitColumn): number => lower.indexOf(name.toLowerCase());
  const indexes: Record<TraitColumn, number> = {
    trait: find('trait'),
    format: find('format'),
    defaultValue: find('defaultValue'),
    minimum: find('minimum'),
    maximum: find('maximum'),
    details: find('details'),
    categories: find('categories'),
    isVisible: find('isVisible'),
    realPosition: find('realPosition'),
  };
  const missing = (['trait', 'format'] as const).filter((name) => indexes[name] === -1);
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `"${table.fileName}" is not a Field Book trait file: it has no ${missing.map((m) => `"${m}"`).join(' or ')} column. Trait files start with the header ${traitFileHeaders.join(',')}.`,
      { reason: 'not-a-trait-file', missing },
    );
  }
  return indexes;
}

/**
 * Reads a Field Book trait file (.trt) into variable drafts, one per row, or the reasons a row
 * cannot be one: an unsupported format (named, with what is supported), a minimum or maximum that
 * is not a number, a minimum above the maximum, a categorical trait without categories, a default
 * the scale refuses, a repeated trait name.
 */
export function parseTraitFile(table: Table): TraitFilePreview {
  const at = columnIndexes(table);
  if (table.rows.length === 0) {
    throw new AppError('validation', `"${table.fileName}" has a header but no traits below it.`, { reason: 'no-rows' });
  }
  const cell = (cells: string[], column: TraitColumn): string => (at[column] >= 0 ? (cells[at[column]] ?? '') : '');
  const header = (column: TraitColumn): string => table.headers[at[column]] ?? column;
  const linesByName = new Map<string, number[]>();
  for (const row of table.rows) {
    const key = cell(row.cells, 'trait').toLowerCase();
    if (key !== '') linesByName.set(key, [...(linesByName.get(key) ?? []), row.line]);
  }

  const rows = table.rows.map((row, order): TraitRow => {
    const errors: RowError[] = [];
    const fail = (column: TraitColumn | null, message: string): void =>
      void errors.push({ line: row.line, column: column ? header(column) : null, message });
    const name = cell(row.cells, 'trait');
    const format = cell(row.cells, 'format');
    const formatKey = format.toLowerCase();
    if (name === '') fail('trait', `Line ${row.line} has no trait name.`);
    const others = (linesByName.get(name.toLowerCase()) ?? []).filter((line) => line !== row.line);
    if (name !== '' && others.length > 0) fail('trait', `Trait "${name}" is on line ${row.line} and also on line ${others.join(', ')}. Trait names must be unique.`);
    const mapping = formatMappings[formatKey];
    if (!mapping) {
      const what = format === '' ? 'has no format' : `has format "${format}", which Field Station cannot record`;
      fail('format', `Trait "${name}" ${what}. Supported formats: ${supportedFieldBookFormats.join(', ')}.`);
    }

    const bound = (column: 'minimum' | 'maximum'): number | null => {
      const raw = cell(row.cells, column).replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
      if (raw === '') return null;
      if (!numberPattern.test(raw)) {
        fail(column, `The ${column} of "${name}" is "${raw}", which is not a number.`);
        return null;
      }
      return Number(raw);
    };
    const minimum = bound('minimum');
    const maximum = bound('maximum');
    if (minimum !== null && maximum !== null && minimum > maximum) {
      fail('maximum', `The minimum of "${name}" (${minimum}) is above its maximum (${maximum}).`);
    }
    const categoryNames = parseCategories(cell(row.cells, 'categories'));
    if (mapping?.scaleType === 'categorical' || formatKey === 'multicat') {
      if (categoryNames.length === 0) fail('categories', `"${name}" is ${format} but lists no categories (write them as a/b/c).`);
      const repeated = categoryNames.filter((c, i) => categoryNames.findIndex((d) => d.toLowerCase() === c.toLowerCase()) !== i);
      if (repeated.length > 0) fail('categories', `"${name}" lists the category "${repeated[0]}" more than once.`);
    }
    const visibleRaw = cell(row.cells, 'isVisible').toLowerCase();
    if (visibleRaw !== '' && visibleRaw !== 'true' && visibleRaw !== 'false') {
      fail('isVisible', `isVisible of "${name}" is "${cell(row.cells, 'isVisible')}"; it must be true or false.`);
    }
    const positionRaw = cell(row.cells, 'realPosition');
    const position = positionRaw === '' ? order + 1 : Number(positionRaw);
    if (!Number.isSafeInteger(position) || position < 0 || position > maxPosition) {
      fail('realPosition', `realPosition of "${name}" is "${positionRaw}"; it must be a whole number.`);
    }
    if (errors.length > 0 || !mapping) return { line: row.line, ok: false, errors };

    const details = cell(row.cells, 'details');
    const multicatList = formatKey === 'multicat' ? `Categories: ${categoryNames.join(', ')}.` : '';
    const description = [details, multicatList].filter((d) => d !== '').join(' ') || null;
    const scale: Scale = {
      name,
      scaleType: mapping.scaleType,
      unit: mapping.unit ?? null,
      minimum,
      maximum,
      decimalPlaces: null,
      categories: mapping.scaleType === 'categorical' ? categoryNames.map((c) => ({ value: c, label: c })) : null,
    };
    const defaultRaw = cell(row.cells, 'defaultValue');
    let defaultValue: string | null = null;
    if (defaultRaw !== '' && scale.scaleType !== 'photo') {
      const checked = checkValue(scale, defaultRaw);
      if (!checked.ok) return { line: row.line, ok: false, errors: [{ line: row.line, column: header('defaultValue'), message: `Default value: ${checked.message}` }] };
      defaultValue = checked.value;
    }
    const variable: VariableDraft = {
      ...scale,
      trait: name,
      method: null,
      description,
      defaultValue,
      visible: visibleRaw !== 'false',
      position,
      fieldBookFormat: format,
    };
    return { line: row.line, ok: true, variable, notes: mapping.note ? [mapping.note] : [] };
  });

  const variables = rows
    .flatMap((r) => (r.ok ? [r.variable] : []))
    .map((variable, i) => ({ variable, i }))
    .sort((a, b) => a.variable.position - b.variable.position || a.i - b.i)
    .map(({ variable }) => variable);
  const errorCount = rows.length - variables.length;
  const notes = [...table.warnings];
  if (errorCount > 0) notes.push(`${errorCount} of ${rows.length} traits need fixing before they can be imported.`);
  return { rows, variables, validCount: variables.length, errorCount, notes };
}
