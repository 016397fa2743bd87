import type { VariableSummary } from '../../common/api-contract';

/** A stored value as people read it: "Yes", "High", "85.3 cm". */
export function displayValue(variable: VariableSummary, value: string, withUnit = false): string {
  if (variable.scaleType === 'boolean') return value === 'true' ? 'Yes' : value === 'false' ? 'No' : value;
  if (variable.scaleType === 'categorical') {
    return variable.categories?.find((c) => c.value === value)?.label ?? value;
  }
  if (withUnit && variable.unit) return variable.unit === '%' ? `${value}%` : `${value} ${variable.unit}`;
  return value;
}

/** The label of an ordinal score or category, when it says more than the value. */
export function categoryLabel(variable: VariableSummary, value: string): string | null {
  const label = variable.categories?.find((c) => c.value === value)?.label;
  return label && label !== value ? label : null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

const count = new Intl.NumberFormat();
export function formatCount(value: number): string {
  return count.format(value);
}

/** Today in the local calendar, as YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
