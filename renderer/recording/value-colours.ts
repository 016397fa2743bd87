import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { displayValue } from '../format/value-text';
import { hasCategories } from '../format/scale-text';

/** A cell's fill and the text colour that reads on it. */
export interface CellColour {
  background: string;
  text: string;
}

export type ColourLegend =
  | { kind: 'range'; low: string; high: string; gradient: string }
  | { kind: 'categories'; items: { label: string; colour: string }[] };

/** Colours for one variable's current values; a plot with no value gets none (the neutral cell). */
export interface ValueColours {
  colourOf(value: string | undefined): CellColour | null;
  legend: ColourLegend;
}

// Sequential, light to dark (ColorBrewer YlGnBu): readable with the plot number on top.
const sequential = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'];
// Distinct and colour-blind safe (Okabe–Ito, then Tableau's softer tones) for categories.
const qualitative = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#999999', '#8cd17d', '#b6992d', '#ff9d9a', '#79706e'];
const steps = 32;
const dayMs = 86_400_000;

const hexToRgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const rgbToHex = (rgb: readonly number[]): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The sequential colour at `share` (0…1) of the way along. */
function sequentialAt(share: number): string {
  const position = Math.min(1, Math.max(0, share)) * (sequential.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sequential.length - 1, low + 1);
  const a = hexToRgb(sequential[low] ?? '#ffffff');
  const b = hexToRgb(sequential[high] ?? '#ffffff');
  const t = position - low;
  return rgbToHex(a.map((c, i) => c + ((b[i] ?? c) - c) * t));
}

/** Dark text on light fills, white on dark ones (WCAG relative luminance). */
function withText(background: string): CellColour {
  const [r, g, b] = hexToRgb(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { background, text: luminance > 0.3 ? '#1b231f' : '#ffffff' };
}

/** Whether a variable's values can colour the grid: not free text or photos. */
export function isColourable(variable: VariableSummary): boolean {
  return variable.scaleType !== 'text' && variable.scaleType !== 'photo';
}

function categoryColours(variable: VariableSummary, plots: readonly PlotRow[]): ValueColours {
  const ordered = variable.scaleType === 'ordinal';
  let choices: { value: string; label: string }[];
  if (variable.scaleType === 'boolean') {
    choices = [
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ];
  } else {
    choices = [...(variable.categories ?? [])];
    // Values outside the category list (older data, another device) still get a colour of their own.
    const known = new Set(choices.map((c) => c.value));
    for (const plot of plots) {
      const value = plot.latest[variable.id]?.value;
      if (value !== undefined && !known.has(value)) {
        known.add(value);
        choices.push({ value, label: displayValue(variable, value) });
      }
    }
  }
  const last = Math.max(1, choices.length - 1);
  const items = choices.map((choice, i) => ({
    value: choice.value,
    label: choice.label,
    colour: ordered ? sequentialAt(0.08 + (0.84 * i) / last) : (qualitative[i % qualitative.length] ?? '#999999'),
  }));
  const byValue = new Map(items.map((item) => [item.value, withText(item.colour)]));
  return {
    colourOf: (value) => (value === undefined ? null : (byValue.get(value) ?? null)),
    legend: { kind: 'categories', items: items.map(({ label, colour }) => ({ label, colour })) },
  };
}

function rangeColours(variable: VariableSummary, plots: readonly PlotRow[]): ValueColours {
  const isDate = variable.scaleType === 'date';
  const numberOf = (value: string): number => (isDate ? Math.floor(Date.parse(value) / dayMs) : Number(value));
  let low = Infinity;
  let high = -Infinity;
  for (const plot of plots) {
    const value = plot.latest[variable.id]?.value;
    if (value === undefined) continue;
    const n = numberOf(value);
    if (!Number.isFinite(n)) continue;
    if (n < low) low = n;
    if (n > high) high = n;
  }
  const table = Array.from({ length: steps }, (_, i) => withText(sequentialAt(i / (steps - 1))));
  const spread = high - low;
  const label = (n: number): string =>
    !Number.isFinite(n) ? '—' : isDate ? new Date(n * dayMs).toISOString().slice(0, 10) : displayValue(variable, String(n), true);
  return {
    colourOf(value) {
      if (value === undefined) return null;
      const n = numberOf(value);
      if (!Number.isFinite(n)) return null;
      const share = spread > 0 ? (n - low) / spread : 0.5;
      return table[Math.round(Math.min(1, Math.max(0, share)) * (steps - 1))] ?? null;
    },
    legend: { kind: 'range', low: label(low), high: label(high), gradient: `linear-gradient(to right, ${sequential.join(', ')})` },
  };
}

/**
 * Colours for the grid by one variable's values: numbers, counts, percentages and dates on a
 * sequential scale between the lowest and highest value recorded in the study; categories and
 * yes/no in distinct colours; ordinal scores with categories in distinct steps of the sequential
 * scale, so their order still shows. Null for variables that cannot colour (text, photos).
 */
export function valueColours(variable: VariableSummary, plots: readonly PlotRow[]): ValueColours | null {
  if (!isColourable(variable)) return null;
  if (variable.scaleType === 'boolean' || variable.scaleType === 'categorical' || (variable.scaleType === 'ordinal' && hasCategories(variable))) {
    return categoryColours(variable, plots);
  }
  return rangeColours(variable, plots);
}
