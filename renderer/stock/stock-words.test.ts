import { describe, expect, it } from 'vitest';
import type { BatchSummary, LedgerEntry, MovementResult } from '../../common/stock/stock-results';
import { ApiCallError } from '../api/api-call-error';
import { germplasmChoices } from './germplasm-choices';
import { holdingsOf } from './holdings';
import { movementResultText } from './movement-words';
import { asSentence, quantityText, signedText } from './stock-text';

const batch: BatchSummary = {
  id: 'b', code: 'SL-1', barcode: null, kind: 'seed-lot', unit: 'seeds', germplasmId: 'g', germplasmName: 'Trego', source: null,
  receivedOn: null, unitCost: null, parentBatchId: null, parentBatchCode: null, total: 900,
};
const place = (code: string) => ({ id: code, code, name: code });
const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  id: 'm', batchId: 'b', kind: 'transfer', quantity: 400, change: 0, from: null, to: null, occurredAt: '', recordedAt: '', recordedBy: null,
  device: null, reason: null, study: null, countId: null, sync: 'pending', ...over,
});
const result = (movements: LedgerEntry[], newBatch: BatchSummary | null = null): MovementResult => ({ movements, batch, newBatch, warnings: [] });

describe('stock words', () => {
  it('writes quantities with their unit and changes with a sign', () => {
    expect(quantityText(1250, 'seeds')).toBe('1,250 seeds');
    expect(quantityText(1, 'plants')).toBe('1 plant');
    expect(quantityText(12.5, 'grams')).toBe('12.5 grams');
    expect([signedText(1000), signedText(-400), signedText(0)]).toEqual(['+1,000', '−400', '0']);
    expect(asSentence('say why it was disposed of')).toBe('Say why it was disposed of.');
  });

  it('says what each kind of movement did', () => {
    expect(movementResultText(result([entry({ kind: 'transfer', from: place('A'), to: place('B') })]))).toBe('Moved 400 seeds of SL-1 from A to B.');
    expect(movementResultText(result([entry({ kind: 'sow', quantity: 100, from: place('A'), study: { id: 's', name: 'Yield 1' } })]))).toBe(
      'Sowed 100 seeds of SL-1 from A for Yield 1.',
    );
    expect(movementResultText(result([entry({ kind: 'adjust', quantity: 10, from: place('B') })]))).toBe('Adjusted SL-1 in B: 10 seeds removed.');
    const child = { ...batch, id: 'c', code: 'SL-1A' };
    const split = result([entry({ kind: 'split', quantity: 5, from: place('A') }), entry({ id: 'n', batchId: 'c', kind: 'split', quantity: 5, to: place('C') })], child);
    expect(movementResultText(split)).toBe('Split 5 seeds of SL-1 from A into the new batch SL-1A in C.');
  });

  it('offers the station\'s germplasm by name, telling repeated names apart by accession', () => {
    const g = (id: string, name: string, accessionNumber: string | null = null) => ({ id, name, accessionNumber, species: null });
    expect(germplasmChoices([g('1', 'Trego', 'A-1'), g('2', 'Kharkof'), g('3', 'Trego', 'A-2')])).toEqual([
      { name: 'Kharkof', id: '2' },
      { name: 'Trego (A-1)', id: '1' },
      { name: 'Trego (A-2)', id: '3' },
    ]);
  });

  it('reads the stock listed with an archive refusal, and nothing from other errors', () => {
    const holdings = [{ batchCode: 'SL-1', locationCode: 'BIN1', quantity: 500, unit: 'seeds' }, { batchCode: 1 }];
    expect(holdingsOf(new ApiCallError('locations:archive', { code: 'conflict', message: 'm', details: { holdings } }))).toEqual([holdings[0]]);
    expect(holdingsOf(new ApiCallError('locations:archive', { code: 'forbidden', message: 'm' }))).toEqual([]);
    expect(holdingsOf(null)).toEqual([]);
  });
});
