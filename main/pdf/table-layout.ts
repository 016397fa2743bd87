import { mm } from './pdf-document';
import type { Measure } from './text-layout';
import { toWinAnsi } from './win-ansi';

export interface ColumnSizing {
  /** Fixed width in millimetres; omitted, the column is sized from its content. */
  width?: number;
  /** Widest single piece of content (header, cell or total), in points. */
  natural: number;
  /** Narrowest sensible width (its longest header word, or a short number), in points. */
  minimum: number;
}

/** Widest content of each column, in points, for sizing from content. */
export function naturalWidths(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  totals: readonly string[] | undefined,
  body: Measure,
  bold: Measure,
): { natural: number[]; minimum: number[] } {
  const words = headers.map((header) => toWinAnsi(header).split(' '));
  const natural = words.map((w) => bold(w.join(' ')));
  const minimum = words.map((w) => Math.max(...w.map(bold), body('00000')));
  for (const row of rows) {
    row.forEach((cell, index) => {
      // Each paragraph of a cell is one piece: a long one wraps, a short one should not have to.
      for (const part of cell.split('\n')) natural[index] = Math.max(natural[index] ?? 0, body(toWinAnsi(part)));
    });
  }
  totals?.forEach((cell, index) => {
    natural[index] = Math.max(natural[index] ?? 0, bold(toWinAnsi(cell)));
  });
  return { natural, minimum };
}

/**
 * Shares `tableWidth` among the columns. Fixed widths are kept (scaled down together if they alone
 * overflow). Content-sized columns that fit within a fair share get their natural width; the others
 * share what is left in proportion to their content but never below their minimum. Whatever room is
 * still spare goes to every content-sized column in proportion, so the table spans the page.
 */
export function columnWidths(columns: readonly ColumnSizing[], tableWidth: number, padding: number): number[] {
  const widths: (number | undefined)[] = columns.map((c) => (c.width === undefined ? undefined : mm(c.width)));
  const fixedTotal = widths.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const autoCount = widths.filter((w) => w === undefined).length;
  const autoRoom = tableWidth - fixedTotal;
  if (autoCount === 0 || autoRoom <= autoCount * 2 * padding) {
    // Only fixed columns, or no room left for the others: scale what was asked to fit.
    const floor = autoCount === 0 ? 0 : 2 * padding + mm(8);
    const scale = (tableWidth - autoCount * floor) / Math.max(fixedTotal, 1);
    return widths.map((w) => (w === undefined ? floor : w * (autoCount === 0 ? tableWidth / Math.max(fixedTotal, 1) : scale)));
  }
  const want = columns.map((c) => Math.max(c.natural, c.minimum) + 2 * padding);
  const floorOf = columns.map((c) => c.minimum + 2 * padding);
  let open = columns.map((_, i) => i).filter((i) => widths[i] === undefined);
  let room = autoRoom;
  // Settle the columns whose content fits a fair share of what is left, until none does.
  for (;;) {
    const fair = room / open.length;
    const settled = open.filter((i) => (want[i] ?? 0) <= fair);
    if (settled.length === 0 || settled.length === open.length) break;
    for (const i of settled) {
      widths[i] = want[i] ?? 0;
      room -= want[i] ?? 0;
    }
    open = open.filter((i) => widths[i] === undefined);
  }
  const wantOpen = open.reduce((sum, i) => sum + (want[i] ?? 0), 0);
  for (const i of open) widths[i] = Math.max(floorOf[i] ?? 0, wantOpen <= room ? (want[i] ?? 0) : (room * (want[i] ?? 0)) / wantOpen);
  // Minimums may have pushed past the width: take it back from the widest open columns' share.
  const used = widths.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  if (used > tableWidth) {
    const overflow = used - tableWidth;
    const slack = open.reduce((sum, i) => sum + Math.max(0, (widths[i] ?? 0) - (floorOf[i] ?? 0)), 0);
    for (const i of open) widths[i] = (widths[i] ?? 0) - (slack > 0 ? (overflow * Math.max(0, (widths[i] ?? 0) - (floorOf[i] ?? 0))) / slack : 0);
  }
  const spare = tableWidth - widths.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  if (spare > 0) {
    const autoIndexes = columns.map((c, i) => (c.width === undefined ? i : -1)).filter((i) => i >= 0);
    const autoTotal = autoIndexes.reduce((sum, i) => sum + (widths[i] ?? 0), 0);
    for (const i of autoIndexes) widths[i] = (widths[i] ?? 0) + (spare * (widths[i] ?? 0)) / autoTotal;
  }
  return widths.map((w) => w ?? 0);
}
