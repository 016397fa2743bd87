import { apiEventNames, type ApiEvent } from '../../common/api-methods';
import type { Result } from '../../common/errors';
import { httpStatusOf } from '../../common/error-status';
import { failure, isResultEnvelope } from './result-shape';
import { SseParser } from './sse-parser';
import type { ApiEventListener, LiveState, Transport } from './transport';
import { adoptTokenFromAddress, currentToken, onTokenChange } from './web-token';

const notSignedIn =
  'This page is not signed in to Field Station. Open the address Field Station printed when it started (it ends in #token=…).';
const notAnswering =
  'Field Station is not answering. Check that it is still running (start it again if needed), then try again. Nothing you saved is lost.';

function codeOfStatus(status: number): keyof typeof httpStatusOf {
  const match = Object.entries(httpStatusOf).find(([, value]) => value === status);
  return (match?.[0] as keyof typeof httpStatusOf | undefined) ?? 'internal';
}

/**
 * A 401 that a service answered rather than web mode refusing this page's token: only the token
 * check marks its refusal with `details.reason: 'web-token'`.
 */
function isServiceRefusal(body: unknown): boolean {
  return isResultEnvelope(body) && !body.ok && body.error.details?.['reason'] !== 'web-token';
}

function isApiEvent(name: string): name is ApiEvent {
  return (apiEventNames as readonly string[]).includes(name);
}

/** Waits `ms`, or less if `signal` aborts or `wake` is called. */
function pause(ms: number, signal: AbortSignal): { done: Promise<void>; wake: () => void } {
  let wake = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', wake, { once: true });
  });
  return { done, wake };
}

/** Seconds between reconnection attempts: 0.5, 1, 2, 4 … up to 15, with some jitter. */
function backoffMs(failures: number): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, failures - 1));
  return base * (0.75 + Math.random() * 0.5);
}

/**
 * One shared `GET /api/events` stream for all listeners, read with fetch (EventSource cannot send
 * the Authorization header). It reconnects with backoff; after a reconnection it announces
 * `data:changed` for every table, since changes made while it was away were not seen.
 */
class EventStream {
  private readonly listeners = new Set<ApiEventListener>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();
  private state: LiveState = 'connecting';
  private abort: AbortController | null = null;
  private wakeUp: () => void = () => undefined;

  constructor() {
    onTokenChange(() => this.wakeUp());
  }

  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    if (!this.abort) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  watch(listener: (state: LiveState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private start(): void {
    const abort = new AbortController();
    this.abort = abort;
    void this.run(abort.signal);
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let connectedBefore = false;
    while (!signal.aborted) {
      const token = currentToken();
      let waitMs = backoffMs(failures + 1);
      if (token) {
        try {
          const response = await fetch('/api/events', {
            headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
            cache: 'no-store',
            signal,
          });
          if (response.status === httpStatusOf.unauthorized) {
            this.setState('signed-out');
            waitMs = 60_000;
          } else if (response.ok && response.body) {
            this.setState('live');
            failures = 0;
            if (connectedBefore) this.dispatch('data:changed', JSON.stringify({ tables: ['*'] }));
            connectedBefore = true;
            await this.read(response.body, signal);
          }
        } catch {
          // The services stopped or restarted: reconnect below.
        }
      } else {
        this.setState('signed-out');
        waitMs = 60_000;
      }
      if (signal.aborted) return;
      failures += 1;
      if (this.state !== 'signed-out') this.setState('reconnecting');
      const wait = pause(waitMs, signal);
      this.wakeUp = wait.wake;
      await wait.done;
    }
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const cancel = (): void => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) this.dispatch(event.event, event.data);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  private dispatch(name: string, data: string): void {
    if (!isApiEvent(name)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of this.listeners) listener(name, payload as never);
  }
}

/** Web mode: the contract over `POST /api/invoke` and `GET /api/events` with the launch token. */
export function createWebTransport(): Transport {
  adoptTokenFromAddress();
  window.addEventListener('hashchange', () => adoptTokenFromAddress());
  const events = new EventStream();
  return {
    mode: 'web',
    async invoke(method, args): Promise<Result<unknown>> {
      const token = currentToken();
      if (!token) {
        events.setState('signed-out');
        return failure('unauthorized', notSignedIn);
      }
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, args }),
          cache: 'no-store',
        });
      } catch {
        return failure('offline', notAnswering);
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.status === httpStatusOf.unauthorized && !isServiceRefusal(body)) {
        events.setState('signed-out');
        return failure('unauthorized', notSignedIn);
      }
      if (isResultEnvelope(body)) return body;
      return failure(codeOfStatus(response.status), notAnswering);
    },
    subscribe: (listener) => events.subscribe(listener),
    watchLiveState: (listener) => events.watch(listener),
  };
}
