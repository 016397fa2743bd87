import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../common/errors';
import { cursorSchema, maxPullPage, type PullResponse } from '../common/sync-protocol';
import { authenticate, type DeviceContext } from './auth';
import { readLogPage, tenantHead } from './change-log';
import { withTenantTransaction } from './db/transaction';
import { historyBehind, invalidRequest } from './http-errors';
import { checkQueryProtocolVersion } from './protocol-version';
import type { ServerDeps } from './server-deps';

const maxCursor = 2n ** 63n - 1n;

const pullQuerySchema = z.object({
  after: cursorSchema.optional(),
  limit: z.string().regex(/^\d{1,9}$/, 'must be a whole number').optional(),
  protocolVersion: z.string().optional(),
});

interface PullQuery {
  after: bigint;
  limit: number;
}

/** `after` (default 0) and `limit` (1…maxPullPage; larger asks get maxPullPage). */
function parsePullQuery(query: unknown): PullQuery {
  const parsed = pullQuerySchema.safeParse(query);
  if (!parsed.success) throw invalidRequest('pull request', parsed.error);
  checkQueryProtocolVersion(parsed.data.protocolVersion);
  const after = BigInt(parsed.data.after ?? '0');
  if (after > maxCursor) {
    throw new AppError('validation', 'That cursor is not one this server hands out. Pull again from the cursor the server last returned (or from 0).', { reason: 'bad-cursor' });
  }
  const limit = parsed.data.limit === undefined ? maxPullPage : Number(parsed.data.limit);
  if (limit < 1) throw new AppError('validation', 'limit must be at least 1.', { reason: 'bad-limit' });
  return { after, limit: Math.min(limit, maxPullPage) };
}

function readPage(deps: ServerDeps, device: DeviceContext, query: PullQuery): Promise<PullResponse> {
  return withTenantTransaction(deps.pool, device.tenantId, async (tx) => {
    if (query.after > 0n && query.after > (await tenantHead(tx))) throw historyBehind();
    return readLogPage(tx, query.after, query.limit, device.stationIds);
  });
}

/**
 * GET /v1/pull?after=&limit=: the tenant's changes after the cursor, in seq order.
 * GET /v1/changes/wait?after=: the same page, but held open until the tenant has a change after the
 * cursor (answered within milliseconds of its commit) or until the long-poll timeout (then empty).
 */
export function registerPull(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/v1/pull', async (request): Promise<PullResponse> => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    return readPage(deps, device, parsePullQuery(request.query));
  });

  app.get('/v1/changes/wait', async (request, reply): Promise<PullResponse> => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    const query = parsePullQuery(request.query);
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    const deadline = Date.now() + deps.longPollTimeoutMs;
    let after = query.after;
    // A device enrolled for some stations is not woken by other stations' changes: the page comes
    // back empty with a later cursor, and the wait goes on from there until the timeout.
    for (;;) {
      const subscription = deps.notifier.subscribe(device.tenantId, after);
      try {
        const page = await readPage(deps, device, { ...query, after });
        if (page.changes.length > 0 || page.hasMore) return page;
        after = BigInt(page.cursor);
        const remaining = deadline - Date.now();
        if (remaining <= 0) return page;
        const reason = await subscription.wait(remaining, gone.signal);
        if (reason !== 'changed') return page;
      } finally {
        subscription.cancel();
      }
    }
  });
}
