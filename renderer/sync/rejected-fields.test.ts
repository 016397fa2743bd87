import { describe, expect, it } from 'vitest';
import type { RejectedChange } from '../../common/api-contract';
import { changedFields, editableFields } from './rejected-fields';

const change = (entity: RejectedChange['entity'], fields: Record<string, unknown>, operation: RejectedChange['operation'] = 'insert'): RejectedChange => ({
  changeId: '0190f3a0-0000-7000-8000-000000000001',
  entity,
  operation,
  rowId: '0190f3a0-0000-7000-8000-000000000002',
  fields,
  code: 'invalid-value',
  message: 'Out of range.',
  createdAt: '2026-05-14T10:00:00Z',
  summary: 'Plant height: 999 on plot 1',
});

describe('fixing a refused change', () => {
  it('offers only the value of an observation', () => {
    const fields = editableFields(change('observations', { unit_id: 'u', variable_id: 'v', value: '999', value_number: 999 }));
    expect(fields.map((f) => f.name)).toEqual(['value']);
    expect(fields[0]?.original).toBe('999');
  });

  it('offers the plain text and number fields of other records, not references or shapes', () => {
    const fields = editableFields(
      change('observation_units', { study_id: 's', kind: 'plot', plot_number: 4, barcode: null, geometry: { type: 'Point', coordinates: [1, 2] } }, 'update'),
    );
    expect(fields.map((f) => f.name)).toEqual(['kind', 'plot_number', 'barcode']);
    expect(editableFields(change('trials', {}, 'delete'))).toEqual([]);
  });

  it('sends only what changed, numbers as numbers and an emptied optional field as null', () => {
    const fields = editableFields(change('observation_units', { kind: 'plot', plot_number: 4, barcode: 'P4' }, 'update'));
    expect(changedFields(fields, { kind: 'plot', plot_number: ' 5 ', barcode: '' })).toEqual({ plot_number: 5, barcode: null });
    expect(changedFields(fields, { plot_number: 'five' })).toEqual({ plot_number: 'five' });
    expect(changedFields(fields, {})).toEqual({});
  });
});
