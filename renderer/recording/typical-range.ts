import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { checkValue } from '../../common/scale-validation';
import { isNumberScale } from '../format/scale-text';

/** Where most of a study's values of one variable lie, to catch a slipped digit without nagging. */
export interface TypicalRange {
  /** The middle 90% of values, for the message. */
  low: number;
  high: number;
  /** Beyond these a value is unusual (quartiles ± 3 interquartile ranges). */
  lowerFence: number;
  upperFence: number;
}

const minimumValues = 12;

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const lower = sorted[below] ?? 0;
  const upper = sorted[Math.min(sorted.length - 1, below + 1)] ?? lower;
  return lower + (upper - lower) * (position - below);
}

export function typicalRange(plots: readonly PlotRow[], variable: VariableSummary): TypicalRange | null {
  if (!isNumberScale(variable)) return null;
  const values: number[] = [];
  for (const plot of plots) {
    const latest = plot.latest[variable.id];
    if (!latest) continue;
    const value = Number(latest.value);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length < minimumValues) return null;
  values.sort((a, b) => a - b);
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const spread = q3 - q1;
  if (spread <= 0) return null;
  return { low: quantile(values, 0.05), high: quantile(values, 0.95), lowerFence: q1 - 3 * spread, upperFence: q3 + 3 * spread };
}

function rounded(value: number, places: number | null): string {
  return String(Number(value.toFixed(Math.min(places ?? 1, 3))));
}

/** A gentle note when a valid value is far from the rest of the study (185 where 18.5 was meant). */
export function unusualValueNote(variable: VariableSummary, raw: string, range: TypicalRange | null): string | null {
  if (!range) return null;
  const checked = checkValue(variable, raw);
  if (!checked.ok || checked.numeric === null) return null;
  if (checked.numeric >= range.lowerFence && checked.numeric <= range.upperFence) return null;
  const unit = variable.unit ? (variable.unit === '%' ? '%' : ` ${variable.unit}`) : '';
  const low = rounded(range.low, variable.decimalPlaces);
  const high = rounded(range.high, variable.decimalPlaces);
  return `${checked.numeric}${unit} is unusual for this study: most plots are ${low}–${high}${unit}. Check the digits and the decimal point.`;
}
