import { apiEventNames, apiMethodNames, type ApiMethod } from '../../common/api-methods';
import type { FieldStationBridge } from '../../common/bridge-types';
import type { Result } from '../../common/errors';
import { failure } from './result-shape';
import type { ApiEventListener, Transport } from './transport';

/** The preload's bridge, when this renderer runs inside the desktop app (and it is complete). */
export function findBridge(): FieldStationBridge | null {
  const bridge = window.fieldStation;
  if (typeof bridge !== 'object' || bridge === null) return null;
  const complete = [...apiMethodNames, 'on'].every((name) => typeof Reflect.get(bridge, name) === 'function');
  return complete ? bridge : null;
}

export function createBridgeTransport(bridge: FieldStationBridge): Transport {
  return {
    mode: 'desktop',
    async invoke(method: ApiMethod, args: unknown): Promise<Result<unknown>> {
      // One function per method; which arguments each takes is checked by the services.
      const call = bridge[method] as (args: unknown) => Promise<Result<unknown>>;
      try {
        return await call(args);
      } catch {
        return failure('internal', 'This window lost contact with Field Station’s services. Restart Field Station; your saved data is safe.');
      }
    },
    subscribe(listener: ApiEventListener) {
      const unsubscribers = apiEventNames.map((name) => bridge.on(name, (payload) => listener(name, payload)));
      return () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
      };
    },
    watchLiveState(listener) {
      listener('live');
      return () => undefined;
    },
  };
}
