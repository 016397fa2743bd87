import type pg from 'pg';
import { entitySchemaVersion, isMutable } from '../../common/entities';
import type { Change, PushResult } from '../../common/sync-protocol';
import type { DeviceContext } from '../auth';
import { appendToLog } from '../change-log';
import { asDatabaseError } from '../db/pg-errors';
import { setTenant, withTransaction, type TenantTx } from '../db/transaction';
import { checkChange, type CheckContext, type Rejection } from './check-change';
import { rejectionFromDatabase } from './database-rejections';
import { EditBatch, isBatchableEdit } from './edit-batch';
import { dependsOnPending, insertFacts, isBatchableFact } from './fact-batch';
import { loadPushState, lockMutableRows, rowKey, type PushState } from './push-state';
import { clocksOf, insertFact, insertMutableRow, mergeDocuments, updateMutableRow, winningFields } from './write-rows';

/**
 * The entity schema version this server understands (changes carry the version of the app that
 * made them). Raise it together with common/entities.ts and a migration.
 */
export const serverSchemaVersion = entitySchemaVersion;

export interface PushOutcome {
  results: PushResult[];
  /** The tenant's last seq after this push, when it applied anything. */
  lastSeq: bigint | null;
}

type WriteOutcome = 'applied' | 'duplicate';

const isRejection = (value: WriteOutcome | Rejection): value is Rejection => typeof value === 'object';

/**
 * Runs a write inside its own savepoint, opened lazily before the first statement, so a change the
 * database refuses is undone alone and the push goes on with the next one.
 */
async function inSavepoint(tx: TenantTx, change: Change, work: (tx: TenantTx) => Promise<WriteOutcome | Rejection>): Promise<WriteOutcome | Rejection> {
  let open = false;
  const guarded: TenantTx = {
    tenantId: tx.tenantId,
    query: async (sql, params) => {
      if (!open) {
        await tx.query('SAVEPOINT change');
        open = true;
      }
      return tx.query(sql, params);
    },
  };
  try {
    const outcome = await work(guarded);
    if (open) await tx.query('RELEASE SAVEPOINT change');
    return outcome;
  } catch (error) {
    if (!open) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT change');
    await tx.query('RELEASE SAVEPOINT change');
    const rejection = rejectionFromDatabase(error, change);
    if (rejection) return rejection;
    throw error;
  }
}

/**
 * Merges a change into a mutable row field by field, creating the row when it is new. Document
 * fields of crdt rows (notes' ydoc) are not won by clock: they become the Yjs merge of the stored
 * document and the change's (write-rows.ts, mergeDocuments); the other fields stay last writer wins.
 */
async function mergeMutable(tx: TenantTx, state: PushState, change: Change): Promise<WriteOutcome | Rejection> {
  const key = rowKey(change.entity, change.rowId);
  let row = state.rows.get(key);
  if (!row) {
    const merged = mergeDocuments({}, change);
    if ('rejection' in merged) return merged.rejection;
    const { documents } = merged;
    if (await insertMutableRow(tx, change, documents)) {
      state.rows.set(key, { fieldClocks: clocksOf(Object.keys(change.fields), change.hlc), hlc: change.hlc, documents });
      return 'applied';
    }
    const [locked] = await lockMutableRows(tx, change.entity, [change.rowId]);
    if (!locked) throw new Error(`row ${key} neither inserted nor found`);
    row = { fieldClocks: locked.fieldClocks, hlc: locked.hlc, documents: locked.documents };
    state.rows.set(key, row);
  }
  const merged = mergeDocuments(row.documents, change);
  if ('rejection' in merged) return merged.rejection;
  const { documents } = merged;
  const stored = row.documents;
  const changed = Object.entries(documents).filter(([name, value]) => !stored[name]?.equals(value));
  const winners = winningFields(row, change);
  if (winners.length === 0 && changed.length === 0) return 'applied';
  const hlc = row.hlc > change.hlc ? row.hlc : change.hlc;
  await updateMutableRow(tx, change, winners, hlc, documents);
  row.fieldClocks = { ...row.fieldClocks, ...clocksOf(winners, change.hlc) };
  row.hlc = hlc;
  row.documents = { ...stored, ...documents };
  return 'applied';
}

async function write(tx: TenantTx, state: PushState, change: Change): Promise<WriteOutcome | Rejection> {
  if (isMutable(change.entity)) return mergeMutable(tx, state, change);
  return (await insertFact(tx, change)) ? 'applied' : 'duplicate';
}

function checkContext(state: PushState, device: DeviceContext): CheckContext {
  return {
    role: device.role,
    knownSchemaVersion: serverSchemaVersion,
    exists: (entity, id) => state.existing.has(rowKey(entity, id)),
    rejectedEarlier: (entity, id) => state.rejected.has(rowKey(entity, id)),
    scaleOf: (id) => state.scales.get(id),
    nowMs: Date.now(),
  };
}

function rejected(state: PushState, change: Change, rejection: Rejection): PushResult {
  state.rejected.add(rowKey(change.entity, change.rowId));
  return { changeId: change.changeId, status: 'rejected', code: rejection.code, message: rejection.message };
}

function applied(state: PushState, change: Change): PushResult {
  state.seenChangeIds.add(change.changeId);
  state.existing.add(rowKey(change.entity, change.rowId));
  if (change.entity === 'observation_variables') state.scales.forget(change.rowId);
  return { changeId: change.changeId, status: 'applied' };
}

/** The answer for a change that needs no write: a duplicate, or a rejection by the checks. */
async function precheck(tx: TenantTx, state: PushState, context: CheckContext, change: Change): Promise<PushResult | null> {
  if (state.seenChangeIds.has(change.changeId)) return { changeId: change.changeId, status: 'duplicate' };
  const variableId = change.entity === 'observations' ? change.fields['variable_id'] : undefined;
  if (typeof variableId === 'string') await state.scales.load(tx, [variableId]);
  const rejection = checkChange(change, context);
  if (rejection) return rejected(state, change, rejection);
  if (!isMutable(change.entity) && state.existing.has(rowKey(change.entity, change.rowId))) {
    return { changeId: change.changeId, status: 'duplicate' };
  }
  return null;
}

async function applyChange(tx: TenantTx, state: PushState, context: CheckContext, change: Change): Promise<PushResult> {
  const early = await precheck(tx, state, context, change);
  if (early) return early;
  const outcome = await inSavepoint(tx, change, (guarded) => write(guarded, state, change));
  if (isRejection(outcome)) return rejected(state, change, outcome);
  return outcome === 'duplicate' ? { changeId: change.changeId, status: 'duplicate' } : applied(state, change);
}

interface PendingFact {
  index: number;
  change: Change;
}

/** Writes a run of checked fact inserts at once; if the database refuses, applies them one by one instead. */
async function flushFacts(tx: TenantTx, state: PushState, context: CheckContext, batch: PendingFact[], results: PushResult[]): Promise<void> {
  if (batch.length === 0) return;
  await tx.query('SAVEPOINT facts');
  try {
    const inserted = await insertFacts(tx, batch.map((pending) => pending.change));
    await tx.query('RELEASE SAVEPOINT facts');
    for (const { index, change } of batch) {
      results[index] = inserted.has(rowKey(change.entity, change.rowId)) ? applied(state, change) : { changeId: change.changeId, status: 'duplicate' };
    }
  } catch (error) {
    if (!asDatabaseError(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT facts');
    await tx.query('RELEASE SAVEPOINT facts');
    for (const { index, change } of batch) results[index] = await applyChange(tx, state, context, change);
  }
}

interface PendingEdit {
  index: number;
  change: Change;
}

/** Writes a run of checked edits at once; if the database refuses, puts the clocks back and applies them one by one. */
async function flushEdits(tx: TenantTx, state: PushState, context: CheckContext, batch: EditBatch, pending: PendingEdit[], results: PushResult[]): Promise<void> {
  if (pending.length === 0) return;
  await tx.query('SAVEPOINT edits');
  try {
    await batch.write(tx);
    await tx.query('RELEASE SAVEPOINT edits');
    for (const { index, change } of pending) results[index] = applied(state, change);
  } catch (error) {
    if (!asDatabaseError(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT edits');
    await tx.query('RELEASE SAVEPOINT edits');
    batch.restore();
    for (const { index, change } of pending) results[index] = await applyChange(tx, state, context, change);
  }
}

/**
 * Applies the changes in push order. Runs of independent fact inserts, and runs of edits to rows
 * the server already holds, are written in batches; anything else (a new mutable row, a note) is
 * written alone, after the batches before it.
 */
async function applyInOrder(tx: TenantTx, state: PushState, context: CheckContext, changes: Change[]): Promise<PushResult[]> {
  const results: PushResult[] = [];
  let facts: PendingFact[] = [];
  const pendingKeys = new Set<string>();
  const pendingChangeIds = new Set<string>();
  let edits = new EditBatch(state);
  let pendingEdits: PendingEdit[] = [];
  const flushFactBatch = async (): Promise<void> => {
    const ready = facts;
    facts = [];
    pendingKeys.clear();
    pendingChangeIds.clear();
    await flushFacts(tx, state, context, ready, results);
  };
  const flushEditBatch = async (): Promise<void> => {
    const [batch, ready] = [edits, pendingEdits];
    edits = new EditBatch(state);
    pendingEdits = [];
    await flushEdits(tx, state, context, batch, ready, results);
  };
  for (const [index, change] of changes.entries()) {
    if (change.operation === 'insert' && isBatchableFact(change.entity)) {
      if (dependsOnPending(change, pendingKeys, pendingChangeIds)) await flushFactBatch();
      const early = await precheck(tx, state, context, change);
      if (early) {
        results[index] = early;
        continue;
      }
      facts.push({ index, change });
      pendingKeys.add(rowKey(change.entity, change.rowId));
      pendingChangeIds.add(change.changeId);
      continue;
    }
    if (isBatchableEdit(change, state)) {
      if (edits.touches(change)) await flushEditBatch();
      const early = await precheck(tx, state, context, change);
      if (early) {
        results[index] = early;
        continue;
      }
      edits.add(change);
      pendingEdits.push({ index, change });
      continue;
    }
    await flushEditBatch();
    await flushFactBatch();
    results[index] = await applyChange(tx, state, context, change);
  }
  await flushEditBatch();
  await flushFactBatch();
  return results;
}

/**
 * Applies a push in one transaction, each change in push order (a refused change is undone alone,
 * in its own savepoint), and appends the applied ones to the tenant's log. Pushes from one device
 * are serialised (advisory lock), so a retried push racing its original still sees each change id once.
 */
export async function applyPush(pool: pg.Pool, device: DeviceContext, changes: Change[]): Promise<PushOutcome> {
  return withTransaction(pool, async (client) => {
    const tx = await setTenant(client, device.tenantId);
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [device.deviceId]);
    // Ids in Postgres' canonical form, so an upper-case id is still recognised as a duplicate; the
    // answers carry each change id as the device sent it.
    const canonical = changes.map((change) => ({ ...change, changeId: change.changeId.toLowerCase(), rowId: change.rowId.toLowerCase() }));
    const state = await loadPushState(tx, canonical);
    const results = await applyInOrder(tx, state, checkContext(state, device), canonical);
    const applied = canonical.filter((_, i) => results[i]?.status === 'applied');
    const lastSeq = applied.length > 0 ? await appendToLog(tx, applied, { userId: device.userId, deviceId: device.deviceId }) : null;
    return { results: results.map((result, i) => ({ ...result, changeId: changes[i]?.changeId ?? result.changeId })), lastSeq };
  });
}
