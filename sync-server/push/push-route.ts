import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/errors';
import { maxPushBatch, pushRequestSchema, type PushResponse } from '../../common/sync-protocol';
import { authenticate } from '../auth';
import { invalidRequest } from '../http-errors';
import { checkBodyProtocolVersion } from '../protocol-version';
import type { ServerDeps } from '../server-deps';
import { applyPush } from './apply-push';

function checkBatchSize(body: object): void {
  const changes = 'changes' in body ? body.changes : undefined;
  if (Array.isArray(changes) && changes.length > maxPushBatch) {
    throw new AppError(
      'validation',
      `A push may carry at most ${maxPushBatch} changes; this one carries ${changes.length}. Send the outbox in several pushes. Nothing in this push was applied.`,
      { reason: 'too-large', maxPushBatch, received: changes.length },
    );
  }
}

/** POST /v1/push: the device's outbox, in order; one answer per change. */
export function registerPush(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/v1/push', async (request): Promise<PushResponse> => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    const body = request.body;
    checkBodyProtocolVersion(body);
    if (body !== null && typeof body === 'object') checkBatchSize(body);
    const parsed = pushRequestSchema.safeParse(body);
    if (!parsed.success) throw invalidRequest('push', parsed.error);
    const { changes } = parsed.data;
    const { results, lastSeq } = await applyPush(deps.pool, device, changes);
    if (lastSeq !== null) deps.notifier.publish(device.tenantId, lastSeq);
    for (const change of changes) deps.clock.observe(change.hlc);
    const count = (status: string): number => results.filter((result) => result.status === status).length;
    request.log.info(
      { tenantId: device.tenantId, deviceId: device.deviceId, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected'), lastSeq: lastSeq?.toString() },
      'push',
    );
    return { results, serverClock: deps.clock.next() };
  });
}
