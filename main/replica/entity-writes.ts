import { entities, entitySchemaVersion, isMutable, type EntityName, type FieldDefinition } from '../../common/entities';
import { AppError } from '../../common/errors';
import { encodeClock, tick, type ClockState } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import { castFor, encodeParam } from './field-params';
import type { ReplicaTx } from './replica';
import { checkRowRules } from './row-rules';

export type Operation = 'insert' | 'update' | 'delete';

export interface EntityChange {
  entity: EntityName;
  operation: Operation;
  rowId: string;
  fields: Record<string, unknown>;
}

/** The replica's own clock and identity, carried by every local change. */
export interface WriteContext {
  tenantId: string;
  deviceId: string;
  userId: string;
  clock: ClockState;
}

/**
 * The fields as they travel (docs/sync-protocol.md, wire format): bytes are base64 text. A caller
 * may hand bytea fields over as bytes or as base64; the row stores the bytes, the outbox the text.
 */
function wireFields(entity: EntityName, fields: Record<string, unknown>): Record<string, unknown> {
  const definition: Record<string, FieldDefinition> = entities[entity].fields;
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) =>
      definition[name]?.type === 'bytea' && value instanceof Uint8Array ? [name, Buffer.from(value).toString('base64')] : [name, value],
    ),
  );
}

/** The clock of each field a change sets: how replicas merge mutable rows field by field. */
function fieldClocks(names: string[], hlc: string): string {
  return JSON.stringify(Object.fromEntries(names.map((name) => [name, hlc])));
}

function checkedFields(entity: EntityName, fields: Record<string, unknown>): [string, FieldDefinition, unknown][] {
  const definition: Record<string, FieldDefinition> = entities[entity].fields;
  return Object.entries(fields).map(([name, value]) => {
    const field = definition[name];
    if (!field) throw new AppError('internal', `The field ${name} does not belong to ${entity}.`);
    return [name, field, value];
  });
}

/**
 * The one path for local writes: writes the row and its outbox entry in the caller's transaction,
 * stamped with the next hybrid clock value. Observations and movements only ever insert. Rules the
 * server keeps across rows (unique codes, a minimum not above the maximum) are checked here, on the
 * row as written; the replica itself has no such constraint, so pulls always apply.
 */
export async function writeChanges(tx: ReplicaTx, context: WriteContext, changes: EntityChange[]): Promise<void> {
  const history: Record<string, unknown>[] = [];
  const outbox: Record<string, unknown>[] = [];
  // Runs of inserts into one table that set the same fields go in one statement per run.
  let run: StampedChange[] = [];
  const flushRun = async (): Promise<void> => {
    if (run.length === 0) return;
    const written = run;
    run = [];
    await insertRows(tx, context, written);
    for (const { change } of written) await checkRowRules(tx, change.entity, change.rowId, Object.keys(change.fields));
  };
  for (const change of changes) {
    const definition = entities[change.entity];
    if (definition.merge === 'append' && change.operation !== 'insert') {
      throw new AppError('internal', `${change.entity} are facts: they are only ever added, never changed.`);
    }
    if (definition.merge === 'server') {
      throw new AppError('forbidden', `${change.entity} are managed by the central office and cannot be changed here.`);
    }
    context.clock = tick(context.clock, Date.now());
    const hlc = encodeClock(context.clock, context.deviceId);
    if (change.operation === 'insert') {
      const previous = run[run.length - 1]?.change;
      if (previous && !sameShape(previous, change)) await flushRun();
      run.push({ change, hlc });
    } else {
      await flushRun();
      await updateRow(tx, context, change, hlc);
      await checkRowRules(tx, change.entity, change.rowId, Object.keys(change.fields));
    }
    if (isMutable(change.entity)) {
      history.push({ ord: history.length, entity: change.entity, row_id: change.rowId, operation: change.operation, fields: change.fields, hlc });
    }
    outbox.push({
      ord: outbox.length,
      change_id: newId(),
      entity: change.entity,
      operation: change.operation,
      row_id: change.rowId,
      fields: wireFields(change.entity, change.fields),
      hlc,
    });
  }
  await flushRun();
  // The history and the outbox entries of all the changes, each in one statement (in change order:
  // the outbox's seq is the push order).
  if (history.length > 0) {
    await tx.query(
      `INSERT INTO change_history (entity, row_id, operation, fields, hlc, user_id, device_id, changed_at, source)
       SELECT x.entity, x.row_id, x.operation, x.fields, x.hlc, $2, $3, now(), 'local'
         FROM jsonb_to_recordset($1::jsonb) AS x(ord integer, entity text, row_id uuid, operation text, fields jsonb, hlc text)
        ORDER BY x.ord`,
      [JSON.stringify(history), context.userId, context.deviceId],
    );
  }
  if (outbox.length > 0) {
    await tx.query(
      `INSERT INTO sync_outbox (change_id, entity, operation, row_id, fields, hlc, schema_version)
       SELECT x.change_id, x.entity, x.operation, x.row_id, x.fields, x.hlc, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(ord integer, change_id uuid, entity text, operation text, row_id uuid, fields jsonb, hlc text)
        ORDER BY x.ord`,
      [JSON.stringify(outbox), entitySchemaVersion],
    );
  }
  await tx.query(
    `INSERT INTO replica_state (key, value) VALUES ('clock', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(context.clock)],
  );
}

interface StampedChange {
  change: EntityChange;
  hlc: string;
}

/** Two inserts that can share one statement: same table, same fields in the same order. */
function sameShape(a: EntityChange, b: EntityChange): boolean {
  if (a.entity !== b.entity) return false;
  const aNames = Object.keys(a.fields);
  const bNames = Object.keys(b.fields);
  return aNames.length === bNames.length && aNames.every((name, i) => name === bNames[i]);
}

/** Bind parameters per statement: well under Postgres's 65,535, and a few hundred rows per statement. */
const maxParamsPerInsert = 20_000;

/** Inserts rows of one entity that set the same fields, in as few multi-row statements as the parameter limit allows. */
async function insertRows(tx: ReplicaTx, context: WriteContext, rows: readonly StampedChange[]): Promise<void> {
  const first = rows[0]?.change;
  if (!first) return;
  const table = entities[first.entity].table;
  const mutable = isMutable(first.entity);
  const fields = checkedFields(first.entity, first.fields).map(([name, field]) => [name, field] as const);
  const names = ['id', 'tenant_id', 'hlc', ...(mutable ? ['field_clocks'] : []), ...fields.map(([name]) => name)];
  const casts = [...names.slice(0, names.length - fields.length).map((name) => (name === 'field_clocks' ? '::jsonb' : '')), ...fields.map(([, field]) => castFor(field))];
  const clockNames = fields.map(([name]) => name);
  const perStatement = Math.max(1, Math.floor(maxParamsPerInsert / names.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map(({ change, hlc }) => {
      const base = params.length;
      params.push(
        change.rowId,
        context.tenantId,
        hlc,
        ...(mutable ? [fieldClocks(clockNames, hlc)] : []),
        ...fields.map(([name, field]) => encodeParam(field, change.fields[name])),
      );
      return `(${names.map((_, i) => `$${base + i + 1}${casts[i] ?? ''}`).join(', ')})`;
    });
    await tx.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

async function updateRow(tx: ReplicaTx, context: WriteContext, change: EntityChange, hlc: string): Promise<void> {
  const table = entities[change.entity].table;
  const fields = checkedFields(change.entity, change.fields);
  const deleting = change.operation === 'delete';
  const clocked = [...fields.map(([name]) => name), ...(deleting ? ['deleted'] : [])];
  const sets = [
    ...fields.map(([name, field], i) => `${name} = $${i + 5}${castFor(field)}`),
    ...(deleting ? ['deleted = true'] : []),
    'hlc = $3',
    'field_clocks = field_clocks || $4::jsonb',
    'updated_at = now()',
  ];
  const result = await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1 AND tenant_id = $2`, [
    change.rowId,
    context.tenantId,
    hlc,
    fieldClocks(clocked, hlc),
    ...fields.map(([, field, value]) => encodeParam(field, value)),
  ]);
  if ((result.affectedRows ?? 0) === 0) {
    throw new AppError('not-found', `That ${change.entity.replace(/_/g, ' ')} record no longer exists.`);
  }
}
