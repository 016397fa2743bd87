import type { ApiArgs, TraitFileImportResult, TraitFilePreviewView } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import type { EntityChange } from '../replica/entity-writes';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { getStudy } from '../trials/trial-queries';
import { readTable } from './read-table';
import { parseTraitFile, type VariableDraft } from './trait-file';

/** The station's variables by name (case-insensitive): a trait file's trait with a known name is that variable. */
async function variablesByName(replica: Replica): Promise<Map<string, string>> {
  const rows = await replica.query<{ id: string; name: string }>('SELECT id, name FROM observation_variables WHERE NOT deleted ORDER BY created_at, id');
  const byName = new Map<string, string>();
  for (const row of rows) if (!byName.has(row.name.toLowerCase())) byName.set(row.name.toLowerCase(), row.id);
  return byName;
}

async function requireStudy(replica: Replica, studyId: string): Promise<NonNullable<Awaited<ReturnType<typeof getStudy>>>> {
  const study = await getStudy(replica, studyId);
  if (!study) throw new AppError('not-found', 'That study is not in this station. Go back to the trials list and choose another.', { field: 'studyId' });
  return study;
}

async function read(args: { fileName: string; content: string }): Promise<ReturnType<typeof parseTraitFile>> {
  return parseTraitFile(await readTable(Buffer.from(args.content, 'base64'), args.fileName));
}

/**
 * What a Field Book trait file (.trt) would add to a study: each trait mapped to our scale types
 * (or the reason it cannot be), and whether the station already has a variable of that name (then
 * that variable is used as it is: nothing existing is overwritten).
 */
export async function previewTraitFile(session: StationSession, args: ApiArgs<'fieldbook:preview-trait-file'>): Promise<TraitFilePreviewView> {
  const study = await requireStudy(session.replica, args.studyId);
  const parsed = await read(args);
  const known = await variablesByName(session.replica);
  const inStudy = new Set(study.variables.map((v) => v.id));
  return {
    validCount: parsed.validCount,
    errorCount: parsed.errorCount,
    notes: parsed.notes,
    rows: parsed.rows.map((row) => {
      if (!row.ok) return { line: row.line, name: null, scaleType: null, fieldBookFormat: null, status: 'error', errors: row.errors.map((e) => e.message), notes: [] };
      const existing = known.get(row.variable.name.toLowerCase());
      const status = existing === undefined ? 'new' : inStudy.has(existing) ? 'in-study' : 'existing';
      return { line: row.line, name: row.variable.name, scaleType: row.variable.scaleType, fieldBookFormat: row.variable.fieldBookFormat, status, errors: [], notes: row.notes };
    }),
  };
}

function variableFields(draft: VariableDraft): Record<string, unknown> {
  return {
    name: draft.name,
    trait: draft.trait,
    method: draft.method,
    scale_type: draft.scaleType,
    unit: draft.unit,
    minimum: draft.minimum,
    maximum: draft.maximum,
    categories: draft.categories,
    decimal_places: draft.decimalPlaces,
    description: draft.description,
  };
}

/**
 * Adds a trait file's traits to a study in one transaction: new variables are created, variables the
 * station already has (same name) are linked as they are, and every trait joins the study after its
 * current ones, in the file's order. Rows with errors are left out only when the person said so.
 */
export async function importTraitFile(session: StationSession, args: ApiArgs<'fieldbook:import-trait-file'>): Promise<TraitFileImportResult> {
  const study = await requireStudy(session.replica, args.studyId);
  const parsed = await read(args);
  if (parsed.errorCount > 0 && !args.takeGoodRows) {
    throw new AppError('validation', `${parsed.errorCount} trait${parsed.errorCount === 1 ? ' has' : 's have'} errors. Fix the file, or import only the ${parsed.validCount} good ones.`, {
      reason: 'rows-with-errors',
    });
  }
  if (parsed.variables.length === 0) throw new AppError('validation', 'The file has no trait to import.', { reason: 'nothing-to-import' });
  const known = await variablesByName(session.replica);
  const inStudy = new Set(study.variables.map((v) => v.id));
  const changes: EntityChange[] = [];
  let created = 0;
  let linked = 0;
  let position = study.variables.length;
  for (const draft of parsed.variables) {
    let variableId = known.get(draft.name.toLowerCase());
    if (variableId === undefined) {
      variableId = newId();
      known.set(draft.name.toLowerCase(), variableId);
      changes.push({ entity: 'observation_variables', operation: 'insert', rowId: variableId, fields: variableFields(draft) });
      created += 1;
    }
    if (inStudy.has(variableId)) continue;
    inStudy.add(variableId);
    position += 1;
    changes.push({ entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: study.id, variable_id: variableId, position } });
    linked += 1;
  }
  if (changes.length > 0) await session.write(changes);
  return { created, linked, alreadyInStudy: parsed.variables.length - linked, skipped: parsed.errorCount };
}
