import { useCallback, useMemo, useRef } from 'react';
import { api } from '../api/api';
import { useApiData } from '../api/use-api-data';
import { germplasmChoices, type GermplasmChoice } from './germplasm-choices';

const tables = ['stock_batches', 'stock_movements', 'germplasm'];

export interface GermplasmChoices {
  choices: GermplasmChoice[];
  loading: boolean;
  /** The germplasm id behind a choice (read once from its batch, then remembered). */
  resolve(choice: GermplasmChoice): Promise<string | null>;
}

/** The germplasm a form can offer (see germplasm-choices.ts for why it comes from the stock). */
export function useGermplasmChoices(): GermplasmChoices {
  const onHand = useApiData('stock:on-hand', {}, tables);
  const rows = onHand.data?.rows;
  const choices = useMemo(() => germplasmChoices(rows ?? []), [rows]);
  const known = useRef(new Map<string, string | null>());
  const resolve = useCallback(async (choice: GermplasmChoice): Promise<string | null> => {
    const remembered = known.current.get(choice.name);
    if (remembered !== undefined) return remembered;
    const detail = await api.call('stock:batch-detail', { batch: choice.batchId });
    known.current.set(choice.name, detail.batch.germplasmId);
    return detail.batch.germplasmId;
  }, []);
  return { choices, loading: onHand.data === null && onHand.error === null, resolve };
}
