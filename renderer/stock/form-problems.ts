import type { ApiCallError } from '../api/api-call-error';
import { asSentence } from './stock-text';

/** A refusal split for a form: words beside each field it names, and the rest for the form as a whole. */
export interface FormProblems {
  /** By the form's field name (the argument the service named). */
  byField: Record<string, string>;
  /** What concerns no field of this form (a role refusal, a conflict, a field the form does not show). */
  general: string | null;
}

export const noProblems: FormProblems = { byField: {}, general: null };

function issuesOf(details: Record<string, unknown> | undefined): { field: string; message: string }[] {
  const issues = details?.['issues'];
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const field: unknown = Reflect.get(issue, 'field');
    const message: unknown = Reflect.get(issue, 'message');
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

/**
 * Places a refusal from the services next to the fields of a form. The argument schema answers
 * every issue (`details.issues`, each with its field); a domain rule names one field
 * (`details.field`) in a whole sentence. `aliases` maps a service's field name to the form's
 * (`from` → `location`, say); a field the form does not show goes to `general` with its name.
 */
export function formProblems(error: ApiCallError | null, fields: readonly string[], aliases: Record<string, string> = {}): FormProblems {
  if (error === null) return noProblems;
  const shown = new Set(fields);
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  const place = (serviceField: string, message: string): void => {
    // Nested paths (`batches.0`) belong to their top field.
    const top = serviceField.split('.')[0] ?? serviceField;
    const field = aliases[serviceField] ?? aliases[top] ?? top;
    if (shown.has(field)) byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
    else rest.push(message);
  };
  const issues = issuesOf(error.details);
  if (error.code === 'validation' && issues.length > 0) {
    for (const issue of issues) place(issue.field, asSentence(issue.message));
    // The envelope's message repeats the first issue with its field name: only the rest need words.
    const general = rest.length > 0 ? rest.join(' ') : null;
    return { byField, general };
  }
  const field = error.details?.['field'];
  if (typeof field === 'string') place(field, error.message);
  else rest.push(error.message);
  return { byField, general: rest.length > 0 ? rest.join(' ') : null };
}

/** The first field of `order` that has a problem: where the focus goes after a refusal. */
export function firstProblemField(problems: FormProblems, order: readonly string[]): string | null {
  return order.find((field) => problems.byField[field] !== undefined) ?? null;
}
