import { describe, expect, it } from 'vitest';
import { emptyMovement, localDateTimeIso, movementArgs } from './movement-args';

describe('movementArgs', () => {
  it('builds a transfer with what was typed, trimmed, and leaves empty options out', () => {
    const values = { ...emptyMovement('transfer', 'loc-1'), to: ' BIN2 ', quantity: ' 400 ' };
    expect(movementArgs('b', values)).toEqual({ ok: true, args: { kind: 'transfer', batch: 'b', from: 'loc-1', to: 'BIN2', quantity: '400' } });
  });

  it('builds a sowing for every plot when the plot count is left empty', () => {
    const values = { ...emptyMovement('sow', 'loc-1'), studyId: 's', quantityPerPlot: '2' };
    expect(movementArgs('b', values)).toEqual({ ok: true, args: { kind: 'sow', batch: 'b', from: 'loc-1', studyId: 's', quantityPerPlot: '2' } });
    expect(movementArgs('b', { ...values, plots: '50' })).toMatchObject({ ok: true, args: { plots: 50 } });
  });

  it('refuses a plot count that is not a whole number, and a sowing without its study', () => {
    const result = movementArgs('b', { ...emptyMovement('sow', 'l'), plots: '2.5', quantityPerPlot: '1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['plots', 'studyId']);
  });

  it('sends an adjustment’s location as its location, with a typed minus sign read as one', () => {
    const values = { ...emptyMovement('adjust', 'BIN2'), quantity: '−10', reason: ' spilled ' };
    expect(movementArgs('b', values)).toEqual({ ok: true, args: { kind: 'adjust', batch: 'b', location: 'BIN2', quantity: '-10', reason: 'spilled' } });
  });

  it('builds a split with its new code, and a disposal with its reason, and carries when it happened', () => {
    const split = { ...emptyMovement('split', 'l'), quantity: '5', newCode: 'NEW-1', newBarcode: '', to: '' };
    expect(movementArgs('b', split)).toEqual({ ok: true, args: { kind: 'split', batch: 'b', from: 'l', quantity: '5', newCode: 'NEW-1' } });
    const when = '2026-05-14T09:30';
    const dispose = { ...emptyMovement('dispose', 'l'), quantity: '5', reason: 'mould', when };
    expect(movementArgs('b', dispose)).toEqual({ ok: true, args: { kind: 'dispose', batch: 'b', from: 'l', quantity: '5', reason: 'mould', occurredAt: localDateTimeIso(when) } });
    expect(movementArgs('b', { ...dispose, when: 'yesterday' })).toEqual({ ok: false, problems: { when: 'Enter a date and time, or leave it empty for now.' } });
  });
});
