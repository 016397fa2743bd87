import { AppError } from '../../common/errors';
import { mm, pageSizes, type PageSize } from './pdf-document';

export interface Sides {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A sheet of labels: the page, its grid of labels, and the blank edges and gaps between them, in mm. */
export interface LabelSheet {
  pageSize: PageSize;
  columns: number;
  rows: number;
  /** From the page edge to the first label, one number for all four sides or each side. */
  marginMm: number | Sides;
  /** Between neighbouring labels: one number for both directions or each. */
  gapMm?: number | { column: number; row: number };
  /** Blank border inside each label, so nothing is printed on the die-cut edge. */
  paddingMm?: number;
  /** Draws each label's outline in light grey, for cutting labels from plain paper. */
  outlines?: boolean;
  /** Labels already peeled off the first sheet: printing starts at this cell (0 = top left). */
  skipCells?: number;
}

/** Common label stock whose geometry the default sheets follow. */
export const labelSheets = {
  /** 3 × 8 labels of 63.5 × 33.9 mm on A4 (the layout of Avery L7159 and its equivalents). */
  a4_3x8: { pageSize: 'A4', columns: 3, rows: 8, marginMm: { top: 12.9, right: 7.25, bottom: 12.9, left: 7.25 }, gapMm: { column: 2.5, row: 0 }, paddingMm: 2 },
  /** 3 × 10 labels of 66.7 × 25.4 mm on US Letter (the layout of Avery 5160 and its equivalents). */
  letter_3x10: { pageSize: 'Letter', columns: 3, rows: 10, marginMm: { top: 12.7, right: 4.76, bottom: 12.7, left: 4.76 }, gapMm: { column: 3.18, row: 0 }, paddingMm: 1.5 },
} as const satisfies Record<string, LabelSheet>;

/** A label's box on the page, in points from the top left corner. */
export interface LabelBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SheetGeometry {
  sheet: LabelSheet;
  pageWidth: number;
  pageHeight: number;
  labelWidth: number;
  labelHeight: number;
  padding: number;
  perPage: number;
  skip: number;
  /** The box of the n-th label printed (after the skipped cells). */
  box(index: number): LabelBox;
}

function sides(value: number | Sides): Sides {
  return typeof value === 'number' ? { top: value, right: value, bottom: value, left: value } : value;
}

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new AppError('validation', message, details);
}

/** The sheet asked for, completed from the default sheet of its page size. */
export function resolveSheet(sheet: Partial<LabelSheet> | undefined): LabelSheet {
  const base: LabelSheet = sheet?.pageSize === 'Letter' ? labelSheets.letter_3x10 : labelSheets.a4_3x8;
  const given = Object.fromEntries(Object.entries(sheet ?? {}).filter(([, value]) => value !== undefined));
  return { ...base, ...given };
}

/** Where each label goes; refuses a sheet whose labels would have no room. */
export function sheetGeometry(input: Partial<LabelSheet> | undefined): SheetGeometry {
  const sheet = resolveSheet(input);
  if (!(sheet.pageSize in pageSizes)) refuse(`The page size "${String(sheet.pageSize)}" is not one we print on; choose A4 or Letter.`, { field: 'pageSize' });
  for (const field of ['columns', 'rows'] as const) {
    const value = sheet[field];
    if (!Number.isInteger(value) || value < 1 || value > 50) refuse(`The label sheet's ${field} must be a whole number from 1 to 50 (it was ${value}).`, { field });
  }
  const margin = sides(sheet.marginMm);
  const gap = typeof sheet.gapMm === 'object' ? sheet.gapMm : { column: sheet.gapMm ?? 0, row: sheet.gapMm ?? 0 };
  const paddingMm = sheet.paddingMm ?? 2;
  const lengths = [margin.top, margin.right, margin.bottom, margin.left, gap.column, gap.row, paddingMm];
  if (lengths.some((value) => !Number.isFinite(value) || value < 0)) {
    refuse('Label sheet margins, gaps and padding must be zero or more millimetres.', { field: 'marginMm' });
  }
  const [pageWidth, pageHeight] = pageSizes[sheet.pageSize];
  const labelWidth = (pageWidth - mm(margin.left + margin.right + gap.column * (sheet.columns - 1))) / sheet.columns;
  const labelHeight = (pageHeight - mm(margin.top + margin.bottom + gap.row * (sheet.rows - 1))) / sheet.rows;
  const padding = mm(paddingMm);
  // 30 × 18 mm inside the padding is about the least that holds a scannable code and its text.
  if (labelWidth - 2 * padding < mm(30) || labelHeight - 2 * padding < mm(18)) {
    refuse(
      `Labels of ${((labelWidth * 25.4) / 72).toFixed(1)} × ${((labelHeight * 25.4) / 72).toFixed(1)} mm are too small for a barcode and its text; use fewer columns or rows, or smaller margins.`,
      { field: 'columns' },
    );
  }
  const perPage = sheet.columns * sheet.rows;
  const skip = sheet.skipCells ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip >= perPage) {
    refuse(`The labels to skip must be a whole number from 0 to ${perPage - 1}, the cells of one sheet (it was ${skip}).`, { field: 'skipCells' });
  }
  return {
    sheet,
    pageWidth,
    pageHeight,
    labelWidth,
    labelHeight,
    padding,
    perPage,
    skip,
    box(index) {
      const cell = index + skip;
      const onPage = cell % perPage;
      const column = onPage % sheet.columns;
      const row = Math.floor(onPage / sheet.columns);
      return {
        page: Math.floor(cell / perPage),
        x: mm(margin.left) + column * (labelWidth + mm(gap.column)),
        y: mm(margin.top) + row * (labelHeight + mm(gap.row)),
        width: labelWidth,
        height: labelHeight,
      };
    },
  };
}
