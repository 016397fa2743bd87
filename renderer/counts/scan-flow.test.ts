import { describe, expect, it } from 'vitest';
import type { BatchSummary, CodeMatch, FindCodeResult, LocationNode } from '../../common/stock/stock-results';
import { afterRecorded, applyFound, checkQuantity, emptyScan, promptOf, readsAsQuantity, stepOf, type ScanState } from './scan-flow';

const batch: BatchSummary = {
  id: 'b1', code: 'SL-2026-001', barcode: 'SL2026001', kind: 'seed-lot', unit: 'seeds', germplasmId: null, germplasmName: null,
  source: null, receivedOn: null, unitCost: 0.25, parentBatchId: null, parentBatchCode: null, total: 500,
};
const bin: LocationNode = { id: 'l1', code: 'BIN-A', name: 'Bin A', parentId: 'bench', kind: 'bin', depth: 3, path: 'ST / GH1 / B1 / BIN-A', archivedAt: null, hasGeometry: false };
const elsewhere: LocationNode = { ...bin, id: 'l9', code: 'BIN-Z', name: 'Bin Z' };
const batchMatch: CodeMatch = { type: 'batch', batch };
const binMatch: CodeMatch = { type: 'location', location: bin };
const found = (code: string, matches: CodeMatch[]): FindCodeResult => ({
  code,
  matches,
  offerCreateBatch: matches.length === 0,
  message: matches.length === 0 ? `Nothing in this station has the code “${code}”.` : matches.length > 1 ? 'several' : null,
});
const inScope = (id: string): boolean => id !== 'l9';

function set(state: ScanState, result: FindCodeResult): ScanState {
  const outcome = applyFound(state, result, inScope, 'GH1');
  if (outcome.kind !== 'set') throw new Error(`expected a match, got ${outcome.kind}`);
  return outcome.state;
}

describe('the count scan box', () => {
  it('takes a batch then a bin, or a bin then a batch, then asks for the quantity', () => {
    const batchFirst = set(set(emptyScan, found('SL2026001', [batchMatch])), found('BIN-A', [binMatch]));
    const binFirst = set(set(emptyScan, found('BIN-A', [binMatch])), found('SL2026001', [batchMatch]));
    expect(batchFirst).toEqual(binFirst);
    expect(stepOf(batchFirst)).toBe('quantity');
    expect(promptOf(batchFirst).label).toBe('How many seeds of SL-2026-001 in BIN-A?');
    expect(stepOf(set(emptyScan, found('BIN-A', [binMatch])))).toBe('batch');
    expect(promptOf(set(emptyScan, found('SL2026001', [batchMatch]))).label).toBe('Now the bin where SL-2026-001 is');
  });

  it('reads a number as the quantity only once batch and bin are known', () => {
    const both: ScanState = { batch: { id: 'b1', code: 'SL-2026-001', unit: 'seeds' }, location: { id: 'l1', code: 'BIN-A', name: 'Bin A' } };
    expect(readsAsQuantity(both, '480')).toBe(true);
    expect(readsAsQuantity(both, '12.5')).toBe(true);
    expect(readsAsQuantity(both, 'BIN-B')).toBe(false);
    expect(readsAsQuantity({ ...both, location: null }, '480')).toBe(false);
  });

  it('keeps the bin after a line is saved, ready for the next batch in it', () => {
    const both: ScanState = { batch: { id: 'b1', code: 'SL-2026-001', unit: 'seeds' }, location: { id: 'l1', code: 'BIN-A', name: 'Bin A' } };
    expect(afterRecorded(both)).toEqual({ batch: null, location: both.location });
  });

  it('refuses a bin outside the count, a number before the batch and bin, and a code that matches nothing', () => {
    const outside = applyFound(emptyScan, found('BIN-Z', [{ type: 'location', location: elsewhere }]), inScope, 'GH1');
    expect(outside).toMatchObject({ kind: 'refused', offerReceive: false });
    expect(outside.kind === 'refused' && outside.message).toMatch(/^BIN-Z \(Bin Z\) is not part of this count, which counts GH1/);
    const early = applyFound({ batch: { id: 'b1', code: 'SL-2026-001', unit: 'seeds' }, location: null }, found('480', []), inScope, 'GH1');
    expect(early).toEqual({ kind: 'refused', message: 'Scan the bin before entering the quantity.', offerReceive: false });
    const unknown = applyFound(emptyScan, found('XYZ-1', []), inScope, 'GH1');
    expect(unknown).toMatchObject({ kind: 'refused', offerReceive: true });
  });

  it('asks which one was meant when a code matches a batch and a bin', () => {
    expect(applyFound(emptyScan, found('A1', [batchMatch, binMatch]), inScope, 'GH1')).toMatchObject({ kind: 'choose', matches: [batchMatch, binMatch] });
  });

  it('checks a typed quantity and says how to fix it', () => {
    expect(checkQuantity('480')).toEqual({ ok: true, quantity: '480' });
    expect(checkQuantity('+12.5')).toEqual({ ok: true, quantity: '12.5' });
    expect(checkQuantity('1,250')).toMatchObject({ ok: false, message: expect.stringMatching(/without thousands separators/) });
    expect(checkQuantity('-3')).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be negative/) });
    expect(checkQuantity('1.2345')).toMatchObject({ ok: false, message: 'Use at most 3 decimal places.' });
  });
});
