import { useState, useSyncExternalStore } from 'react';
import type { ApiArgs, ApiResults } from '../../common/api-contract';
import type { ApiMethod } from '../../common/api-methods';
import { api } from './api';
import { ApiQuery, type QueryState } from './api-query';

export interface ApiData<T> extends QueryState<T> {
  reload(): void;
  patch(update: (data: T) => T): void;
}

/**
 * Loads a method's data and keeps it current: reloads when `data:changed` names one of `tables`
 * (or everything, `*`); with `settle`, changes to only those tables wait for a pause. The previous answer
 * stays on screen while a reload runs.
 */
export function useApiData<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M>,
  tables: readonly string[],
  options: { settle?: { ms: number; tables: readonly string[] } } = {},
): ApiData<ApiResults[M]> {
  const key = ApiQuery.keyOf(method, args);
  const [query, setQuery] = useState(() => new ApiQuery(api, method, args, tables, options.settle ?? null));
  if (query.key !== key) setQuery(new ApiQuery(api, method, args, tables, options.settle ?? null));
  const state = useSyncExternalStore(query.subscribe, query.getSnapshot);
  return { ...state, reload: query.reload, patch: query.patch };
}
