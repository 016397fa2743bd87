import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { entityNames, entitySchemaVersion, type EntityName } from '../common/entities';
import { AppError } from '../common/errors';
import { maxSnapshotChunk, snapshotChunkLimit, snapshotColumns, snapshotHeaders, type SnapshotSummary } from '../common/snapshot-protocol';
import { cursorSchema } from '../common/sync-protocol';
import { authenticate } from './auth';
import { setTenant, withTransaction } from './db/transaction';
import { historyBehind, invalidRequest } from './http-errors';
import { tenantHead } from './change-log';
import { checkQueryProtocolVersion } from './protocol-version';
import type { ServerDeps } from './server-deps';
import { copyOut, describeCopyChunk } from './snapshot-copy';
import { snapshotCopyStatement, snapshotCountSql, snapshotMoreSql } from './snapshot-sql';
import { isStationScoped } from './station-scope';

const summaryQuerySchema = z.object({ protocolVersion: z.string().optional() });

const chunkQuerySchema = z.object({
  cursor: cursorSchema,
  after: z.uuid().optional(),
  limit: z.string().regex(/^\d{1,9}$/, 'must be a whole number').optional(),
  protocolVersion: z.string().optional(),
});

const entityParamsSchema = z.object({ entity: z.enum(entityNames) });


/**
 * GET /v1/snapshot: the tenant's log position and row counts, read in one REPEATABLE READ
 * transaction. GET /v1/snapshot/:entity?cursor=&after=&limit=: the tenant's current rows of one
 * entity after `after`, in id order, as a binary COPY stream (see docs/sync-protocol.md).
 */
export function registerSnapshot(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/v1/snapshot', async (request): Promise<SnapshotSummary> => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    const query = summaryQuerySchema.safeParse(request.query);
    if (!query.success) throw invalidRequest('snapshot request', query.error);
    checkQueryProtocolVersion(query.data.protocolVersion);
    return withTransaction(deps.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const tx = await setTenant(client, device.tenantId);
      const cursor = (await tenantHead(tx)).toString();
      const scoped = device.stationIds !== null;
      const counts = await tx.query<{ entity: EntityName; rows: string }>(
        snapshotCountSql(entityNames, scoped),
        scoped ? [device.tenantId, device.stationIds] : [device.tenantId],
      );
      return {
        cursor,
        schemaVersion: entitySchemaVersion,
        format: 'pgcopy-binary' as const,
        tables: counts.map((row) => ({ entity: row.entity, rows: Number(row.rows) })),
      };
    });
  });

  app.get('/v1/snapshot/:entity', async (request, reply) => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    const params = entityParamsSchema.safeParse(request.params);
    if (!params.success) {
      throw new AppError('not-found', 'The server has no snapshot of that kind of record. Update Field Station if this keeps happening.', { reason: 'unknown-entity' });
    }
    const query = chunkQuerySchema.safeParse(request.query);
    if (!query.success) throw invalidRequest('snapshot request', query.error);
    checkQueryProtocolVersion(query.data.protocolVersion);
    const entity = params.data.entity;
    const limit = Math.min(query.data.limit === undefined ? maxSnapshotChunk : Number(query.data.limit), snapshotChunkLimit(entity));
    if (limit < 1) throw new AppError('validation', 'limit must be at least 1.', { reason: 'bad-limit' });
    const after = query.data.after ?? null;
    const columns = snapshotColumns(entity).map((column) => column.name);

    const chunk = await withTransaction(deps.pool, async (client) => {
      const tx = await setTenant(client, device.tenantId);
      if (BigInt(query.data.cursor) > (await tenantHead(tx))) throw historyBehind();
      const statement = snapshotCopyStatement(entity, { tenantId: device.tenantId, after, limit, stationIds: device.stationIds }, (value) =>
        client.escapeLiteral(value),
      );
      const data = await copyOut(client, statement);
      const facts = describeCopyChunk(data, columns.indexOf('hlc'));
      const scoped = device.stationIds !== null && isStationScoped(entity);
      const more =
        facts.lastId === null
          ? []
          : await tx.query<{ more: boolean }>(snapshotMoreSql(entity, scoped), scoped ? [device.tenantId, facts.lastId, device.stationIds] : [device.tenantId, facts.lastId]);
      return { ...facts, data, hasMore: more[0]?.more ?? false };
    });

    reply.header(snapshotHeaders.columns, columns.join(','));
    reply.header(snapshotHeaders.rows, String(chunk.rows));
    reply.header(snapshotHeaders.hasMore, String(chunk.hasMore));
    if (chunk.lastId !== null) reply.header(snapshotHeaders.lastId, chunk.lastId);
    if (chunk.maxHlc !== null) reply.header(snapshotHeaders.maxHlc, chunk.maxHlc);
    request.log.debug({ tenantId: device.tenantId, entity, rows: chunk.rows, bytes: chunk.data.length }, 'snapshot chunk');
    return reply.type('application/octet-stream').send(chunk.data);
  });
}
