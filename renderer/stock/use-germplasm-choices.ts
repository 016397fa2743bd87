import { useCallback, useMemo } from 'react';
import { useApiData } from '../api/use-api-data';
import { germplasmChoices, type GermplasmChoice } from './germplasm-choices';

const tables = ['germplasm'];

export interface GermplasmChoices {
  choices: GermplasmChoice[];
  loading: boolean;
  /** The germplasm id behind a choice. */
  resolve(choice: GermplasmChoice): Promise<string | null>;
}

/** The station's germplasm, for forms and filters ('germplasm:list'). */
export function useGermplasmChoices(): GermplasmChoices {
  const list = useApiData('germplasm:list', {}, tables);
  const rows = list.data;
  const choices = useMemo(() => germplasmChoices(rows ?? []), [rows]);
  const resolve = useCallback((choice: GermplasmChoice): Promise<string | null> => Promise.resolve(choice.id), []);
  return { choices, loading: list.data === null && list.error === null, resolve };
}
