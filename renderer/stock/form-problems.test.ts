import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/api-call-error';
import { firstProblemField, formProblems } from './form-problems';

const refusal = (code: ApiCallError['code'], message: string, details?: Record<string, unknown>) =>
  new ApiCallError('stock:move', details === undefined ? { code, message } : { code, message, details });

describe('formProblems', () => {
  it('places a domain refusal beside the field it names, through an alias', () => {
    const error = refusal('validation', 'No location has the code “X”. Check the label.', { field: 'from', code: 'X' });
    expect(formProblems(error, ['location', 'quantity'], { from: 'location' })).toEqual({
      byField: { location: 'No location has the code “X”. Check the label.' },
      general: null,
    });
  });

  it('places every schema issue beside its field as a sentence, and keeps the unknown ones for the form', () => {
    const error = refusal('validation', 'quantity: enter a number', {
      field: 'quantity',
      issues: [
        { field: 'quantity', message: 'enter a number with a dot for decimals' },
        { field: 'reason', message: 'say why the stock is adjusted' },
        { field: 'batches.3', message: 'scan or type a code' },
      ],
    });
    expect(formProblems(error, ['quantity', 'reason'])).toEqual({
      byField: { quantity: 'Enter a number with a dot for decimals.', reason: 'Say why the stock is adjusted.' },
      general: 'Scan or type a code.',
    });
  });

  it('keeps a refusal that names no field (a role) for the form as a whole', () => {
    const error = refusal('forbidden', 'Only a station manager can post stock adjustments.', { role: 'agronomist' });
    const problems = formProblems(error, ['quantity']);
    expect(problems).toEqual({ byField: {}, general: 'Only a station manager can post stock adjustments.' });
    expect(firstProblemField(problems, ['quantity'])).toBeNull();
  });

  it('says nothing without a refusal, and finds the first field to fix in the form’s order', () => {
    expect(formProblems(null, ['a'])).toEqual({ byField: {}, general: null });
    expect(firstProblemField({ byField: { reason: 'x', quantity: 'y' }, general: null }, ['location', 'quantity', 'reason'])).toBe('quantity');
  });
});
