import type { ApiEvents } from '../../common/api-contract';
import type { ApiEvent, ApiMethod } from '../../common/api-methods';
import type { Result } from '../../common/errors';

/** Receives every service event; `name` tells which payload it carries. */
export type ApiEventListener = <E extends ApiEvent>(name: E, payload: ApiEvents[E]) => void;

/** Whether events are reaching the renderer: web mode reconnects after the services restart. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

/**
 * How the renderer reaches the services: the Electron bridge (desktop) or HTTP on loopback (web
 * mode). Both carry the same contract and answer the same Result envelope; neither throws.
 */
export interface Transport {
  readonly mode: 'desktop' | 'web';
  invoke(method: ApiMethod, args: unknown): Promise<Result<unknown>>;
  subscribe(listener: ApiEventListener): () => void;
  /** Follows the event connection's state; the desktop bridge is always live. */
  watchLiveState(listener: (state: LiveState) => void): () => void;
}
