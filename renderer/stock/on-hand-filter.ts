import type { ApiArgs } from '../../common/api-contract';
import type { LocationNode, OnHand } from '../../common/stock/stock-results';
import type { BatchKind, StockUnit } from '../../common/vocabulary';

/** The stock-on-hand filters as the screen holds them (text fields as typed). */
export interface OnHandFilterState {
  /** A location's code (typed or scanned): its subtree. Empty: the whole station. */
  location: string;
  kind: BatchKind | '';
  /** A germplasm id; empty for any. */
  germplasmId: string;
  nonPositiveOnly: boolean;
  /** YYYY-MM-DD: the balances at the end of that day; empty for now. */
  asOfDay: string;
}

export const noFilter: OnHandFilterState = { location: '', kind: '', germplasmId: '', nonPositiveOnly: false, asOfDay: '' };

/** The end of a calendar day in this computer's time zone, as an instant with its zone. */
export function endOfDayIso(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(end.getTime()) ? null : end.toISOString();
}

/** The arguments of `stock:on-hand` (and its CSV) for the filters: only what is set. */
export function onHandArgs(filter: OnHandFilterState): ApiArgs<'stock:on-hand'> {
  const args: ApiArgs<'stock:on-hand'> = {};
  const location = filter.location.trim();
  if (location !== '') args.location = location;
  if (filter.kind !== '') args.kind = filter.kind;
  if (filter.germplasmId !== '') args.germplasmId = filter.germplasmId;
  if (filter.nonPositiveOnly) args.nonPositiveOnly = true;
  const asOf = endOfDayIso(filter.asOfDay);
  if (asOf !== null) args.asOf = asOf;
  return args;
}

export function isFiltered(filter: OnHandFilterState): boolean {
  return Object.keys(onHandArgs(filter)).length > 0;
}

export interface RollUpRow {
  node: LocationNode;
  /** Depth below the top row shown (0 for the top). */
  depth: number;
  totals: { unit: StockUnit; quantity: number }[];
}

/**
 * The roll-up per location in the tree's order, for the locations that hold something (themselves
 * or below them), indented from the shallowest one shown.
 */
export function rollUpRows(tree: readonly LocationNode[], locationTotals: OnHand['locationTotals']): RollUpRow[] {
  const byLocation = new Map<string, { unit: StockUnit; quantity: number }[]>();
  for (const total of locationTotals) {
    if (total.quantity === 0) continue;
    byLocation.set(total.locationId, [...(byLocation.get(total.locationId) ?? []), { unit: total.unit, quantity: total.quantity }]);
  }
  const held = tree.filter((node) => byLocation.has(node.id));
  const top = held.reduce((lowest, node) => Math.min(lowest, node.depth), Number.POSITIVE_INFINITY);
  return held.map((node) => ({ node, depth: node.depth - top, totals: byLocation.get(node.id) ?? [] }));
}
