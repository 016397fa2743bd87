// An HTTP proxy that sits between test devices and the sync server and misbehaves on request: it
// loses requests and responses, delivers pushes twice, delays and reorders requests, cuts clients
// off mid-sync and restarts the server under a request. The proxy itself draws nothing at random:
// the test decides per request (from its seeded generator), so a scenario replays from its seed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind =
  /** Forwarded and answered normally. */
  | 'pass'
  /** Never forwarded; the client's connection is reset. */
  | 'drop-request'
  /** Never forwarded and never answered: the client gives up after its (short) timeout. */
  | 'black-hole'
  /** Forwarded and committed by the server; the answer is lost (the client's connection is reset). */
  | 'drop-response'
  /** Forwarded twice, one after the other; the client gets one of the two answers. */
  | 'duplicate'
  /** Forwarded twice at the same time; the client gets one of the two answers. */
  | 'duplicate-concurrent'
  /** Held for a while before it is forwarded. */
  | 'delay'
  /** Held until a request of another client has been forwarded and answered, then forwarded. */
  | 'hold-for-partner'
  /** The client is killed just before the request goes out. */
  | 'kill-before'
  /** Forwarded and committed; the client is killed before it reads the answer. */
  | 'kill-after-commit'
  /** Answered normally; the client is killed right after it has the answer (while it applies it). */
  | 'kill-after-response'
  /** Forwarded while the server restarts under it. */
  | 'restart-in-flight';

export interface FaultAction {
  kind: FaultKind;
  /** For `delay` (and the fallback of `hold-for-partner`). */
  delayMs?: number;
  /** For duplicates: hand the client the second answer rather than the first. */
  answerWithSecond?: boolean;
  /** Stops the client, as a kill or a client-side timeout would. */
  abortClient?: () => void;
  /** Restarts the server (for `restart-in-flight`). */
  restartServer?: () => Promise<void>;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The device token (without "Bearer "), which tells the test which device is asking. */
  token: string | null;
  body: Buffer;
}

export interface UpstreamAnswer {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export interface FaultProxyOptions {
  /** Where requests go, e.g. http://127.0.0.1:8787. */
  target: string;
  decide: (request: ProxiedRequest) => FaultAction;
  /** Every answer the server gave, including the ones the client never receives. */
  onAnswer?: (request: ProxiedRequest, answer: UpstreamAnswer) => void;
  /** What a held request waits for its partner at most. */
  maxHoldMs?: number;
  /** How long the client waits on a black-holed request before it gives up (its timeout). */
  clientTimeoutMs?: number;
}

const forwardedHeaders = ['authorization', 'content-type', 'accept'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function tokenOf(request: http.IncomingMessage): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

export class FaultProxy {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held: { token: string | null; release: () => void }[] = [];

  private constructor(
    private readonly options: FaultProxyOptions,
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const proxy = new FaultProxy(options, server, `http://127.0.0.1:${port}`);
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      const handling = proxy.handle(request, response).catch(() => {
        request.socket.destroy();
      });
      proxy.inFlight.add(handling);
      void handling.finally(() => proxy.inFlight.delete(handling));
    });
    return proxy;
  }

  /** Resolves when no request is being handled (held and black-holed ones included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const proxied: ProxiedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      token: tokenOf(request),
      body: await readBody(request),
    };
    const headers: Record<string, string> = {};
    for (const name of forwardedHeaders) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const action = this.options.decide(proxied);
    const forward = (): Promise<UpstreamAnswer> => this.forward(proxied, headers);
    const reset = (): void => {
      request.socket.destroy();
    };
    const answer = (upstream: UpstreamAnswer): void => {
      response.writeHead(upstream.status, {
        'content-type': upstream.contentType ?? 'application/json',
        'content-length': String(upstream.body.length),
      });
      response.end(upstream.body);
    };
    const clientGone = new Promise<void>((resolve) => response.once('close', () => resolve()));

    switch (action.kind) {
      case 'pass':
        return answer(await forward());
      case 'drop-request':
        return reset();
      case 'black-hole': {
        const timer = setTimeout(() => action.abortClient?.(), this.options.clientTimeoutMs ?? 50);
        await clientGone;
        clearTimeout(timer);
        return;
      }
      case 'drop-response':
        await forward();
        return reset();
      case 'duplicate': {
        const first = await forward();
        const second = await forward();
        return answer(action.answerWithSecond ? second : first);
      }
      case 'duplicate-concurrent': {
        const [first, second] = await Promise.all([forward(), forward()]);
        return answer(action.answerWithSecond ? second : first);
      }
      case 'delay':
        await sleep(action.delayMs ?? 20);
        return answer(await forward());
      case 'hold-for-partner':
        await this.holdForPartner(proxied.token, action.delayMs ?? this.options.maxHoldMs ?? 250);
        return answer(await forward());
      case 'kill-before':
        action.abortClient?.();
        await Promise.race([clientGone, sleep(20)]);
        return reset();
      case 'kill-after-commit':
        await forward();
        action.abortClient?.();
        return reset();
      case 'kill-after-response': {
        const upstream = await forward();
        answer(upstream);
        setImmediate(() => action.abortClient?.());
        return;
      }
      case 'restart-in-flight': {
        const forwarding = forward();
        const restarting = sleep(2).then(() => action.restartServer?.());
        const [upstream] = await Promise.allSettled([forwarding, restarting]);
        if (upstream.status === 'fulfilled') return answer(upstream.value);
        return reset();
      }
    }
  }

  /** Parks a request until another client's request has been answered (or the time runs out). */
  private async holdForPartner(token: string | null, maxMs: number): Promise<void> {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const entry = { token, release };
    this.held.push(entry);
    await Promise.race([released, sleep(maxMs)]);
    const index = this.held.indexOf(entry);
    if (index >= 0) this.held.splice(index, 1);
  }

  private releaseHeldExcept(token: string | null): void {
    for (const entry of this.held.filter((held) => held.token !== token)) entry.release();
  }

  /** One request to the server on a fresh connection (a restarted server leaves no stale sockets). */
  private forward(request: ProxiedRequest, headers: Record<string, string>): Promise<UpstreamAnswer> {
    const target = new URL(this.options.target);
    return new Promise<UpstreamAnswer>((resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.path,
          headers: { ...headers, 'content-length': String(request.body.length) },
          agent: false,
        },
        (reply) => {
          const chunks: Buffer[] = [];
          reply.on('data', (chunk: Buffer) => chunks.push(chunk));
          reply.on('error', reject);
          reply.on('end', () => {
            const answer: UpstreamAnswer = { status: reply.statusCode ?? 502, contentType: reply.headers['content-type'], body: Buffer.concat(chunks) };
            this.options.onAnswer?.(request, answer);
            this.releaseHeldExcept(request.token);
            resolve(answer);
          });
        },
      );
      upstream.on('error', reject);
      upstream.end(request.body);
    });
  }
}
