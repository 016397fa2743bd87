/**
 * CSV cells for files people open in a spreadsheet.
 *
 * Quoting follows RFC 4180: a cell holding a comma, a quote or a line break is quoted and its
 * quotes doubled; other cells are written as they are (Field Book quotes every cell; both read the
 * same everywhere).
 *
 * Formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or a
 * tab or carriage return) as a formula, so a plot note like `=HYPERLINK(...)` recorded in the field
 * would become live in whoever opens the export. With the 'quote-prefix' guard such a cell gets a
 * leading apostrophe, which spreadsheets treat as "this is text" and hide. Plain numbers are left
 * alone (-5, +3.2 and 1e-3 are data, not formulas), so numeric traits stay numbers for R, Python
 * and Excel alike. The guard changes the text other programs read, so our own importer takes the
 * apostrophe off again (`unguardFormula`); a value that already starts with apostrophes before
 * such a character gets one more, so the round trip is exact.
 */
export type FormulaGuard = 'quote-prefix' | 'none';

const needsQuotes = /[",\r\n]/;
const formulaStart = /^'*[=+\-@\t\r]/;
const guardedStart = /^'+[=+\-@\t\r]/;
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function guardFormula(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

/** Undoes `guardFormula` for a cell read back from a file. */
export function unguardFormula(value: string): string {
  return guardedStart.test(value) ? value.slice(1) : value;
}

export function csvCell(value: string, guard: FormulaGuard): string {
  const text = guard === 'quote-prefix' ? guardFormula(value) : value;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly string[], guard: FormulaGuard): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvCell(values[i] ?? '', guard);
  return line;
}
