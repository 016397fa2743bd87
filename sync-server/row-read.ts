import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { entities, entityNames, isMutable, type FieldDefinition } from '../common/entities';
import { AppError } from '../common/errors';
import type { ServerRow } from '../common/sync-protocol';
import { authenticate } from './auth';
import { withTenantTransaction } from './db/transaction';
import type { ServerDeps } from './server-deps';
import { hiddenRowSql, hiddenRowsCtes } from './station-scope';

const params = z.object({ entity: z.enum(entityNames), id: z.uuid() }).strict();

/** One field as it travels on the wire: GeoJSON for geometry, base64 for bytes, JSON for the rest. */
function wireExpression(name: string, field: FieldDefinition): string {
  if (field.type === 'geometry') return `ST_AsGeoJSON(t.${name})::jsonb`;
  if (field.type === 'bytea') return `to_jsonb(encode(t.${name}, 'base64'))`;
  return `to_jsonb(t.${name})`;
}

/**
 * GET /v1/rows/:entity/:id: the server's current version of one mutable row of the device's
 * tenant, so a device that discards a rejected edit can put the record back as the server has it.
 */
export function registerRowRead(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/v1/rows/:entity/:id', async (request): Promise<ServerRow> => {
    const device = await authenticate(deps.pool, request.headers.authorization);
    const parsed = params.safeParse(request.params);
    if (!parsed.success || !isMutable(parsed.data.entity)) {
      throw new AppError('validation', 'Ask for a record that can change (an entity name and an id); facts never change on the server.');
    }
    const { entity, id } = parsed.data;
    const fields: Record<string, FieldDefinition> = entities[entity].fields;
    const object = Object.entries(fields)
      .map(([name, field]) => `'${name}', ${wireExpression(name, field)}`)
      .join(', ');
    // A device enrolled for some stations reads only their rows, as in its pulls.
    const scoped = device.stationIds !== null;
    const scope = scoped ? { with: `WITH ${hiddenRowsCtes({ tenant: '$1', stations: '$3::uuid[]' })} `, where: ` AND NOT ${hiddenRowSql(entity, 't', '$1')}` } : { with: '', where: '' };
    const rows = await withTenantTransaction(deps.pool, device.tenantId, (tx) =>
      tx.query<{ fields: Record<string, unknown>; field_clocks: Record<string, string>; deleted: boolean; hlc: string }>(
        `${scope.with}SELECT jsonb_build_object(${object}) AS fields, t.field_clocks, t.deleted, t.hlc
           FROM ${entities[entity].table} t WHERE t.tenant_id = $1 AND t.id = $2${scope.where}`,
        scoped ? [tx.tenantId, id, device.stationIds] : [tx.tenantId, id],
      ),
    );
    const row = rows[0];
    if (!row) throw new AppError('not-found', 'The server does not have that record.');
    return { entity, rowId: id, fields: row.fields, fieldClocks: row.field_clocks, deleted: row.deleted, hlc: row.hlc };
  });
}
