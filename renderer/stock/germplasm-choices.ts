import type { GermplasmSummary } from '../../common/api-contract';

/** A germplasm a form can offer: by its name (with its accession when names repeat). */
export interface GermplasmChoice {
  name: string;
  id: string;
}

/** The station's germplasm as choices, by name; names that repeat carry their accession number. */
export function germplasmChoices(germplasm: readonly GermplasmSummary[]): GermplasmChoice[] {
  const counts = new Map<string, number>();
  for (const g of germplasm) counts.set(g.name, (counts.get(g.name) ?? 0) + 1);
  return germplasm
    .map((g) => ({ name: (counts.get(g.name) ?? 0) > 1 ? `${g.name} (${g.accessionNumber ?? g.id.slice(-6)})` : g.name, id: g.id }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
