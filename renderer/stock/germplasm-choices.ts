import type { OnHandRow } from '../../common/stock/stock-results';

/**
 * A germplasm the screens can offer, known by a batch of it: the typed API has no germplasm list,
 * so the choices are the germplasm of the batches in stock, and the id is read from that batch's
 * detail when one is chosen.
 */
export interface GermplasmChoice {
  name: string;
  /** A batch of this germplasm (its detail gives the germplasm's id). */
  batchId: string;
  batches: number;
}

/** The germplasm of the batches listed, by name, each with one of its batches. */
export function germplasmChoices(rows: readonly OnHandRow[]): GermplasmChoice[] {
  const byName = new Map<string, GermplasmChoice & { seen: Set<string> }>();
  for (const row of rows) {
    if (row.germplasmName === null) continue;
    const choice = byName.get(row.germplasmName) ?? { name: row.germplasmName, batchId: row.batchId, batches: 0, seen: new Set<string>() };
    if (!choice.seen.has(row.batchId)) {
      choice.seen.add(row.batchId);
      choice.batches += 1;
    }
    byName.set(row.germplasmName, choice);
  }
  return [...byName.values()]
    .map(({ name, batchId, batches }) => ({ name, batchId, batches }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
