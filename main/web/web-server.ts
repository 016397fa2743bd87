import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { httpStatusOf } from '../../common/error-status';
import type { ErrorPayload } from '../../common/errors';
import type { HandlerContext, Registry } from '../api/handler-registry';
import type { AppServices } from '../app-services';
import { contentSecurityPolicy } from '../security/content-security-policy';

/**
 * Web mode: the same services and contract as the desktop app, served to a browser on loopback
 * only. Every API request must carry the per-launch token; the renderer's files are public.
 */
export interface WebServer {
  url: string;
  /** The address to open: carries the token in the fragment, which browsers never send to a server. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

export interface WebServerOptions {
  services: AppServices;
  registry: Registry;
  rendererDir: string;
  port?: number;
}

const invokeBody = z.object({ method: z.string(), args: z.unknown() }).strict();

function sameToken(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function sendError(reply: FastifyReply, error: ErrorPayload): FastifyReply {
  return reply.code(httpStatusOf[error.code]).send({ ok: false, error });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  // Large enough for a file the person imports (the contract allows about 20 MB, 28 MB in base64).
  const app = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024 });
  const ctx: HandlerContext = { services: options.services };
  let allowedHosts = new Set<string>();
  // Open event streams never end by themselves: close() ends them, or it would wait forever.
  const eventStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of eventStreams) end();
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Refuse other Host headers so a web page cannot reach this server through DNS rebinding.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return sendError(reply, { code: 'forbidden', message: 'Field Station answers only on its own loopback address.' });
    }
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (request.url.startsWith('/api/') && !sameToken(request.headers.authorization, token)) {
      return sendError(reply, {
        code: 'unauthorized',
        message: 'This page is not signed in to Field Station. Open the address the app printed at start.',
        details: { reason: 'web-token' },
      });
    }
    return undefined;
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, { code: 'validation', message: `The request was not understood: ${error.message}` });
    options.services.logger.error({ err: error }, 'web request failed');
    return sendError(reply, { code: 'internal', message: 'Something went wrong inside Field Station. Try again.' });
  });

  app.post('/api/invoke', async (request, reply) => {
    const body = invokeBody.safeParse(request.body);
    if (!body.success) {
      return sendError(reply, { code: 'validation', message: 'The request body must be {"method": "...", "args": {...}}.', details: { field: 'body' } });
    }
    const result = await options.registry.invoke(body.data.method, body.data.args, ctx);
    return result.ok ? reply.send(result) : sendError(reply, result.error);
  });

  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    raw.write(': connected\n\n');
    const unsubscribe = options.services.events.subscribe((name, payload) => {
      raw.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    const end = (): void => {
      clearInterval(keepAlive);
      unsubscribe();
      eventStreams.delete(end);
      raw.end();
    };
    eventStreams.add(end);
    request.raw.on('close', end);
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'], wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendError(reply, { code: 'not-found', message: `No such endpoint: ${request.url}` });
    return reply.sendFile('index.html');
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const port = new URL(address).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  return { url, launchUrl: `${url}/#token=${token}`, token, close: () => app.close() };
}
