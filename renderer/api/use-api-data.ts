import { useState, useSyncExternalStore } from 'react';
import type { ApiArgs, ApiResults } from '../../common/api-contract';
import type { ApiMethod } from '../../common/api-methods';
import { api } from './api';
import { ApiQuery, type QueryState } from './api-query';

export interface ApiData<T> extends QueryState<T> {
  reload(): void;
  patch(update: (data: T) => T): void;
}

const idle: QueryState<never> = { data: null, error: null, loading: false };
const idleSnapshot = (): QueryState<never> => idle;
const watchNothing = (): (() => void) => () => undefined;

/**
 * Loads a method's data and keeps it current: reloads when `data:changed` names one of `tables`
 * (or everything, `*`); with `settle`, changes to only those tables wait for a pause; with
 * `firstLoadAfterMs`, the first load waits that long; with `enabled: false`, nothing is loaded (for an
 * answer only needed after a choice). The previous answer stays on screen while a reload runs.
 */
export function useApiData<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M>,
  tables: readonly string[],
  options: { settle?: { ms: number; tables: readonly string[] }; firstLoadAfterMs?: number; enabled?: boolean } = {},
): ApiData<ApiResults[M]> {
  const key = ApiQuery.keyOf(method, args);
  const make = (): ApiQuery<M> => new ApiQuery(api, method, args, tables, options.settle ?? null, options.firstLoadAfterMs ?? 0);
  const [query, setQuery] = useState(make);
  if (query.key !== key) setQuery(make());
  const enabled = options.enabled ?? true;
  const state = useSyncExternalStore(enabled ? query.subscribe : watchNothing, enabled ? query.getSnapshot : idleSnapshot);
  return { ...state, reload: query.reload, patch: query.patch };
}
