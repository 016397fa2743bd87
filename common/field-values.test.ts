import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from './entities';
import { fieldValueProblem } from './field-values';

const field = (type: FieldDefinition['type'], nullable = false): FieldDefinition => ({ type, nullable });
const square = [[[5.66, 51.98], [5.67, 51.98], [5.67, 51.99], [5.66, 51.98]]];

describe('field values on the wire', () => {
  it('accepts each type in its wire form', () => {
    const accepted: [FieldDefinition['type'], unknown][] = [
      ['uuid', '0193c3a4-5b6c-7d8e-9f00-112233445566'], ['uuid[]', []], ['text', 'Plot 7'], ['integer', -12],
      ['bigint', '9007199254740993'], ['double', 18.5], ['numeric', '0.25'], ['boolean', false], ['date', '2026-02-28'],
      ['timestamptz', '2026-05-14T09:30:00.123+02:00'], ['jsonb', { shade: [1, 'a'] }], ['bytea', 'eWpz'],
      ['geometry', { type: 'Polygon', coordinates: square }], ['geometry', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [5.6, 51.9] }] }],
    ];
    for (const [type, value] of accepted) expect({ type, problem: fieldValueProblem('f', field(type), value) }).toEqual({ type, problem: null });
  });

  it('refuses values of the wrong type, naming the field and what it takes', () => {
    expect(fieldValueProblem('plot_number', field('integer'), '7')).toBe('plot_number takes a whole number; "7" is not one.');
    expect(fieldValueProblem('start_date', field('date'), '2026-02-30')).toMatch(/^start_date takes a date written as YYYY-MM-DD/);
    expect(fieldValueProblem('observed_at', field('timestamptz'), '2026-05-14T09:30:00')).toMatch(/with a time zone/);
    expect(fieldValueProblem('layout_rows', field('integer'), 2 ** 31)).not.toBeNull();
    expect(fieldValueProblem('ydoc', field('bytea'), 'not base64!')).not.toBeNull();
  });

  it('refuses text Postgres cannot store', () => {
    expect(fieldValueProblem('name', field('text'), `a${String.fromCharCode(0)}b`)).not.toBeNull();
    expect(fieldValueProblem('attributes', field('jsonb'), { note: '\ud800' })).not.toBeNull();
  });

  it('refuses GeoJSON that is not a valid WGS 84 geometry', () => {
    const problems = [
      { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] },
      { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] },
      { type: 'Point', coordinates: [500, 51] },
      { type: 'Circle', coordinates: [0, 0] },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } },
    ].map((value) => fieldValueProblem('geometry', field('geometry', true), value));
    expect(problems.every((problem) => problem?.startsWith('geometry takes a GeoJSON geometry'))).toBe(true);
  });

  it('lets optional fields be null but not required ones', () => {
    expect(fieldValueProblem('description', field('text', true), null)).toBeNull();
    expect(fieldValueProblem('name', field('text'), null)).toBe('name is required: it cannot be empty.');
  });
});
