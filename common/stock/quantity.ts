import type { BatchKind, StockUnit } from '../vocabulary';

/**
 * Stock quantities are exact decimals with at most three decimal places (grams to the milligram),
 * held in arithmetic as whole thousandths ("milli-units") so sums never drift the way 0.1 + 0.2
 * does. The database keeps them as `numeric`; the wire carries them as decimal text.
 */
export type Milli = number;

export const quantityDecimals = 3;
const scale = 10 ** quantityDecimals;
/** Far above any station's stock, and still exact as thousandths in a double. */
const largest = 1_000_000_000;

/** Units counted in whole items; grams may be fractional. */
export const wholeUnits: readonly StockUnit[] = ['seeds', 'plants', 'trays'];

/** The units a batch of each kind may be kept in. */
export const unitsForKind: Record<BatchKind, readonly StockUnit[]> = {
  'seed-lot': ['seeds', 'grams'],
  'plant-batch': ['plants', 'trays'],
  tray: ['trays', 'plants'],
  material: ['grams', 'trays', 'seeds', 'plants'],
};

export type QuantityProblem = 'not-a-number' | 'too-precise' | 'too-large';

export type ParsedQuantity = { ok: true; milli: Milli } | { ok: false; problem: QuantityProblem };

const decimalText = /^[+-]?(\d+)(?:\.(\d*))?$|^[+-]?\.(\d+)$/;

/** Reads a quantity typed or sent as a number or as decimal text ("250", "12.5", "-3"). */
export function parseQuantity(input: number | string): ParsedQuantity {
  if (typeof input === 'number' && Number.isFinite(input) && /e/i.test(String(input))) {
    // Only very large or very small numbers print with an exponent.
    return { ok: false, problem: Math.abs(input) >= 1 ? 'too-large' : 'too-precise' };
  }
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const match = decimalText.exec(text);
  if (!match) return { ok: false, problem: 'not-a-number' };
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > quantityDecimals) return { ok: false, problem: 'too-precise' };
  const magnitude = Number(whole) * scale + Number(fraction.padEnd(quantityDecimals, '0') || '0');
  if (!Number.isSafeInteger(magnitude) || magnitude > largest * scale) return { ok: false, problem: 'too-large' };
  return { ok: true, milli: text.startsWith('-') ? -magnitude : magnitude };
}

export function toMilli(value: number | string): Milli {
  const parsed = parseQuantity(value);
  if (!parsed.ok) throw new RangeError(`Not a stock quantity: ${String(value)}`);
  return parsed.milli;
}

/**
 * A quantity as the database prints it (numeric text with at most three decimals, far below 2^53
 * thousandths): a plain multiply-and-round is exact there and much faster than parsing, which
 * matters for the thousands of lines of a stock-on-hand list.
 */
export function milliFromDatabase(text: string): Milli {
  return Math.round(Number(text) * scale);
}

/** Exact decimal text of a quantity: "1250", "12.5", "-0.125". */
export function formatQuantity(milli: Milli): string {
  const sign = milli < 0 ? '-' : '';
  const magnitude = Math.abs(Math.round(milli));
  const whole = Math.floor(magnitude / scale);
  const fraction = String(magnitude % scale).padStart(quantityDecimals, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A quantity as a plain number, for screens and charts. */
export function quantityNumber(milli: Milli): number {
  return Math.round(milli) / scale;
}

export type QuantitySign = 'positive' | 'not-negative' | 'non-zero';

/**
 * Checks a quantity entered for a batch kept in `unit` and says, in the user's words, what is wrong
 * and how to fix it; null when it is fine.
 */
export function quantityProblem(input: number | string, unit: StockUnit, sign: QuantitySign): string | null {
  const parsed = parseQuantity(input);
  const shown = String(input).slice(0, 30);
  if (!parsed.ok) {
    switch (parsed.problem) {
      case 'not-a-number':
        return `“${shown}” is not a number. Enter the quantity in ${unit} with a dot for decimals and no thousands separators, like 1250 or 12.5.`;
      case 'too-precise':
        return `“${shown}” has more than ${quantityDecimals} decimal places. Round it to at most ${quantityDecimals}.`;
      case 'too-large':
        return `“${shown}” is too large for a stock quantity. Check the number you entered.`;
    }
  }
  const milli = parsed.milli;
  if (sign === 'positive' && milli <= 0) return `The quantity must be above zero (got ${shown}). Enter how many ${unit} moved.`;
  if (sign === 'not-negative' && milli < 0) return `A counted quantity cannot be negative (got ${shown}). Enter what you found, or 0 when there is none.`;
  if (sign === 'non-zero' && milli === 0) return `An adjustment of zero changes nothing. Enter a positive number to add ${unit}, a negative one to remove them.`;
  if (wholeUnits.includes(unit) && milli % scale !== 0) return `${capitalise(unit)} are counted in whole numbers (got ${shown}). Enter a whole number of ${unit}.`;
  return null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The value of a quantity at a unit cost (decimal text), rounded to 1/10,000 of the currency. */
export function valueOf(milli: Milli, unitCost: string | null): number | null {
  if (unitCost === null) return null;
  const cost = Number(unitCost);
  if (!Number.isFinite(cost)) return null;
  return Math.round((milli / scale) * cost * 10_000) / 10_000;
}

/** A quantity with its unit, for messages: "1,250 seeds", "12.5 grams". */
export function describeQuantity(milli: Milli, unit: StockUnit): string {
  const [whole = '0', fraction] = formatQuantity(Math.abs(milli)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${milli < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''} ${unit}`;
}
