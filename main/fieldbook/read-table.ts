import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { AppError } from '../../common/errors';
import { decodeText, type TextEncodingName } from './text-decoding';

/** One data row. `line` is the row number a spreadsheet shows for it (the header row is line 1 when it is the first row). */
export interface TableRow {
  line: number;
  /** One string per header column, trimmed; a missing cell is ''. */
  cells: string[];
}

export interface Table {
  fileName: string;
  format: 'csv' | 'xlsx';
  /** For CSV: the delimiter used, and how the bytes were decoded. */
  delimiter: ',' | ';' | '\t' | null;
  encoding: TextEncodingName | null;
  headers: string[];
  headerLine: number;
  rows: TableRow[];
  /** Things the person should check in the preview; the table is still usable. */
  warnings: string[];
}

const csvExtensions = ['csv', 'txt', 'tsv', 'trt'];
const acceptedFiles = 'CSV (.csv, .txt, .tsv), Field Book trait files (.trt) or Excel (.xlsx)';

const validation = (message: string, reason: string, details: Record<string, unknown> = {}): AppError =>
  new AppError('validation', message, { reason, ...details });

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const isZip = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOldExcel = (b: Uint8Array): boolean => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Excel shows 15 significant digits; the file may hold 17 (0.30000000000000004). Keep what Excel shows. */
function numberText(raw: string): string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw.trim();
  const plain = String(value);
  const digits = plain.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
  return digits.length > 15 ? String(Number(value.toPrecision(15))) : plain;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Excel dates have no time zone: the reader gives them as UTC wall time. A date alone stays a date. */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  const ms = date.getUTCMilliseconds();
  if (h === 0 && m === 0 && s === 0 && ms === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** A cell as read-excel-file gives it: string (numbers too, through parseNumber), boolean, Date or null. */
function cellText(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return numberText(String(cell));
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : dateText(cell);
  return '';
}

async function readXlsxCells(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const sheet: unknown[][] = await readSheet(buffer, { parseNumber: (raw: string) => numberText(raw) });
    return sheet.map((row) => row.map(cellText));
  } catch {
    throw validation(
      `"${fileName}" could not be read as an Excel workbook. Open it in Excel or LibreOffice, save it again as .xlsx (or CSV), and choose it again.`,
      'unreadable-xlsx',
    );
  }
}

const delimiters = [',', ';', '\t'] as const;
type Delimiter = (typeof delimiters)[number];

/**
 * The delimiter that splits the header into the most columns while the first rows agree with it.
 * (Papa Parse's own guess needs three or more columns and no blank last line to be sure.)
 */
function guessDelimiter(text: string): Delimiter {
  const truncated = text.length > 65_536;
  const sample = truncated ? text.slice(0, 65_536) : text;
  let best: { delimiter: Delimiter; agreement: number; columns: number } = { delimiter: ',', agreement: 0, columns: 1 };
  for (const delimiter of delimiters) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 30, skipEmptyLines: 'greedy' }).data;
    const columns = rows[0]?.length ?? 0;
    if (columns < 2) continue;
    const body = rows.slice(1, truncated && rows.length > 2 ? -1 : undefined); // a cut sample may end mid-row
    const agreement = body.length === 0 ? 1 : body.filter((row) => row.length === columns).length / body.length;
    if (agreement > best.agreement || (agreement === best.agreement && columns > best.columns)) best = { delimiter, agreement, columns };
  }
  return best.delimiter;
}

interface CsvCells {
  cells: string[][];
  delimiter: Delimiter;
  encoding: TextEncodingName;
  warnings: string[];
}

function readCsvCells(bytes: Uint8Array, fileName: string, extension: string): CsvCells {
  const decoded = decodeText(bytes, fileName);
  const delimiter = extension === 'tsv' ? '\t' : guessDelimiter(decoded.text);
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter, skipEmptyLines: false });
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed) {
    throw validation(
      `A quoted value in "${fileName}" is never closed (it starts near row ${(unclosed.row ?? 0) + 1}), so the rest of the file would be read as one value. Add the missing " and choose the file again.`,
      'unclosed-quote',
      { line: (unclosed.row ?? 0) + 1 },
    );
  }
  const warnings = [...decoded.warnings];
  if (parsed.errors.some((e) => e.code === 'InvalidQuotes')) {
    warnings.push('Some values have stray quote marks; they were read as they are. Check them in the preview.');
  }
  for (const row of parsed.data) for (let i = 0; i < row.length; i++) row[i] = (row[i] ?? '').trim();
  return { cells: parsed.data, delimiter, encoding: decoded.encoding, warnings };
}

const isBlank = (row: readonly string[]): boolean => row.every((cell) => cell === '');

function describeColumns(indexes: number[]): string {
  return indexes.map((i) => i + 1).join(' and ');
}

/** Finds the header row, checks its names, and squares every data row to the header's width. */
function toTable(cells: string[][], base: Omit<Table, 'headers' | 'headerLine' | 'rows'>): Table {
  const headerIndex = cells.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) throw validation(`"${base.fileName}" is empty. Choose the file that holds your table.`, 'empty-file');
  const rawHeaders = cells[headerIndex] ?? [];
  const dataRows = cells.slice(headerIndex + 1);
  let width = rawHeaders.length;
  while (width > 0 && rawHeaders[width - 1] === '' && dataRows.every((row) => (row[width - 1] ?? '') === '')) width--;
  const headers = rawHeaders.slice(0, width);
  const unnamed = headers.flatMap((name, i) => (name === '' ? [i] : []));
  if (unnamed.length > 0) {
    throw validation(
      `The first row of "${base.fileName}" must hold a name for every column; column ${describeColumns(unnamed)} has none. Add the column names (or delete the unused columns) and choose the file again.`,
      'missing-header',
      { columns: unnamed.map((i) => i + 1) },
    );
  }
  const seen = new Map<string, number[]>();
  headers.forEach((name, i) => seen.set(name.toLowerCase(), [...(seen.get(name.toLowerCase()) ?? []), i]));
  const duplicates = [...seen.values()].filter((indexes) => indexes.length > 1);
  if (duplicates.length > 0) {
    const list = duplicates.map((indexes) => `"${headers[indexes[0] ?? 0]}" (columns ${describeColumns(indexes)})`).join(', ');
    throw validation(
      `Column names must be different from each other; ${list} appear more than once. Rename one of each and choose the file again.`,
      'duplicate-header',
      { names: duplicates.map((indexes) => headers[indexes[0] ?? 0]) },
    );
  }
  const rows: TableRow[] = [];
  const overlong: number[] = [];
  dataRows.forEach((row, i) => {
    if (isBlank(row)) return;
    const line = headerIndex + i + 2;
    if (row.slice(width).some((cell) => cell !== '')) overlong.push(line);
    const squared = row.length === width ? row : Array.from({ length: width }, (_, c) => row[c] ?? '');
    rows.push({ line, cells: squared });
  });
  const warnings = [...base.warnings];
  if (overlong.length > 0) {
    const shown = overlong.slice(0, 5).join(', ') + (overlong.length > 5 ? ` and ${overlong.length - 5} more` : '');
    warnings.push(`Rows ${shown} have more values than there are column names; the extra values were left out.`);
  }
  return { ...base, headers, headerLine: headerIndex + 1, rows, warnings };
}

/**
 * Reads a table from a file's bytes: CSV (comma, semicolon or tab; UTF-8 with or without BOM,
 * UTF-16 by BOM, Windows-1252 as a fallback) or the first sheet of an .xlsx workbook. Every cell
 * becomes a trimmed string. Throws a validation error a person can act on for files that cannot be
 * a table: empty, no header, duplicate column names, binary or unsupported.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  const extension = extensionOf(fileName);
  if (bytes.length === 0) throw validation(`"${fileName}" is empty. Choose the file that holds your table.`, 'empty-file');
  if (isOldExcel(bytes) || extension === 'xls') {
    throw validation(
      `"${fileName}" is in the old Excel format (.xls). Open it in Excel or LibreOffice, save it as .xlsx or CSV, and choose it again.`,
      'old-excel',
    );
  }
  if (extension === 'xlsx' || (isZip(bytes) && csvExtensions.includes(extension))) {
    const cells = await readXlsxCells(bytes, fileName);
    return toTable(cells, { fileName, format: 'xlsx', delimiter: null, encoding: null, warnings: [] });
  }
  if (!csvExtensions.includes(extension)) {
    throw validation(`Field Station reads ${acceptedFiles}; "${fileName}" is none of these.`, 'unsupported-file');
  }
  const csv = readCsvCells(bytes, fileName, extension);
  return toTable(csv.cells, { fileName, format: 'csv', delimiter: csv.delimiter, encoding: csv.encoding, warnings: csv.warnings });
}
