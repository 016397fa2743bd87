import { describe, expect, it } from 'vitest';
import { balanceKey, balancesOf, batchTotals, negativeEpisodes, rollUp, runningBalances, type MovementFact } from './balances';

const day = (n: number): number => Date.UTC(2026, 4, n);
let next = 0;
function movement(batchId: string, quantity: number, from: string | null, to: string | null, at: number): MovementFact {
  next += 1;
  return { id: `m${String(next).padStart(3, '0')}`, batchId, quantity: quantity * 1000, fromLocationId: from, toLocationId: to, occurredAt: at };
}

describe('stock balances from movements', () => {
  const movements = [
    movement('lot1', 1000, null, 'binA', day(1)), // receive
    movement('lot1', 300, 'binA', 'binB', day(3)), // transfer
    movement('lot1', 120, 'binB', null, day(5)), // sow
    movement('lot2', 50, null, 'binB', day(2)),
    movement('lot2', 50, 'binB', null, day(4)), // dispose all
  ];

  it('sums every movement into the balance of its batch at each location', () => {
    const balances = balancesOf(movements);
    expect(balances.get(balanceKey('lot1', 'binA'))).toBe(700_000);
    expect(balances.get(balanceKey('lot1', 'binB'))).toBe(180_000);
    expect(balances.get(balanceKey('lot2', 'binB'))).toBe(0);
    expect(batchTotals(balances)).toEqual(new Map([['lot1', 880_000], ['lot2', 0]]));
  });

  it('gives the balance as of any instant, inclusive, whatever order the movements arrived in', () => {
    const asOf = balancesOf([...movements].reverse(), day(3));
    expect(asOf.get(balanceKey('lot1', 'binA'))).toBe(700_000);
    expect(asOf.get(balanceKey('lot1', 'binB'))).toBe(300_000);
    expect(asOf.get(balanceKey('lot2', 'binB'))).toBe(50_000);
    expect(balancesOf(movements, day(0)).size).toBe(0);
  });

  it('rolls holdings up to every ancestor, and survives a parent cycle', () => {
    const parents = new Map<string, string | null>([
      ['binA', 'bench1'], ['binB', 'bench1'], ['bench1', 'gh1'], ['gh1', 'station'], ['station', null], ['x', 'y'], ['y', 'x'],
    ]);
    const totals = rollUp(new Map([['binA', 5], ['binB', 7], ['gh1', 1], ['x', 2]]), parents);
    expect(Object.fromEntries(totals)).toEqual({ binA: 5, binB: 7, bench1: 12, gh1: 13, station: 13, x: 2, y: 2 });
  });
});

describe('finding balances that went negative', () => {
  const step = (movementId: string, delta: number, at: number): { movementId: string; delta: number; occurredAt: number } => ({ movementId, delta, occurredAt: at });

  it('flags two offline transfers that both took the whole balance, naming both', () => {
    const episodes = negativeEpisodes([step('receive', 100, day(1)), step('moveA', -100, day(2)), step('moveB', -100, day(2))]);
    expect(episodes).toEqual([{ startedBy: 'moveB', startedAt: day(2), causes: ['moveB'], lowest: -100, endedBy: null }]);
  });

  it('notes when a late movement brought the balance back, and every outflow while below zero', () => {
    const episodes = negativeEpisodes([
      step('receive', 10, day(1)), step('sow', -15, day(2)), step('dispose', -5, day(3)), step('late-receive', 30, day(4)),
    ]);
    expect(episodes).toEqual([{ startedBy: 'sow', startedAt: day(2), causes: ['sow', 'dispose'], lowest: -10, endedBy: 'late-receive' }]);
  });

  it('takes stock arriving before stock leaving at the same instant', () => {
    expect(negativeEpisodes([step('out', -5, day(1)), step('in', 5, day(1))])).toEqual([]);
    expect(runningBalances([step('out', -5, day(1)), step('in', 5, day(1))]).map((r) => r.balance)).toEqual([5, 0]);
  });
});
