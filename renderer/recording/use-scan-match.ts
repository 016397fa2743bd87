import { useCallback, useMemo, useState } from 'react';
import type { PlotAttributeName, PlotRow } from '../../common/api-contract';
import { useApiData } from '../api/use-api-data';
import { useLocalText } from '../hooks/use-local-text';
import { describeMatch, indexAttributeValues, matchPlot } from './plot-match';

/** Attributes change only when plots do (a field file imported again, a sync). */
const attributeTables = ['observation_units'];
/** Not needed to draw the study: the first reads wait until the plots are on screen. */
const firstLoadMs = 1000;

/** Which plot a typed or scanned code names: a plot attribute the person chose, then the usual matching. */
export interface ScanMatch {
  /** The attribute codes are matched on first, or null: barcode, plot number, id or germplasm only. */
  attribute: string | null;
  /** Chooses it for this study on this computer. */
  choose(attribute: string | null): void;
  /** The study's attribute names (null until read). */
  names: readonly PlotAttributeName[] | null;
  /** The chosen attribute's values are being read (codes are matched the usual way meanwhile). */
  loading: boolean;
  /** Why the attribute names or values could not be read, if they could not. */
  problem: string | null;
  /** How many plots the last code named, when it named several. */
  notice: string | null;
  /**
   * The plot `code` names among `plots` (in walking order): the first along the walk holding it in the
   * chosen attribute, else what `fallback` finds. Says how many plots matched, when several did.
   */
  find(plots: readonly PlotRow[], code: string, fallback: (plots: readonly PlotRow[], code: string) => PlotRow | null): PlotRow | null;
}

export function useScanMatch(studyId: string): ScanMatch {
  const [kept, keep] = useLocalText(`fieldstation.scanMatch.${studyId}`);
  const names = useApiData('plots:list-attribute-names', { studyId }, attributeTables, { firstLoadAfterMs: firstLoadMs });
  // A kept choice that the study's plots no longer have is the usual matching again.
  const attribute = kept !== null && (names.data === null || names.data.some((n) => n.name === kept)) ? kept : null;
  // The choice kept from last time waits for the plots to be drawn; one made now is read at once.
  const [openedWith] = useState(kept);
  const values = useApiData('plots:list-attribute-values', { studyId, name: attribute ?? '' }, attributeTables, {
    enabled: attribute !== null,
    firstLoadAfterMs: attribute === openedWith ? firstLoadMs : 0,
  });
  const index = useMemo(() => (attribute !== null && values.data ? indexAttributeValues(attribute, values.data) : null), [attribute, values.data]);
  const [notice, setNotice] = useState<string | null>(null);

  const choose = useCallback(
    (next: string | null) => {
      keep(next);
      setNotice(null);
    },
    [keep],
  );
  const find = useCallback<ScanMatch['find']>(
    (plots, code, fallback) => {
      const match = matchPlot(plots, code, index, fallback);
      setNotice(describeMatch(match, code));
      return match?.plot ?? null;
    },
    [index],
  );
  const problem = names.error?.message ?? (attribute !== null ? (values.error?.message ?? null) : null);
  const loading = attribute !== null && values.data === null && values.error === null;
  return useMemo(
    () => ({ attribute, choose, names: names.data, loading, problem, notice, find }),
    [attribute, choose, names.data, loading, problem, notice, find],
  );
}
