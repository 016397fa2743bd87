import type { ApiEvents } from '../../common/api-contract';
import type { ApiEvent } from '../../common/api-methods';

export type EventListener = <E extends ApiEvent>(name: E, payload: ApiEvents[E]) => void;

/** Fans service events out to whoever carries them to a renderer (IPC or web mode). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEvent>(name: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
