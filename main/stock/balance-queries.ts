import type { Replica } from '../replica/replica';
import { subtreeCte } from './locations';

/**
 * Balances of batches at locations, now or as of any instant, read from the derived table
 * `stock_balances` (the sum of each batch's movements at each location, kept by triggers; see
 * migration 004) and the movements themselves.
 *
 * As of an instant T: when few movements are dated after T (the usual case: a count opened this
 * week, a report for last month) the balance is "now minus what happened after T", which reads
 * only those movements; when T is early in the history, the movements up to T are summed instead.
 * Either way the answer is the sum of the movements dated up to T, whenever they were recorded.
 */

export interface PairBalance {
  batch_id: string;
  location_id: string;
  /** Decimal text, exact. */
  quantity: string;
}

export interface BalanceScope {
  /** Only locations in this subtree (the location and everything below it). */
  rootId?: string | null;
  /** Only these locations (a subtree already listed; instead of `rootId`). */
  locationIds?: readonly string[] | null;
  /**
   * As of this instant (inclusive); now when absent. Now, pairs at zero are included (they once held
   * stock); as of an instant they are left out, whichever way the sum is taken.
   */
  asOf?: string | null;
  /** Leave out the movements posted by this count (a count's variance ignores its own adjustments). */
  excludeCountId?: string | null;
  /** Only these batches. */
  batchIds?: readonly string[] | null;
  /** How an as-of balance is summed: chosen by the number of movements after the instant unless given (tests, benches). */
  method?: 'auto' | 'up-to' | 'now-minus-after';
}

/** A guard for `subtree` membership of `column` when scoped, and the CTE that defines it. */
function scopeSql(scope: BalanceScope, params: unknown[]): { cte: string; inScope: (column: string) => string } {
  let batchParam: string | null = null;
  let locationParam: string | null = null;
  let cte = '';
  if (scope.locationIds) {
    params.push(scope.locationIds);
    locationParam = `$${params.length}::uuid[]`;
  } else if (scope.rootId) {
    params.push(scope.rootId);
    cte = `WITH ${subtreeCte(`$${params.length}`)}`;
  }
  if (scope.batchIds) {
    params.push(scope.batchIds);
    batchParam = `$${params.length}::uuid[]`;
  }
  return {
    cte,
    inScope: (column) => {
      const parts: string[] = [];
      if (locationParam) parts.push(`${column} = ANY (${locationParam})`);
      else if (scope.rootId) parts.push(`${column} IN (SELECT id FROM subtree)`);
      if (batchParam) parts.push(`batch_id = ANY (${batchParam})`);
      return parts.length === 0 ? 'true' : parts.join(' AND ');
    },
  };
}

/** The movements of the scope as signed effects per batch and location, filtered by `where` (on the movement). */
function effectsSql(where: string, inScope: (column: string) => string): string {
  return `SELECT batch_id, to_location_id AS location_id, quantity AS delta FROM stock_movements
           WHERE to_location_id IS NOT NULL AND ${where} AND ${inScope('to_location_id')}
          UNION ALL
          SELECT batch_id, from_location_id, -quantity FROM stock_movements
           WHERE from_location_id IS NOT NULL AND ${where} AND ${inScope('from_location_id')}`;
}

/** Whether summing backwards from now reads fewer movements than summing forwards up to `asOf`. */
async function fewerAfter(replica: Replica, asOf: string): Promise<boolean> {
  const [row] = await replica.query<{ after: number; total: number }>(
    `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM stock_movements WHERE occurred_at > $1 LIMIT 200000) a) AS after,
            (SELECT reltuples::float8 FROM pg_class WHERE oid = 'stock_movements'::regclass) AS total`,
    [asOf],
  );
  if (!row || row.total < 0) return true;
  return row.after * 2 <= row.total;
}

/**
 * The query of every (batch, location) balance in the scope, as a CTE prefix and a SELECT of (batch_id, location_id, quantity numeric); parameters are
 * appended to `params`.
 */
export async function pairBalancesSql(replica: Replica, scope: BalanceScope, params: unknown[]): Promise<{ cte: string; select: string }> {
  const { cte, inScope } = scopeSql(scope, params);
  const asOf = scope.asOf ?? null;
  const excluded = scope.excludeCountId ?? null;

  const method = scope.method ?? 'auto';
  if (asOf !== null && (method === 'up-to' || (method === 'auto' && !(await fewerAfter(replica, asOf))))) {
    params.push(asOf);
    let where = `occurred_at <= $${params.length}`;
    if (excluded) {
      params.push(excluded);
      where += ` AND count_id IS DISTINCT FROM $${params.length}`;
    }
    return {
      cte,
      select: `SELECT batch_id, location_id, sum(delta) AS quantity FROM (${effectsSql(where, inScope)}) e GROUP BY batch_id, location_id HAVING sum(delta) <> 0`,
    };
  }

  const corrections: string[] = [];
  let ownUpTo = 'true';
  if (asOf !== null) {
    params.push(asOf);
    corrections.push(effectsSql(`occurred_at > $${params.length}`, inScope));
    ownUpTo = `occurred_at <= $${params.length}`;
  }
  if (excluded) {
    params.push(excluded);
    corrections.push(effectsSql(`count_id = $${params.length} AND ${ownUpTo}`, inScope));
  }
  const current = `SELECT batch_id, location_id, quantity FROM stock_balances WHERE ${inScope('location_id')}`;
  if (corrections.length === 0) return { cte, select: current };
  return {
    cte,
    select: `SELECT s.batch_id, s.location_id, s.quantity - coalesce(c.delta, 0) AS quantity
       FROM (${current}) s
       LEFT JOIN (SELECT batch_id, location_id, sum(delta) AS delta FROM (${corrections.join(' UNION ALL ')}) e GROUP BY batch_id, location_id) c
         ON c.batch_id = s.batch_id AND c.location_id = s.location_id
      WHERE s.quantity - coalesce(c.delta, 0) <> 0`,
  };
}

/** Every (batch, location) balance in the scope (see BalanceScope.asOf for zeros), packed as one JSON value. */
export async function pairBalances(replica: Replica, scope: BalanceScope = {}): Promise<PairBalance[]> {
  const params: unknown[] = [];
  const { cte, select } = await pairBalancesSql(replica, scope, params);
  const [packed] = await replica.query<{ pairs: string | null }>(
    `${cte} SELECT json_agg(json_build_array(batch_id, location_id, quantity::text))::text AS pairs FROM (${select}) p`,
    params,
  );
  const pairs = packed?.pairs ? (JSON.parse(packed.pairs) as [string, string, string][]) : [];
  return pairs.map(([batchId, locationId, quantity]) => ({ batch_id: batchId, location_id: locationId, quantity }));
}
