import type { PlotAttributeValue, PlotRow } from '../../common/api-contract';

/**
 * Matching a typed or scanned code against a plot attribute the person chose (tray_id, accession…)
 * before the usual barcode, plot number, id and germplasm. The attribute's values are read once
 * and indexed, so a scan is matched at once, without a round trip.
 */

/** How codes and values are compared: trimmed, case-insensitive. */
export const matchKey = (text: string): string => text.trim().toLowerCase();

/** One attribute's values, indexed by their match key: which plots hold each. */
export interface AttributeIndex {
  name: string;
  unitIdsByValue: ReadonlyMap<string, ReadonlySet<string>>;
}

export function indexAttributeValues(name: string, values: readonly PlotAttributeValue[]): AttributeIndex {
  const unitIdsByValue = new Map<string, Set<string>>();
  for (const { unitId, value } of values) {
    const key = matchKey(value);
    if (key === '') continue;
    const ids = unitIdsByValue.get(key) ?? new Set<string>();
    ids.add(unitId);
    unitIdsByValue.set(key, ids);
  }
  return { name, unitIdsByValue };
}

export interface PlotMatch {
  plot: PlotRow;
  /** How many plots the code names (more than one only for an attribute value plots share). */
  count: number;
  /** The attribute that matched, or null when the usual matching found the plot. */
  attribute: string | null;
}

/**
 * The plot `code` names among `plots` (in walking order): the first plot along the walk whose
 * chosen attribute holds the code, else what `fallback` finds (barcode, plot number…).
 */
export function matchPlot(
  plots: readonly PlotRow[],
  code: string,
  attribute: AttributeIndex | null,
  fallback: (plots: readonly PlotRow[], code: string) => PlotRow | null,
): PlotMatch | null {
  const ids = attribute ? attribute.unitIdsByValue.get(matchKey(code)) : undefined;
  if (attribute && ids) {
    const matching = plots.filter((p) => ids.has(p.id));
    const first = matching[0];
    if (first) return { plot: first, count: matching.length, attribute: attribute.name };
  }
  const plot = fallback(plots, code);
  return plot ? { plot, count: 1, attribute: null } : null;
}

/** What to tell the person when a code named several plots: which one they are on. */
export function describeMatch(match: PlotMatch | null, code: string): string | null {
  if (!match || match.count < 2 || match.attribute === null) return null;
  return `${match.count} plots have ${match.attribute} “${code.trim()}”: this is the first along the walk (plot ${match.plot.plotNumber}).`;
}
