import type { ScaleType } from './vocabulary';

/** What a value is checked against: the scale of an observation variable. */
export interface Scale {
  name: string;
  scaleType: ScaleType;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimalPlaces: number | null;
  categories: { value: string; label: string }[] | null;
}

export type ValueCheck =
  | { ok: true; value: string; numeric: number | null }
  | { ok: false; message: string };

const refuse = (message: string): ValueCheck => ({ ok: false, message });

function formatRange(scale: Scale, minimum: number | null, maximum: number | null): string {
  const unit = scale.unit ? ` ${scale.unit}` : '';
  if (minimum !== null && maximum !== null) return `${minimum}–${maximum}${unit}`;
  if (minimum !== null) return `at least ${minimum}${unit}`;
  return `at most ${maximum}${unit}`;
}

function checkRange(scale: Scale, numeric: number, minimum: number | null, maximum: number | null): ValueCheck | null {
  if ((minimum !== null && numeric < minimum) || (maximum !== null && numeric > maximum)) {
    const range = formatRange(scale, minimum, maximum);
    return refuse(`${numeric} is outside the valid range for ${scale.name} (${range}). Enter a value in that range.`);
  }
  return null;
}

/** Accepts `18.5` and the decimal comma `18,5`; nothing else that merely starts with digits. */
function parseNumber(raw: string): number | null {
  const normalised = /^[+-]?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

function decimalsOf(raw: string): number {
  const match = /[.,](\d+)$/.exec(raw);
  return match?.[1]?.length ?? 0;
}

function checkNumeric(scale: Scale, raw: string, integerOnly: boolean, minimum: number | null, maximum: number | null): ValueCheck {
  const numeric = parseNumber(raw);
  if (numeric === null) return refuse(`${scale.name} takes a number; "${raw}" is not one.`);
  if (integerOnly && !Number.isInteger(numeric)) return refuse(`${scale.name} takes a whole number; "${raw}" is not one.`);
  if (!integerOnly && scale.decimalPlaces !== null && decimalsOf(raw) > scale.decimalPlaces) {
    const places = scale.decimalPlaces === 0 ? 'no decimals' : `at most ${scale.decimalPlaces} decimal place${scale.decimalPlaces === 1 ? '' : 's'}`;
    return refuse(`${scale.name} is recorded with ${places}; "${raw}" has more.`);
  }
  return checkRange(scale, numeric, minimum, maximum) ?? { ok: true, value: String(numeric), numeric };
}

function checkCategory(scale: Scale, raw: string): ValueCheck {
  const categories = scale.categories ?? [];
  const wanted = raw.toLowerCase();
  const match = categories.find((c) => c.value.toLowerCase() === wanted || c.label.toLowerCase() === wanted);
  if (match) {
    const numeric = scale.scaleType === 'ordinal' ? parseNumber(match.value) : null;
    return { ok: true, value: match.value, numeric };
  }
  const choices = categories.map((c) => (c.value === c.label ? c.value : `${c.value} (${c.label})`)).join(', ');
  return refuse(`"${raw}" is not a category of ${scale.name}. Choose one of: ${choices}.`);
}

function checkDate(scale: Scale, raw: string): ValueCheck {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return { ok: true, value: raw, numeric: null };
    }
  }
  return refuse(`${scale.name} takes a date written as YYYY-MM-DD (for example 2026-05-14); "${raw}" is not one.`);
}

const booleanWords: Record<string, 'true' | 'false'> = {
  true: 'true', yes: 'true', y: 'true', '1': 'true',
  false: 'false', no: 'false', n: 'false', '0': 'false',
};

/** Checks a typed value against the variable's scale and returns its canonical form. */
export function checkValue(scale: Scale, input: string): ValueCheck {
  const raw = input.trim();
  if (raw === '') return refuse(`Enter a value for ${scale.name}.`);
  switch (scale.scaleType) {
    case 'numeric':
      return checkNumeric(scale, raw, false, scale.minimum, scale.maximum);
    case 'percent':
      return checkNumeric(scale, raw, false, scale.minimum ?? 0, scale.maximum ?? 100);
    case 'counter':
      return checkNumeric(scale, raw, true, scale.minimum ?? 0, scale.maximum);
    case 'ordinal':
      return scale.categories && scale.categories.length > 0
        ? checkCategory(scale, raw)
        : checkNumeric(scale, raw, true, scale.minimum, scale.maximum);
    case 'categorical':
      return checkCategory(scale, raw);
    case 'date':
      return checkDate(scale, raw);
    case 'boolean': {
      const value = booleanWords[raw.toLowerCase()];
      return value ? { ok: true, value, numeric: null } : refuse(`${scale.name} takes yes or no; "${raw}" is neither.`);
    }
    case 'text':
      return { ok: true, value: raw, numeric: null };
    case 'photo':
      return refuse(`${scale.name} is a photo: attach one from the photo panel instead of typing a value.`);
  }
}
