// What must hold at the end of a convergence scenario, besides every replica equalling the server:
// the server's rows are what its own change log implies under the merge rules; every change a
// replica made is on the server exactly once, in the order it was made, or still kept on the
// replica; every change the server acknowledged is in its log exactly once; cursors are complete.
import type pg from 'pg';
import { entities, entityNames, type EntityName } from '../../common/entities';
import { isDocumentField } from '../../common/notes/document-fields';
import { mergeNoteStates, noteDocumentProblem, noteIncludes, readNote, sameNoteContent } from '../../common/notes/note-document';
import type { StationSession } from '../../main/stations/station-session';
import type { LedgerEntry, PullRecord } from './convergence-replicas';
import { canonicalJson, comparedColumns, replicaState, sameValue, type DatabaseState } from './convergence-state';

export interface LogRow {
  seq: number;
  change_id: string;
  entity: EntityName;
  operation: string;
  row_id: string;
  fields: Record<string, unknown>;
  hlc: string;
  device_id: string | null;
}

export async function readLog(owner: pg.Pool, tenantId: string): Promise<LogRow[]> {
  const { rows } = await owner.query<LogRow & { seq: string }>(
    `SELECT seq::text, change_id::text, entity, operation, row_id::text, fields, hlc, device_id::text
       FROM changes WHERE tenant_id = $1 ORDER BY changes.seq`,
    [tenantId],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

interface ExpectedRow {
  fields: Map<string, { value: unknown; hlc: string }>;
  deleted: boolean;
  /** Every logged value of a document field (notes' ydoc), in log order: they all merge. */
  documents: Map<string, { changeId: string; bytes: Buffer }[]>;
}

/**
 * The rows the log implies (docs/sync-protocol.md, merge rules): per field the value of the change
 * with the greatest clock; a delete is a tombstone for good; facts are their first insert; rows
 * managed by the server take each logged change in turn. Documents merge: the row holds the Yjs
 * merge of every logged value (oracleProblems compares them by content).
 */
export function foldLog(log: LogRow[]): Map<EntityName, Map<string, ExpectedRow>> {
  const state = new Map<EntityName, Map<string, ExpectedRow>>(entityNames.map((name) => [name, new Map()]));
  for (const change of log) {
    const rows = state.get(change.entity) ?? new Map<string, ExpectedRow>();
    const merge = entities[change.entity].merge;
    let row = rows.get(change.row_id);
    if (row && merge === 'append') continue;
    if (!row) {
      row = { fields: new Map(), deleted: false, documents: new Map() };
      rows.set(change.row_id, row);
    }
    for (const [name, value] of Object.entries(change.fields)) {
      if (isDocumentField(change.entity, name) && typeof value === 'string') {
        row.documents.set(name, [...(row.documents.get(name) ?? []), { changeId: change.change_id, bytes: Buffer.from(value, 'base64') }]);
      }
      const current = row.fields.get(name);
      if (merge !== 'lww' && merge !== 'crdt') row.fields.set(name, { value, hlc: change.hlc });
      else if (!current || change.hlc > current.hlc) row.fields.set(name, { value, hlc: change.hlc });
    }
    if (change.operation === 'delete') row.deleted = true;
  }
  return state;
}

const isSubsequence = (part: string, whole: string): boolean => {
  let at = 0;
  for (let i = 0; i < whole.length && at < part.length; i++) if (whole[i] === part[at]) at += 1;
  return at === part.length;
};

const shown = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/**
 * A document field of a server row against its log: the row holds exactly the merge of every
 * logged value (by content: state vector, text and formatting), and every logged edit survives in
 * it, its text in order (the scenarios only type and format, so no edit's text may go missing).
 * Null when no logged value decodes (an old app's bytes): then the clock decides, as for any field.
 */
function documentProblems(what: string, stored: string | null, logged: { changeId: string; bytes: Buffer }[]): string[] | null {
  const readable = logged.filter((entry) => noteDocumentProblem(entry.bytes) === null);
  if (readable.length === 0) return null;
  const have = stored === null ? null : Buffer.from(stored, 'hex');
  if (have === null || noteDocumentProblem(have) !== null) return [`${what}: the server's note is not a note document its log could make`];
  const problems: string[] = [];
  const implied = mergeNoteStates(readable.map((entry) => entry.bytes));
  if (!sameNoteContent(have, implied)) {
    problems.push(`${what}: the server's note reads ${shown(readNote(have).text)} but its log implies ${shown(readNote(implied).text)}`);
  }
  const text = readNote(have).text;
  for (const entry of readable) {
    const logged = readNote(entry.bytes).text;
    if (!noteIncludes(have, entry.bytes) || !isSubsequence(logged, text)) {
      problems.push(`${what}: the edit of change ${entry.changeId} (${shown(logged)}) did not survive on the server (${shown(text)})`);
    }
  }
  return problems;
}

/** Where the server's rows differ from what its log implies. */
export function oracleProblems(expected: Map<EntityName, Map<string, ExpectedRow>>, server: DatabaseState, label: (id: string) => string): string[] {
  const problems: string[] = [];
  for (const entity of entityNames) {
    const rows = server.get(entity) ?? new Map();
    const implied = expected.get(entity) ?? new Map<string, ExpectedRow>();
    for (const [id, want] of implied) {
      const have = rows.get(id);
      if (!have) {
        problems.push(`${entity} ${label(id)} (${id}) was logged but is not on the server`);
        continue;
      }
      for (const [column, type] of comparedColumns(entity)) {
        if (column === 'id' || column === 'tenant_id') continue;
        const documents = isDocumentField(entity, column) ? documentProblems(`${entity} ${label(id)} (${id}) ${column}`, have[column] ?? null, want.documents.get(column) ?? []) : null;
        if (documents) {
          problems.push(...documents);
          continue;
        }
        const ok = column === 'deleted' ? have[column] === String(want.deleted) : sameValue(type, have[column] ?? null, want.fields.get(column)?.value);
        if (!ok) {
          const wire = column === 'deleted' ? want.deleted : want.fields.get(column)?.value;
          problems.push(`${entity} ${label(id)} (${id}) ${column}: the server has ${JSON.stringify(have[column])} but its log implies ${JSON.stringify(wire ?? null)}`);
        }
      }
    }
    for (const id of rows.keys()) if (!implied.has(id)) problems.push(`${entity} ${label(id)} (${id}) is on the server but no logged change made it`);
  }
  return problems;
}

export interface OutboxRow {
  change_id: string;
  entity: EntityName;
  operation: string;
  row_id: string;
  fields: Record<string, unknown>;
  state: string;
  rejection: { code: string; message: string } | null;
}

/** What a replica may hold that the server does not: rows and fields of changes the server refused. */
export interface Divergence {
  rows: Set<string>;
  fields: Map<string, Set<string>>;
  /** Change ids whose refusal the scenario can explain. */
  explained: Set<string>;
}

export const rowKey = (entity: string, id: string): string => `${entity}:${id}`;

/**
 * The refusals a scenario can cause on purpose, and what they leave behind on the device: a value
 * recorded offline against a scale another station narrowed meanwhile (invalid-value, when the
 * value is above a maximum the server took for that variable at some point), and the
 * changes that build on a refused row (unknown-reference, depends-on-rejected). Any other refusal
 * is a problem of its own.
 */
export function explainRejections(outbox: OutboxRow[], log: LogRow[]): Divergence {
  // A value is plausibly refused when some maximum the server ever took for its variable is below it.
  const maxima = new Map<string, number[]>();
  for (const change of log) {
    const maximum = change.fields['maximum'];
    if (change.entity === 'observation_variables' && typeof maximum === 'number') maxima.set(change.row_id, [...(maxima.get(change.row_id) ?? []), maximum]);
  }
  const outOfSomeRange = (change: OutboxRow): boolean => {
    const variableId = change.fields['variable_id'];
    const value = Number(change.fields['value']);
    return typeof variableId === 'string' && (maxima.get(variableId) ?? []).some((maximum) => value > maximum);
  };
  const divergence: Divergence = { rows: new Set(), fields: new Map(), explained: new Set() };
  for (const change of outbox) {
    if (change.state !== 'rejected') continue;
    const key = rowKey(change.entity, change.row_id);
    const definition: Record<string, { references?: EntityName }> = entities[change.entity].fields;
    const buildsOnRefused = divergence.rows.has(key) || Object.entries(change.fields).some(([name, value]) => {
      const target = definition[name]?.references;
      return target !== undefined && typeof value === 'string' && divergence.rows.has(rowKey(target, value));
    });
    const code = change.rejection?.code;
    const explained = (code === 'invalid-value' && outOfSomeRange(change)) || (buildsOnRefused && (code === 'unknown-reference' || code === 'depends-on-rejected'));
    if (!explained) continue;
    divergence.explained.add(change.change_id);
    if (change.operation === 'insert') {
      divergence.rows.add(key);
      continue;
    }
    const fields = divergence.fields.get(key) ?? new Set<string>();
    for (const name of [...Object.keys(change.fields), ...(change.operation === 'delete' ? ['deleted'] : [])]) fields.add(name);
    divergence.fields.set(key, fields);
  }
  return divergence;
}

export interface DeviceRecord {
  name: string;
  deviceId: string;
  /** The changes this replica made since it connected (the full push included), in order. */
  ledger: LedgerEntry[];
  /** Ledger entries up to this seq are the full push (one clock for all); later ones are local writes. */
  fullPushUntilSeq: number;
  outbox: OutboxRow[];
  divergence: Divergence;
  /** The pull cursors the replica committed, in the same order as its ledger. */
  pulls: PullRecord[];
  cursor: string;
}

export async function readOutbox(session: StationSession): Promise<OutboxRow[]> {
  return session.replica.query<OutboxRow>('SELECT change_id, entity, operation, row_id, fields, state, rejection FROM sync_outbox ORDER BY seq');
}

/** Changes lost, doubled, altered, reordered or invented on the way, clocks that run back, cursors that stop short. */
export function ledgerProblems(log: LogRow[], devices: DeviceRecord[], acknowledged: Set<string>, label: (id: string) => string): string[] {
  const problems: string[] = [];
  const logged = new Map<string, LogRow>();
  for (const entry of log) {
    if (logged.has(entry.change_id)) problems.push(`change ${entry.change_id} is in the server's log twice`);
    logged.set(entry.change_id, entry);
  }
  log.forEach((entry, i) => {
    if (entry.seq !== i + 1) problems.push(`the server's log has seq ${entry.seq} at position ${i + 1} (a gap or a repeat)`);
  });
  for (const id of acknowledged) if (!logged.has(id)) problems.push(`change ${id} was acknowledged by the server but is not in its log`);
  const lastSeq = String(log.at(-1)?.seq ?? 0);
  // latestClock[n]: the greatest clock among the log's first n changes.
  const latestClock = [''];
  for (const entry of log) latestClock.push(entry.hlc > (latestClock.at(-1) ?? '') ? entry.hlc : (latestClock.at(-1) ?? ''));
  for (const device of devices) {
    const kept = new Map(device.outbox.map((row) => [row.change_id, row]));
    const made = new Set(device.ledger.map((entry) => entry.change_id));
    let previousSeq = 0;
    let previousClock = '';
    let pulledUpTo = 0;
    const pulls = [...device.pulls];
    for (const entry of device.ledger) {
      while (pulls[0] && pulls[0].seq < entry.seq) pulledUpTo = Math.max(pulledUpTo, pulls.shift()?.cursor ?? 0);
      const what = `${device.name}'s ${entry.operation} of ${entry.entity} ${label(entry.row_id)} (change ${entry.change_id})`;
      // A device's clock only moves forward: two changes with one clock look like one change to a merge.
      if (entry.seq > device.fullPushUntilSeq && entry.hlc <= previousClock) {
        problems.push(`${what} has clock ${entry.hlc}, not later than ${previousClock} of a change the device made before it`);
      }
      if (entry.hlc > previousClock) previousClock = entry.hlc;
      // Hybrid clocks: a change made after the replica applied a pulled change has a later clock.
      const seen = latestClock[pulledUpTo] ?? '';
      if (entry.seq > device.fullPushUntilSeq && entry.hlc <= seen) {
        problems.push(`${what} has clock ${entry.hlc}, not later than ${seen}, a clock the device had already pulled (up to seq ${pulledUpTo})`);
      }
      const onServer = logged.get(entry.change_id);
      const inOutbox = kept.get(entry.change_id);
      if (onServer && inOutbox) problems.push(`${what} is on the server but still in the outbox (${inOutbox.state})`);
      else if (!onServer && !inOutbox) problems.push(`${what} vanished: it is neither on the server nor in the outbox`);
      else if (inOutbox?.state === 'pending') problems.push(`${what} is still pending after the final syncs`);
      else if (inOutbox && !device.divergence.explained.has(entry.change_id)) {
        problems.push(`${what} was rejected: ${inOutbox.rejection?.code} ${inOutbox.rejection?.message}`);
      }
      if (!onServer) continue;
      const same = onServer.entity === entry.entity && onServer.operation === entry.operation && onServer.row_id === entry.row_id && onServer.hlc === entry.hlc;
      if (!same || canonicalJson(onServer.fields) !== canonicalJson(entry.fields)) problems.push(`${what} reached the server altered`);
      if (onServer.device_id !== device.deviceId) problems.push(`${what} is logged under device ${onServer.device_id}`);
      if (onServer.seq <= previousSeq) problems.push(`${what} is logged at seq ${onServer.seq}, before the change made ahead of it (seq ${previousSeq})`);
      previousSeq = Math.max(previousSeq, onServer.seq);
    }
    for (const entry of log) {
      const enrolment = entry.entity === 'devices' && entry.row_id === device.deviceId;
      if (entry.device_id === device.deviceId && !enrolment && !made.has(entry.change_id)) {
        problems.push(`the server logged change ${entry.change_id} (${entry.entity} ${label(entry.row_id)}) from ${device.name}, which never made it`);
      }
    }
    if (device.cursor !== lastSeq) problems.push(`${device.name} pulled up to ${device.cursor}, the server's log ends at ${lastSeq}`);
  }
  return problems;
}

/**
 * A station used before it ever connected queues everything it holds when it connects: every row,
 * once, with the values it holds (and tombstones as deletes), so the server ends with the same data.
 */
export async function fullPushProblems(session: StationSession, name: string, label: (id: string) => string): Promise<string[]> {
  const problems: string[] = [];
  const queued = await session.replica.query<{ entity: EntityName; operation: string; row_id: string; fields: Record<string, unknown> }>(
    'SELECT entity, operation, row_id, fields FROM sync_outbox ORDER BY seq',
  );
  const byRow = new Map<string, typeof queued>();
  for (const change of queued) byRow.set(`${change.entity}:${change.row_id}`, [...(byRow.get(`${change.entity}:${change.row_id}`) ?? []), change]);
  const pushable = entityNames.filter((entity) => entities[entity].merge !== 'server');
  for (const [entity, rows] of await replicaState(session, pushable)) {
    for (const [id, row] of rows) {
      const changes = byRow.get(`${entity}:${id}`) ?? [];
      const inserts = changes.filter((change) => change.operation === 'insert');
      const what = `${name}'s ${entity} ${label(id)} (${id})${row['deleted'] === 'true' ? ', deleted,' : ''}`;
      if (inserts.length !== 1) {
        problems.push(`${what} is held before connecting but queued for the full push ${inserts.length} times`);
        continue;
      }
      for (const [column, type] of comparedColumns(entity)) {
        if (column === 'id' || column === 'tenant_id' || column === 'deleted') continue;
        const wire = inserts[0]?.fields[column];
        if (!sameValue(type, row[column] ?? null, wire)) {
          problems.push(`${what} ${column} is held as ${JSON.stringify(row[column])} but queued as ${JSON.stringify(wire ?? null)}`);
        }
      }
      if (row['deleted'] === 'true' && !changes.some((change) => change.operation === 'delete')) problems.push(`${what} is not queued as deleted`);
    }
  }
  return problems;
}
