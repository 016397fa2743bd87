import { useEffect, useEffectEvent } from 'react';
import type { ApiEvents } from '../../common/api-contract';
import type { ApiEvent } from '../../common/api-methods';
import { api } from './api';
import type { LiveState } from './transport';

/** Calls `callback` with each `name` event from the services while the component is mounted. */
export function useApiEvent<E extends ApiEvent>(name: E, callback: (payload: ApiEvents[E]) => void): void {
  const onEvent = useEffectEvent(callback);
  useEffect(() => api.on(name, (payload) => onEvent(payload)), [name]);
}

/** Follows whether events reach this window (see LiveState). */
export function useLiveStateEffect(callback: (state: LiveState) => void): void {
  const onState = useEffectEvent(callback);
  useEffect(() => api.watchLiveState((state) => onState(state)), []);
}
