import type { RejectedChange } from '../../common/api-contract';
import { entities, isMutable, type EntityName, type FieldDefinition } from '../../common/entities';
import { oneOf } from '../../common/entity-labels';
import { AppError } from '../../common/errors';
import { fieldValueProblem } from '../../common/field-values';
import { checkValue } from '../../common/scale-validation';
import type { StationSession } from '../stations/station-session';
import { getVariable } from '../trials/trial-queries';
import { castFor, encodeParam } from '../replica/field-params';
import { checkRowRules } from '../replica/row-rules';
import { restoreServerRow } from './apply-pulled-changes';
import type { SyncServerAddress } from './sync-http-client';
import { fetchServerRow } from './sync-http-client';

interface RejectedRow {
  change_id: string;
  entity: EntityName;
  operation: RejectedChange['operation'];
  row_id: string;
  fields: Record<string, unknown>;
  rejection: { code: string; message: string };
  created_at: Date;
  variable_name: string | null;
  plot_number: number | null;
}

function summarise(row: RejectedRow): string {
  const label = oneOf(row.entity);
  if (row.entity === 'observations') {
    const plot = row.plot_number === null ? '' : ` on plot ${row.plot_number}`;
    return `${row.variable_name ?? 'Observation'}: ${String(row.fields['value'] ?? '')}${plot}`;
  }
  const name = row.fields['name'] ?? row.fields['code'];
  const verb = row.operation === 'insert' ? 'New' : row.operation === 'delete' ? 'Deleted' : 'Changed';
  return `${verb} ${label}${typeof name === 'string' ? ` “${name}”` : ''}`;
}

/** Changes the server refused, oldest first, with the reason in its words and a short summary. */
export async function listRejected(session: StationSession): Promise<RejectedChange[]> {
  const rows = await session.replica.query<RejectedRow>(
    `SELECT o.change_id, o.entity, o.operation, o.row_id, o.fields, o.rejection, o.created_at,
            v.name AS variable_name, u.plot_number
       FROM sync_outbox o
       LEFT JOIN observation_variables v ON o.entity = 'observations' AND v.id = (o.fields->>'variable_id')::uuid
       LEFT JOIN observation_units u ON o.entity = 'observations' AND u.id = (o.fields->>'unit_id')::uuid
      WHERE o.state = 'rejected' ORDER BY o.seq`,
  );
  return rows.map((row) => ({
    changeId: row.change_id,
    entity: row.entity,
    operation: row.operation,
    rowId: row.row_id,
    fields: row.fields,
    code: row.rejection.code,
    message: row.rejection.message,
    createdAt: row.created_at.toISOString(),
    summary: summarise(row),
  }));
}

async function requireRejected(session: StationSession, changeId: string): Promise<RejectedRow> {
  const rows = await session.replica.query<RejectedRow>(
    `SELECT change_id, entity, operation, row_id, fields, rejection, created_at, NULL AS variable_name, NULL AS plot_number
       FROM sync_outbox WHERE change_id = $1 AND state = 'rejected'`,
    [changeId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not-found', 'That refused change is no longer waiting: it was already resent or discarded.');
  return row;
}

/**
 * Drops a refused change for good. A refused creation disappears from this computer too (the
 * server never had it); a refused edit or delete is undone by putting the record back as the
 * server has it, so the replica does not drift from the server.
 */
export async function discardRejected(session: StationSession, address: SyncServerAddress | null, changeId: string): Promise<void> {
  const row = await requireRejected(session, changeId);
  const table = entities[row.entity].table;
  const serverRow =
    row.operation !== 'insert' && isMutable(row.entity) && address ? await fetchServerRow(address, row.entity, row.row_id) : null;
  if (row.operation !== 'insert' && isMutable(row.entity) && !address) {
    throw new AppError('offline', 'Discarding this change needs the server’s version of the record. Connect to the server, then try again.');
  }
  await session.replica.write(['sync_outbox', row.entity], async (tx) => {
    await tx.query('DELETE FROM sync_outbox WHERE change_id = $1', [changeId]);
    if (row.operation === 'insert' || !serverRow) {
      await tx.query(`DELETE FROM ${table} WHERE id = $1`, [row.row_id]);
      await tx.query('DELETE FROM change_history WHERE entity = $1 AND row_id = $2', [row.entity, row.row_id]);
    } else {
      await restoreServerRow(tx, session.identity.tenantId, serverRow);
    }
  });
}

/**
 * Sends a refused change again after the user fixed it: the fixed fields are checked as at entry,
 * written to the local record, and the change goes to the end of the queue.
 */
export async function resendRejected(session: StationSession, changeId: string, fixes: Record<string, unknown>): Promise<void> {
  const row = await requireRejected(session, changeId);
  const definition: Record<string, FieldDefinition> = entities[row.entity].fields;
  for (const [name, value] of Object.entries(fixes)) {
    const field = definition[name];
    if (!field) throw new AppError('validation', `A ${oneOf(row.entity)} has no field ${name}.`, { field: name });
    const problem = fieldValueProblem(name, field, value);
    if (problem) throw new AppError('validation', problem, { field: name });
  }
  const fields = { ...row.fields, ...fixes };
  if (row.entity === 'observations' && typeof fields['variable_id'] === 'string' && 'value' in fixes) {
    const variable = await getVariable(session.replica, fields['variable_id']);
    const checked = variable ? checkValue(variable, String(fixes['value'])) : null;
    if (checked && !checked.ok) throw new AppError('validation', checked.message, { field: 'value' });
    if (checked?.ok) Object.assign(fields, { value: checked.value, value_number: checked.numeric });
  }
  const names = Object.keys(fields).filter((name) => name in fixes || (name === 'value_number' && 'value' in fixes));
  await session.replica.write(['sync_outbox', row.entity], async (tx) => {
    // Back to the end of the queue (a fix may refer to records made since), under the same change id.
    await tx.query(
      `WITH old AS (DELETE FROM sync_outbox WHERE change_id = $1 RETURNING *)
       INSERT INTO sync_outbox (change_id, entity, operation, row_id, fields, hlc, schema_version, created_at)
       SELECT change_id, entity, operation, row_id, $2::jsonb, hlc, schema_version, created_at FROM old`,
      [changeId, JSON.stringify(fields)],
    );
    if (names.length > 0 && row.operation !== 'delete') {
      const columns = names.flatMap((name) => {
        const field = definition[name];
        return field ? [[name, field] as const] : [];
      });
      const sets = columns.map(([name, field], i) => `${name} = $${i + 2}${castFor(field)}`);
      const values = columns.map(([name, field]) => encodeParam(field, fields[name]));
      await tx.query(`UPDATE ${entities[row.entity].table} SET ${sets.join(', ')} WHERE id = $1`, [row.row_id, ...values]);
    }
    // The replica keeps no cross-row rule itself (the server does): a resend that would clash again is refused here.
    await checkRowRules(tx, row.entity, row.row_id, Object.keys(fields));
  });
}
