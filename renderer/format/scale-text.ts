import type { VariableSummary } from '../../common/api-contract';

const numberTypes = new Set(['numeric', 'percent', 'counter']);

export function isNumberScale(variable: VariableSummary): boolean {
  return numberTypes.has(variable.scaleType) || (variable.scaleType === 'ordinal' && !hasCategories(variable));
}

export function hasCategories(variable: VariableSummary): boolean {
  return (variable.categories?.length ?? 0) > 0;
}

/** Chosen from buttons (with number keys) rather than typed. */
export function isChoiceScale(variable: VariableSummary): boolean {
  return variable.scaleType === 'boolean' || ((variable.scaleType === 'categorical' || variable.scaleType === 'ordinal') && hasCategories(variable));
}

function rangeText(variable: VariableSummary): string | null {
  const minimum = variable.minimum ?? (variable.scaleType === 'percent' || variable.scaleType === 'counter' ? 0 : null);
  const maximum = variable.maximum ?? (variable.scaleType === 'percent' ? 100 : null);
  const unit = variable.unit ? ` ${variable.unit}` : '';
  if (minimum !== null && maximum !== null) return `${minimum}–${maximum}${unit}`;
  if (minimum !== null) return `at least ${minimum}${unit}`;
  if (maximum !== null) return `at most ${maximum}${unit}`;
  return null;
}

/** What the entry box accepts, in a few words: "0–250 cm, up to 1 decimal". */
export function scaleHint(variable: VariableSummary): string {
  switch (variable.scaleType) {
    case 'numeric':
    case 'percent': {
      const range = rangeText(variable);
      const places = variable.decimalPlaces;
      const decimals = places === null ? null : places === 0 ? 'whole numbers' : `up to ${places} decimal${places === 1 ? '' : 's'}`;
      return [range, decimals].filter(Boolean).join(', ') || 'a number';
    }
    case 'counter':
      return `a count, ${rangeText(variable) ?? 'at least 0'}`;
    case 'ordinal':
      return hasCategories(variable) ? 'a score: press its number or click it' : `a score, ${rangeText(variable) ?? 'a whole number'}`;
    case 'categorical':
      return 'a category: press its number or click it';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'boolean':
      return 'yes or no: press Y or N';
    case 'text':
      return 'free text; Shift+Enter starts a new line';
    case 'photo':
      return 'a photo';
  }
}

/** A short unit for column headers: "cm", "%", "1–9". */
export function unitLabel(variable: VariableSummary): string | null {
  if (variable.unit) return variable.unit;
  if (variable.scaleType === 'ordinal' && variable.minimum !== null && variable.maximum !== null) return `${variable.minimum}–${variable.maximum}`;
  if (variable.scaleType === 'boolean') return 'yes/no';
  if (variable.scaleType === 'date') return 'date';
  return null;
}
