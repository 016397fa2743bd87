import type { ApiArgs, ApiEvents, ApiResults } from './api-contract';
import type { ApiEvent, ApiMethod } from './api-methods';
import type { Result } from './errors';

/**
 * The shape of `window.fieldStation`, the bridge the desktop preload exposes to the renderer.
 * Types only: the preload stays free of zod and the renderer declares the global from this.
 */

/** The single IPC channel every method travels on: `(method, args)` in, a Result envelope out. */
export type BridgeInvokeChannel = 'field-station:invoke';
/** The IPC channel service events travel on: `(eventName, payload)`. */
export type BridgeEventChannel = 'field-station:event';

/** One function per method; a refused or failed call resolves to `{ ok: false, error }`. */
export type FieldStationMethods = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<Result<ApiResults[M]>> };

export type FieldStationBridge = FieldStationMethods & {
  /** Calls `callback` with each payload of `eventName`; returns a function that stops it. */
  on<E extends ApiEvent>(eventName: E, callback: (payload: ApiEvents[E]) => void): () => void;
};
