import type { BatchKind, LocationKind, MovementKind, StockUnit } from '../../common/vocabulary';

/** Words for the stock screens: quantities with their unit, money, kinds and movements. */

const quantityFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
const moneyFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1,250" (at most three decimals, the precision stock is kept in). */
export function numberText(value: number): string {
  return quantityFormat.format(value);
}

/** "1,250 seeds", "12.5 grams", "1 plant". */
export function quantityText(value: number, unit: StockUnit): string {
  const singular = Math.abs(value) === 1 ? unit.replace(/s$/, '') : unit;
  return `${numberText(value)} ${singular}`;
}

/** A change to a total, always signed: "+1,000", "−400", "0". The minus is a real minus sign. */
export function signedText(value: number): string {
  if (value === 0) return '0';
  return value > 0 ? `+${numberText(value)}` : `−${numberText(Math.abs(value))}`;
}

const unitCostFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** A unit cost, to the precision it was entered with (up to four decimals): "0.004", "0.12". */
export function unitCostText(value: number): string {
  return unitCostFormat.format(value);
}

/** A value at unit cost, "12.50"; a dash when the batch has no unit cost. */
export function moneyText(value: number | null): string {
  return value === null ? '—' : moneyFormat.format(value);
}

export const batchKindLabels: Record<BatchKind, string> = {
  'seed-lot': 'Seed lot',
  'plant-batch': 'Plant batch',
  tray: 'Trays',
  material: 'Material',
};

export const locationKindLabels: Record<LocationKind, string> = {
  station: 'Station',
  greenhouse: 'Greenhouse',
  field: 'Field',
  compartment: 'Compartment',
  bench: 'Bench',
  bin: 'Bin',
};

/** What a movement was, as its ledger line says it. */
export const movementLabels: Record<MovementKind, string> = {
  receive: 'Received',
  transfer: 'Transferred',
  sow: 'Sown',
  split: 'Split',
  dispose: 'Disposed of',
  adjust: 'Adjusted',
};

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a few words." from a schema's "a few words": a sentence, capitalised and ended. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  return capitalise(/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`);
}
