import { useCallback, useRef, useState } from 'react';
import type { ApiArgs, ApiResults } from '../../common/api-contract';
import type { ApiMethod } from '../../common/api-methods';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';

export interface ApiAction {
  /** Whether a call is running: forms show it and refuse a second submit meanwhile. */
  busy: boolean;
  /** The last call's refusal or failure, until the next call or `clear`. */
  error: ApiCallError | null;
  /** Calls a method; answers its data, or null after a refusal (kept in `error`) or while one is running. */
  run<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M] | null>;
  /** Runs several calls as one busy step (a look-up and the write it needs, say). */
  runSteps<T>(steps: (call: <M extends ApiMethod>(method: M, args: ApiArgs<M>) => Promise<ApiResults[M]>) => Promise<T>): Promise<T | null>;
  clear(): void;
}

/** A write (or an on-demand read) from a form or a button, with its busy state and its refusal. */
export function useApiAction(): ApiAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const running = useRef(false);

  const runSteps = useCallback(async <T>(steps: (call: <M extends ApiMethod>(method: M, args: ApiArgs<M>) => Promise<ApiResults[M]>) => Promise<T>): Promise<T | null> => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setError(null);
    let lastMethod: ApiMethod = 'app:get-info';
    try {
      return await steps((method, args) => {
        lastMethod = method;
        return api.call(method, args);
      });
    } catch (caught) {
      setError(asApiCallError(caught, lastMethod));
      return null;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const run = useCallback(
    <M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M] | null> => runSteps((call) => call(method, args)),
    [runSteps],
  );

  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, runSteps, clear };
}
