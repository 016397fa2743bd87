// The random offline work of one replica: create, edit and delete mutable rows, record
// observations and corrections, narrow a variable's range, move stock, link variables to studies,
// write notes. An operation is prepared first (it looks at the replica and draws every random
// choice) and run after, so a write can be aimed at a precise moment of a sync.
import type { EntityName } from '../../common/entities';
import { newId } from '../../common/ids';
import { editNote } from '../../common/notes/note-document';
import { noteRowId, type NoteSubject, type NoteSubjectKind } from '../../common/notes/note-id';
import type { SeededRandom } from '../../main/demo/seeded-random';
import { applyNoteUpdate, getNote } from '../../main/notes/note-service';
import { recordObservation } from '../../main/observations/record-observation';
import type { EntityChange } from '../../main/replica/entity-writes';
import type { StationSession } from '../../main/stations/station-session';
import {
  creators,
  decimal,
  editors,
  liveIds,
  maybe,
  noteEdit,
  noteEditPlan,
  observationValue,
  phrase,
  pickLive,
  timestamp,
  type ScaleRow,
  type ValueContext,
} from './convergence-values';

export type OperationKind = 'create' | 'edit' | 'delete' | 'observe' | 'correct' | 'narrow-scale' | 'move-stock' | 'link-variable' | 'create-note';

export interface PreparedOperation {
  kind: OperationKind;
  /** What the operation does, in the scenario's row labels (for the replay log). */
  summary: string;
  run(): Promise<void>;
}

export interface OperationContext extends ValueContext {
  /** Which replica of the scenario works (rows remember their creator). */
  replica: number;
  /** The entity whose oldest row and first field this round's edits gather on (where edits collide). */
  hotEntity: EntityName;
}

export function weighted<T>(rng: SeededRandom, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = rng.next() * total;
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw < 0) return item;
  }
  return items[items.length - 1]?.[0] as T;
}

const kindWeights: [OperationKind, number][] = [
  ['create', 5], ['edit', 13], ['delete', 3], ['observe', 10], ['correct', 4], ['narrow-scale', 2], ['move-stock', 5], ['link-variable', 2],
  ['create-note', 2],
];
const createWeights: [EntityName, number][] = [
  ['germplasm', 3], ['programs', 2], ['locations', 4], ['trials', 3], ['studies', 3], ['observation_units', 5], ['observation_variables', 2],
  ['stock_batches', 2], ['photos', 1],
];
export const editWeights: [EntityName, number][] = [
  ['germplasm', 2], ['programs', 1], ['locations', 3], ['trials', 2], ['studies', 2], ['observation_units', 3], ['observation_variables', 1],
  ['study_variables', 1], ['stock_batches', 2], ['photos', 1], ['notes', 3],
];
const deleteWeights: [EntityName, number][] = [
  ['germplasm', 1], ['programs', 1], ['locations', 2], ['trials', 1], ['studies', 1], ['observation_units', 2], ['observation_variables', 1],
  ['study_variables', 1], ['stock_batches', 1], ['photos', 1], ['notes', 2],
];
const noteSubjects: [EntityName, NoteSubjectKind][] = [['studies', 'study'], ['observation_units', 'observation-unit'], ['trials', 'trial'], ['locations', 'location']];

function write(session: StationSession, change: EntityChange): () => Promise<void> {
  return () => session.write([change]);
}

async function prepareCreate(context: OperationContext): Promise<PreparedOperation | null> {
  return prepareCreateOf(context, weighted(context.rng, createWeights));
}

/** A new row of `entity` (null when the replica lacks a row it needs, such as a trial for a study). */
export async function prepareCreateOf(context: OperationContext, entity: EntityName): Promise<PreparedOperation | null> {
  const id = newId();
  const label = context.registry.register(entity, id, context.replica);
  const fields = await creators[entity]?.(context, label);
  if (!fields) return null;
  return { kind: 'create', summary: `create ${label}`, run: write(context.session, { entity, operation: 'insert', rowId: id, fields }) };
}

/**
 * Edits one to three fields of a row. Half the edits go to the round's hot entity, its oldest rows
 * and its first field (a name, say), which every replica knows: that is where concurrent edits of
 * the same field meet, and where the merge rule decides.
 */
async function prepareEdit(context: OperationContext): Promise<PreparedOperation | null> {
  const { rng } = context;
  const hot = rng.chance(0.5);
  const entity = hot ? context.hotEntity : weighted(rng, editWeights);
  if (entity === 'notes') return prepareNoteEdit(context, hot);
  const makers = editors[entity] ?? {};
  const ids = await liveIds(context, entity);
  if (ids.length === 0) return null;
  const rowId = rng.pick(hot ? ids.slice(0, 2) : ids);
  const editable = Object.keys(makers);
  const chosen = rng.shuffle(editable).slice(0, rng.int(1, 3));
  const names = hot && editable[0] !== undefined && !chosen.includes(editable[0]) ? [editable[0], ...chosen.slice(1)] : chosen;
  const fields: Record<string, unknown> = {};
  for (const name of names) fields[name] = await makers[name]?.(context, rowId);
  const shown = names.map((name) => `${name}=${JSON.stringify(fields[name])?.slice(0, 30)}`).join(' ');
  return { kind: 'edit', summary: `edit ${context.registry.label(rowId)} ${shown}`, run: write(context.session, { entity, operation: 'update', rowId, fields }) };
}

async function prepareDelete(context: OperationContext): Promise<PreparedOperation | null> {
  const entity = weighted(context.rng, deleteWeights);
  const rowId = await pickLive(context, entity);
  if (!rowId) return null;
  return { kind: 'delete', summary: `delete ${context.registry.label(rowId)}`, run: write(context.session, { entity, operation: 'delete', rowId, fields: {} }) };
}

async function scaleOf(context: OperationContext, variableId: string): Promise<ScaleRow> {
  const rows = await context.session.replica.query<ScaleRow>('SELECT scale_type, minimum, maximum, categories FROM observation_variables WHERE id = $1', [variableId]);
  return rows[0] ?? { scale_type: 'text', minimum: null, maximum: null, categories: null };
}

function observe(context: OperationContext, kind: OperationKind, unitId: string, variableId: string, value: string): PreparedOperation {
  const { registry, session, replica } = context;
  return {
    kind,
    summary: `${kind === 'correct' ? 'correct' : 'observe'} ${registry.label(unitId)} × ${registry.label(variableId)} = ${value}`,
    run: async () => {
      const recorded = await recordObservation(session, { unitId, variableId, value });
      registry.register('observations', recorded.id, replica);
    },
  };
}

async function prepareObserve(context: OperationContext): Promise<PreparedOperation | null> {
  const unitId = await pickLive(context, 'observation_units');
  const variableId = await pickLive(context, 'observation_variables');
  if (!unitId || !variableId) return null;
  return observe(context, 'observe', unitId, variableId, observationValue(context.rng, await scaleOf(context, variableId)));
}

/** A new value for a plot and variable that already have one: it supersedes the current value. */
async function prepareCorrect(context: OperationContext): Promise<PreparedOperation | null> {
  const current = await context.session.replica.query<{ id: string; unit_id: string; variable_id: string }>(
    `SELECT o.id, o.unit_id, o.variable_id FROM observations o
       JOIN observation_units u ON u.id = o.unit_id AND NOT u.deleted
       JOIN observation_variables v ON v.id = o.variable_id AND NOT v.deleted
      WHERE NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)`,
  );
  if (current.length === 0) return null;
  const sorted = current.sort((a, b) => context.registry.order(a.id) - context.registry.order(b.id) || a.id.localeCompare(b.id));
  const target = context.rng.pick(sorted);
  return observe(context, 'correct', target.unit_id, target.variable_id, observationValue(context.rng, await scaleOf(context, target.variable_id)));
}

/**
 * Lowers a numeric or ordinal variable's maximum. Values another station records offline above it
 * are then refused by the server (invalid-value) and must stay on that station, without blocking it.
 */
async function prepareNarrowScale(context: OperationContext): Promise<PreparedOperation | null> {
  const rowId = await pickLive(context, 'observation_variables', `AND scale_type IN ('numeric', 'ordinal')`);
  if (!rowId) return null;
  const scale = await scaleOf(context, rowId);
  const low = Math.max(scale.minimum ?? 0, 1);
  const maximum = context.rng.int(low, Math.max(low, Math.floor(((scale.maximum ?? 300) + low) / 2)));
  return {
    kind: 'narrow-scale',
    summary: `narrow ${context.registry.label(rowId)} to at most ${maximum}`,
    run: write(context.session, { entity: 'observation_variables', operation: 'update', rowId, fields: { maximum } }),
  };
}

async function prepareMoveStock(context: OperationContext): Promise<PreparedOperation | null> {
  const { rng, session, registry } = context;
  const batchId = await pickLive(context, 'stock_batches');
  if (!batchId) return null;
  const from = await pickLive(context, 'locations');
  const to = await pickLive(context, 'locations');
  const study = await pickLive(context, 'studies');
  const id = newId();
  // No adjustments: only station managers may post them, and a replica may work before it knows
  // its user's role (the stock property test covers adjustments by role).
  const kinds = ['receive', 'transfer', 'sow', 'split', 'dispose'];
  const fields = {
    batch_id: batchId, kind: rng.pick(kinds), quantity: decimal(rng),
    from_location_id: rng.chance(0.5) ? from : null, to_location_id: rng.chance(0.7) ? to : null, occurred_at: timestamp(rng),
    reason: maybe(rng, 0.4, () => phrase(rng)), study_id: rng.chance(0.3) ? study : null, recorded_by: session.identity.userId, device_id: session.identity.deviceId,
  };
  const label = registry.register('stock_movements', id, context.replica);
  return { kind: 'move-stock', summary: `move stock ${label} of ${registry.label(batchId)} ${fields.kind} ${fields.quantity}`, run: write(session, { entity: 'stock_movements', operation: 'insert', rowId: id, fields }) };
}

/** Only a study's creator links variables to it, so two replicas never link the same pair at once. */
async function prepareLinkVariable(context: OperationContext): Promise<PreparedOperation | null> {
  const { rng, registry } = context;
  const studies = (await liveIds(context, 'studies')).filter((id) => registry.creator(id) === context.replica);
  if (studies.length === 0) return null;
  const studyId = rng.pick(studies);
  const variableId = await pickLive(context, 'observation_variables', 'AND id NOT IN (SELECT variable_id FROM study_variables WHERE study_id = $1 AND NOT deleted)', [studyId]);
  if (!variableId) return null;
  const id = newId();
  const label = registry.register('study_variables', id, context.replica);
  const fields = { study_id: studyId, variable_id: variableId, position: rng.int(1, 40) };
  return { kind: 'link-variable', summary: `link ${label}: ${registry.label(variableId)} to ${registry.label(studyId)}`, run: write(context.session, { entity: 'study_variables', operation: 'insert', rowId: id, fields }) };
}

/**
 * Types into (or formats part of) the note of `subject` as the editor would: the note is read when
 * the operation runs, the edit lands at the planned fraction of its text, and the resulting Yjs
 * update goes through the notes service. The first edit of a subject's note creates it.
 */
function noteOperation(context: OperationContext, kind: OperationKind, subject: NoteSubject, label: string): PreparedOperation {
  const plan = noteEditPlan(context.rng);
  const { session } = context;
  return {
    kind,
    summary: `${kind === 'create-note' ? 'start' : 'edit'} ${label}: ${plan.summary}`,
    run: async () => {
      const note = await getNote(session, subject);
      const state = Buffer.from(note.state, 'base64');
      await applyNoteUpdate(session, subject, editNote(state, noteEdit(plan, note.text.length)));
    },
  };
}

/** Edits a live note whose subject is live (half the time one of the oldest, where edits collide). */
async function prepareNoteEdit(context: OperationContext, hot: boolean): Promise<PreparedOperation | null> {
  const notes = await context.session.replica.query<{ id: string; subject_kind: NoteSubjectKind; subject_id: string }>(
    `SELECT n.id, n.subject_kind, n.subject_id FROM notes n WHERE NOT n.deleted AND EXISTS (
       SELECT 1 FROM studies s WHERE s.id = n.subject_id AND n.subject_kind = 'study' AND NOT s.deleted
       UNION ALL SELECT 1 FROM observation_units u WHERE u.id = n.subject_id AND n.subject_kind = 'observation-unit' AND NOT u.deleted
       UNION ALL SELECT 1 FROM trials t WHERE t.id = n.subject_id AND n.subject_kind = 'trial' AND NOT t.deleted
       UNION ALL SELECT 1 FROM locations l WHERE l.id = n.subject_id AND n.subject_kind = 'location' AND NOT l.deleted)`,
  );
  if (notes.length === 0) return null;
  const sorted = notes.sort((a, b) => context.registry.order(a.id) - context.registry.order(b.id) || a.id.localeCompare(b.id));
  const note = context.rng.pick(hot ? sorted.slice(0, 2) : sorted);
  return noteOperation(context, 'edit', { subjectKind: note.subject_kind, subjectId: note.subject_id }, context.registry.label(note.id));
}

/**
 * Starts the note of a subject that has none on this replica. Any replica may: two that start the
 * same subject's note offline create the same row (its id follows from the subject), which merges.
 * The note is named after its subject, so it has one label whoever starts it first.
 */
async function prepareCreateNote(context: OperationContext): Promise<PreparedOperation | null> {
  const { rng, registry } = context;
  const [entity, subjectKind] = rng.pick(noteSubjects);
  const subjectId = await pickLive(context, entity, 'AND id NOT IN (SELECT subject_id FROM notes WHERE subject_kind = $1)', [subjectKind]);
  if (!subjectId) return null;
  const subject = { subjectKind, subjectId };
  const id = noteRowId(subject);
  const label = registry.creator(id) === undefined ? registry.register('notes', id, context.replica, registry.order(subjectId)) : registry.label(id);
  return noteOperation(context, 'create-note', subject, label);
}

const preparers: Record<OperationKind, (context: OperationContext) => Promise<PreparedOperation | null>> = {
  create: prepareCreate,
  edit: prepareEdit,
  delete: prepareDelete,
  observe: prepareObserve,
  correct: prepareCorrect,
  'narrow-scale': prepareNarrowScale,
  'move-stock': prepareMoveStock,
  'link-variable': prepareLinkVariable,
  'create-note': prepareCreateNote,
};

/** Draws one operation the replica can do now (a creation when it has too little to do anything else). */
export async function prepareOperation(context: OperationContext): Promise<PreparedOperation> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const prepared = await preparers[weighted(context.rng, kindWeights)](context);
    if (prepared) return prepared;
  }
  const fallback = await prepareCreate({ ...context });
  if (fallback) return fallback;
  const id = newId();
  const label = context.registry.register('programs', id, context.replica);
  return { kind: 'create', summary: `create ${label}`, run: write(context.session, { entity: 'programs', operation: 'insert', rowId: id, fields: { name: label } }) };
}
