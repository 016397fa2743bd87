import type { ApiArgs, ApiEvents, ApiResults } from '../../common/api-contract';
import type { ApiEvent, ApiMethod } from '../../common/api-methods';
import { ApiCallError } from './api-call-error';
import type { LiveState, Transport } from './transport';

export interface ApiClient {
  readonly mode: 'desktop' | 'web';
  /** Calls a method of the contract: resolves with its data or throws an ApiCallError. */
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]>;
  on<E extends ApiEvent>(name: E, callback: (payload: ApiEvents[E]) => void): () => void;
  watchLiveState(listener: (state: LiveState) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  const callbacks = new Map<ApiEvent, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | null = null;

  const ensureSubscribed = (): void => {
    unsubscribe ??= transport.subscribe((name, payload) => {
      for (const callback of callbacks.get(name) ?? []) callback(payload as never);
    });
  };

  return {
    mode: transport.mode,
    async call(method, args) {
      const result = await transport.invoke(method, args);
      if (!result.ok) throw new ApiCallError(method, result.error);
      // The services answer this method's result type (the contract); the transport only carries it.
      return result.data as ApiResults[typeof method];
    },
    on(name, callback) {
      const set = callbacks.get(name) ?? new Set();
      callbacks.set(name, set);
      set.add(callback as (payload: never) => void);
      ensureSubscribed();
      return () => {
        set.delete(callback as (payload: never) => void);
      };
    },
    watchLiveState: (listener) => transport.watchLiveState(listener),
  };
}
