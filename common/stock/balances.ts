import type { Milli } from './quantity';

/**
 * Balances are derived from movements only. A movement takes its quantity (always above zero) out
 * of `from` and puts it into `to`: a receive has only `to`; a transfer both; a sow or disposal only
 * `from`; a split is one movement out of the parent batch and one into the new batch; an
 * adjustment has `to` when it adds stock and `from` when it removes it. Where a movement "is" in
 * time is `occurredAt`, not when it was recorded or synced, so a movement recorded late lands in
 * its place in every as-of balance.
 */
export interface MovementFact {
  id: string;
  batchId: string;
  quantity: Milli;
  fromLocationId: string | null;
  toLocationId: string | null;
  /** When it happened (ms since the epoch). */
  occurredAt: number;
}

export interface MovementEffect {
  locationId: string;
  delta: Milli;
}

/** What one movement does to the balances of its batch, per location. */
export function movementEffects(movement: Pick<MovementFact, 'quantity' | 'fromLocationId' | 'toLocationId'>): MovementEffect[] {
  const effects: MovementEffect[] = [];
  if (movement.fromLocationId !== null) effects.push({ locationId: movement.fromLocationId, delta: -movement.quantity });
  if (movement.toLocationId !== null) effects.push({ locationId: movement.toLocationId, delta: movement.quantity });
  return effects;
}

/** The key of a batch's balance at one location. */
export function balanceKey(batchId: string, locationId: string): string {
  return `${batchId}|${locationId}`;
}

export function splitBalanceKey(key: string): { batchId: string; locationId: string } {
  const [batchId = '', locationId = ''] = key.split('|');
  return { batchId, locationId };
}

/**
 * The balance of every batch at every location it has touched, as of `asOf` (inclusive; all
 * movements when omitted). Pairs that came back to zero stay in the map with 0.
 */
export function balancesOf(movements: Iterable<MovementFact>, asOf?: number): Map<string, Milli> {
  const balances = new Map<string, Milli>();
  for (const movement of movements) {
    if (asOf !== undefined && movement.occurredAt > asOf) continue;
    for (const effect of movementEffects(movement)) {
      const key = balanceKey(movement.batchId, effect.locationId);
      balances.set(key, (balances.get(key) ?? 0) + effect.delta);
    }
  }
  return balances;
}

/** A batch's total over all its locations. */
export function batchTotals(balances: ReadonlyMap<string, Milli>): Map<string, Milli> {
  const totals = new Map<string, Milli>();
  for (const [key, quantity] of balances) {
    const { batchId } = splitBalanceKey(key);
    totals.set(batchId, (totals.get(batchId) ?? 0) + quantity);
  }
  return totals;
}

/**
 * Rolls quantities held at locations up to every ancestor: a greenhouse holds what its
 * compartments, benches and bins hold, plus anything kept at the greenhouse itself. A parent
 * cycle (which a merge of two moves can leave) is walked once and no further.
 */
export function rollUp(held: ReadonlyMap<string, Milli>, parentOf: ReadonlyMap<string, string | null>): Map<string, Milli> {
  const totals = new Map<string, Milli>();
  for (const [locationId, quantity] of held) {
    const seen = new Set<string>();
    let current: string | null | undefined = locationId;
    while (current !== null && current !== undefined && !seen.has(current)) {
      seen.add(current);
      totals.set(current, (totals.get(current) ?? 0) + quantity);
      current = parentOf.get(current);
    }
  }
  return totals;
}

/** One movement as it changes one balance (a batch at a location), for walking that balance in time. */
export interface LedgerStep {
  movementId: string;
  delta: Milli;
  occurredAt: number;
}

/** Ledger order: by time; at the same instant stock arrives before it leaves, then by id. */
export function ledgerOrder(a: LedgerStep, b: LedgerStep): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt - b.occurredAt;
  if (a.delta > 0 !== b.delta > 0) return a.delta > 0 ? -1 : 1;
  return a.movementId < b.movementId ? -1 : a.movementId > b.movementId ? 1 : 0;
}

/** A stretch of time during which a balance was below zero. */
export interface NegativeEpisode {
  /** The movement that took the balance below zero. */
  startedBy: string;
  startedAt: number;
  /** The movements that took stock out while it was below zero, the first one included. */
  causes: string[];
  lowest: Milli;
  /** The movement that brought it back to zero or above; null while it is still below. */
  endedBy: string | null;
}

/**
 * Walks one balance through its movements in time order and returns every episode below zero.
 * Balances that go negative after a merge are flagged, never refused; this is how they are found.
 */
export function negativeEpisodes(steps: readonly LedgerStep[]): NegativeEpisode[] {
  const episodes: NegativeEpisode[] = [];
  let balance = 0;
  let open: NegativeEpisode | null = null;
  for (const step of [...steps].sort(ledgerOrder)) {
    balance += step.delta;
    if (balance < 0) {
      if (open === null) {
        open = { startedBy: step.movementId, startedAt: step.occurredAt, causes: [], lowest: balance, endedBy: null };
        episodes.push(open);
      }
      if (step.delta < 0) open.causes.push(step.movementId);
      open.lowest = Math.min(open.lowest, balance);
    } else if (open !== null) {
      open.endedBy = step.movementId;
      open = null;
    }
  }
  return episodes;
}

/** The balance after each step, in ledger order. */
export function runningBalances(steps: readonly LedgerStep[]): { step: LedgerStep; balance: Milli }[] {
  let balance = 0;
  return [...steps].sort(ledgerOrder).map((step) => {
    balance += step.delta;
    return { step, balance };
  });
}
