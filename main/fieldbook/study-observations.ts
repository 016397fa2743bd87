import type { ApiArgs, ObservationFilePreview, ObservationImportResult } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { checkValue, type Scale } from '../../common/scale-validation';
import type { EntityChange } from '../replica/entity-writes';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { getStudy } from '../trials/trial-queries';
import { importDatabaseFormat, type ObservationDraft } from './database-import';
import type { RowError } from './field-file';
import { readTable } from './read-table';
import { uniqueIdAttribute } from './study-files';

/** How many good rows a preview lists (every bad row is listed). */
const previewGoodRows = 50;
/** As `observations:record` and the timepoint picker take them. */
const longestValue = 2000;
const longestTimepoint = 60;

type Status = 'new' | 'already-there' | 'replace';

/** A good row of the file, matched to its plot and variable, and what importing it would do. */
interface PlannedRow {
  draft: ObservationDraft;
  unitId: string;
  plotNumber: number;
  variableId: string;
  /** The value the study shows now for this plot, variable and timepoint ('' or null: none). */
  currentValue: string | null;
  status: Status;
}

interface Plan {
  fileName: string;
  headers: string[];
  uniqueIdColumn: string;
  timepointSource: ObservationFilePreview['timepointSource'];
  warnings: string[];
  notes: string[];
  bad: { line: number; errors: RowError[] }[];
  good: PlannedRow[];
  /** The inserts, in the order written: per plot, variable and timepoint, each superseding the one before. */
  changes: EntityChange[];
}

interface StudyPlot {
  id: string;
  plotNumber: number;
}

interface RecordedRow {
  id: string;
  unit_id: string;
  variable_id: string;
  timepoint: string | null;
  value: string;
  observed_at: Date;
  superseded: boolean;
}

async function studyPlots(replica: Replica, studyId: string): Promise<Map<string, StudyPlot>> {
  const rows = await replica.query<{ id: string; plot_number: number; unique_id: string | null }>(
    `SELECT id, plot_number, coalesce(attributes->>'${uniqueIdAttribute}', barcode) AS unique_id FROM observation_units WHERE study_id = $1 AND NOT deleted`,
    [studyId],
  );
  return new Map(rows.flatMap((row) => (row.unique_id === null ? [] : [[row.unique_id, { id: row.id, plotNumber: row.plot_number }] as const])));
}

/** Every value ever recorded on these plots for these variables, newest first, and whether a later one replaced it. */
async function recordedObservations(replica: Replica, unitIds: string[], variableIds: string[]): Promise<RecordedRow[]> {
  if (unitIds.length === 0 || variableIds.length === 0) return [];
  return replica.query<RecordedRow>(
    `SELECT o.id, o.unit_id, o.variable_id, o.timepoint, o.value, o.observed_at,
            EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id) AS superseded
       FROM observations o
      WHERE o.unit_id = ANY($1::uuid[]) AND o.variable_id = ANY($2::uuid[])
      ORDER BY o.observed_at DESC, o.id DESC`,
    [unitIds, variableIds],
  );
}

/** People or devices by name (case and surrounding spaces ignored). */
async function idsByName(replica: Replica, table: 'users' | 'devices'): Promise<Map<string, string>> {
  const rows = await replica.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} ORDER BY id`);
  const byName = new Map<string, string>();
  for (const row of rows) if (!byName.has(row.name.trim().toLowerCase())) byName.set(row.name.trim().toLowerCase(), row.id);
  return byName;
}

const keyOf = (unitId: string, variableId: string, timepoint: string | null): string => `${unitId}\u0000${variableId}\u0000${timepoint ?? '\u0001'}`;
const push = <T>(map: Map<string, T[]>, key: string, item: T): void => {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
};
const quoted = (names: Iterable<string>): string => [...names].map((name) => `“${name}”`).join(', ');

/** Rows the parser took whose value our model cannot hold as it is, with the reason. */
function modelErrors(draft: ObservationDraft, scale: Scale | undefined): RowError[] {
  const errors: RowError[] = [];
  const fail = (column: string, message: string): void => void errors.push({ line: draft.line, column, message });
  if (scale?.scaleType === 'photo') {
    fail('value', `Line ${draft.line}: ${scale.name} is a photo variable; photos are not imported from Field Book files. Attach the photo to the plot in the study instead.`);
  }
  if (draft.value.length > longestValue) fail('value', `Line ${draft.line}: the value is longer than ${longestValue} characters. Shorten it in the file.`);
  if (draft.timepoint !== null && draft.timepoint.length > longestTimepoint) {
    fail('timepoint', `Line ${draft.line}: the timepoint "${draft.timepoint.slice(0, 20)}…" is longer than ${longestTimepoint} characters. Use a shorter name in the file.`);
  }
  return errors;
}

/**
 * Reads a database-format file against the study and decides, row by row, what importing it does.
 * Rows are grouped by plot, variable and timepoint and taken in time order (the file's timestamps);
 * the latest is what the study will show, the earlier ones go into history before it.
 * A group whose latest value the study already shows (or already holds with the same time, e.g.
 * replaced since by a correction) adds nothing. Otherwise each row that is not already there is
 * written, superseding the one before it (the first supersedes the study's current value), and is
 * `replace` when the study shows a value there now, else `new`.
 */
async function planImport(session: StationSession, args: ApiArgs<'fieldbook:preview-observation-file'>): Promise<Plan> {
  const study = await getStudy(session.replica, args.studyId);
  if (!study) throw new AppError('not-found', 'That study is not in this station. Go back to the trials list and choose another.', { field: 'studyId' });
  const table = await readTable(Buffer.from(args.content, 'base64'), args.fileName);
  const plots = await studyPlots(session.replica, args.studyId);
  const scales = new Map<string, Scale>(study.variables.map((v) => [v.name, v]));
  const variableIds = new Map(study.variables.map((v) => [v.name, v.id]));
  const parsed = importDatabaseFormat(table, { uniqueIdColumn: args.uniqueIdColumn ?? undefined, variables: scales, unitIds: new Set(plots.keys()) });

  const bad: Plan['bad'] = [];
  const matched: PlannedRow[] = [];
  for (const row of parsed.rows) {
    if (!row.ok) {
      bad.push({ line: row.line, errors: row.errors });
      continue;
    }
    const draft = row.observation;
    const plot = plots.get(draft.unitUniqueId);
    const variableId = variableIds.get(draft.variableName);
    const errors = modelErrors(draft, scales.get(draft.variableName));
    // The parser checked both against the study already; this only keeps the types honest.
    if (!plot || !variableId) errors.push({ line: row.line, column: null, message: `Line ${row.line}: no plot or variable of this study matches this row.` });
    if (!plot || !variableId || errors.length > 0) {
      bad.push({ line: row.line, errors });
      continue;
    }
    matched.push({ draft, unitId: plot.id, plotNumber: plot.plotNumber, variableId, currentValue: null, status: 'new' });
  }

  const recorded = await recordedObservations(session.replica, [...new Set(matched.map((r) => r.unitId))], [...new Set(matched.map((r) => r.variableId))]);
  const history = new Map<string, RecordedRow[]>();
  for (const row of recorded) push(history, keyOf(row.unit_id, row.variable_id, row.timepoint), row);
  const groups = new Map<string, PlannedRow[]>();
  for (const row of matched) push(groups, keyOf(row.unitId, row.variableId, row.draft.timepoint), row);

  const people = await idsByName(session.replica, 'users');
  const devices = await idsByName(session.replica, 'devices');
  const unknownPeople = new Set<string>();
  const unknownDevices = new Set<string>();
  const changes: EntityChange[] = [];
  for (const [key, rows] of groups) {
    rows.sort((a, b) => a.draft.observedAt.localeCompare(b.draft.observedAt) || a.draft.line - b.draft.line);
    const known = history.get(key) ?? [];
    const current = known.filter((o) => !o.superseded);
    const shown = current.find((o) => o.value !== '')?.value ?? null;
    const currentValues = new Set(current.map((o) => o.value).filter((value) => value !== ''));
    const recordedAlready = (row: PlannedRow): boolean =>
      known.some((o) => o.value === row.draft.value && o.observed_at.getTime() === Date.parse(row.draft.observedAt));
    for (const row of rows) row.currentValue = shown;
    const latest = rows[rows.length - 1];
    if (latest && (currentValues.has(latest.draft.value) || recordedAlready(latest))) {
      for (const row of rows) row.status = 'already-there';
      continue;
    }
    // A study's disagreement (two current values) is superseded on its newest side, as recording does.
    let supersedes = current[0]?.id ?? null;
    let showing = shown;
    for (const row of rows) {
      if (row.draft.value === showing || recordedAlready(row)) {
        row.status = 'already-there';
        continue;
      }
      row.status = shown === null ? 'new' : 'replace';
      const scale = scales.get(row.draft.variableName);
      const checked = scale ? checkValue(scale, row.draft.value) : null;
      const collector = row.draft.collectorName === null ? null : (people.get(row.draft.collectorName.trim().toLowerCase()) ?? null);
      const device = row.draft.deviceName === null ? null : (devices.get(row.draft.deviceName.trim().toLowerCase()) ?? null);
      if (row.draft.collectorName !== null && collector === null) unknownPeople.add(row.draft.collectorName);
      if (row.draft.deviceName !== null && device === null) unknownDevices.add(row.draft.deviceName);
      const id = newId();
      changes.push({
        entity: 'observations',
        operation: 'insert',
        rowId: id,
        fields: {
          unit_id: row.unitId,
          variable_id: row.variableId,
          value: row.draft.value,
          value_number: checked?.ok ? checked.numeric : null,
          timepoint: row.draft.timepoint,
          observed_at: row.draft.observedAt,
          collector_id: collector,
          device_id: device,
          supersedes_id: supersedes,
        },
      });
      supersedes = id;
      showing = row.draft.value;
    }
  }

  const notes = parsed.notes.filter((note) => !table.warnings.includes(note));
  if (unknownPeople.size > 0) {
    notes.push(`No one on this station is named ${quoted(unknownPeople)}: their values are imported without a collector (the station’s history records who imported them).`);
  }
  if (unknownDevices.size > 0) notes.push(`No device of this station is named ${quoted(unknownDevices)}: their values are imported without a device.`);
  const extras = parsed.observations.filter((o) => o.location !== null || o.photo !== null || o.video !== null || o.audio !== null).length;
  if (extras > 0) notes.push(`${extras} row${extras === 1 ? ' has' : 's have'} a location or an attached photo, video or sound: those are not imported, only the values.`);
  return {
    fileName: table.fileName,
    headers: table.headers,
    uniqueIdColumn: parsed.uniqueIdColumn,
    timepointSource: parsed.timepointSource,
    warnings: table.warnings,
    notes,
    bad,
    good: matched,
    changes,
  };
}

const countOf = (plan: Plan, status: Status): number => plan.good.filter((row) => row.status === status).length;

/** What a Field Book database-format file would add to a study: counts, every bad row with its reasons, and some good rows. */
export async function previewObservationFile(session: StationSession, args: ApiArgs<'fieldbook:preview-observation-file'>): Promise<ObservationFilePreview> {
  const plan = await planImport(session, args);
  const order: Record<Status, number> = { replace: 0, new: 1, 'already-there': 2 };
  const shown = [...plan.good].sort((a, b) => order[a.status] - order[b.status] || a.draft.line - b.draft.line).slice(0, previewGoodRows);
  const rows: ObservationFilePreview['rows'] = [
    ...plan.bad.map((row) => ({ line: row.line, status: 'error' as const, errors: row.errors.map((e) => ({ column: e.column, message: e.message })), observation: null })),
    ...shown.map((row) => ({
      line: row.draft.line,
      status: row.status,
      errors: [],
      observation: {
        uniqueId: row.draft.unitUniqueId,
        plotNumber: row.plotNumber,
        variableName: row.draft.variableName,
        value: row.draft.value,
        currentValue: row.currentValue,
        timepoint: row.draft.timepoint,
        observedAt: row.draft.observedAt,
        collectorName: row.draft.collectorName,
        deviceName: row.draft.deviceName,
      },
    })),
  ].sort((a, b) => a.line - b.line);
  return {
    fileName: plan.fileName,
    headers: plan.headers,
    uniqueIdColumn: plan.uniqueIdColumn,
    timepointSource: plan.timepointSource,
    validCount: plan.good.length,
    newCount: countOf(plan, 'new'),
    alreadyThereCount: countOf(plan, 'already-there'),
    replaceCount: countOf(plan, 'replace'),
    errorCount: plan.bad.length,
    warnings: plan.warnings,
    notes: plan.notes,
    rows,
  };
}

/**
 * Imports a database-format file's values into a study, all in one transaction, or nothing. Rows
 * with errors are left out only when the person said so (`takeGoodRows`); values that would change
 * what the study shows are written only when they said so (`replaceExisting`), each superseding the
 * current value, which stays in history. Values already there are skipped: importing a file twice
 * adds nothing the second time.
 */
export async function importObservationFile(session: StationSession, args: ApiArgs<'fieldbook:import-observation-file'>): Promise<ObservationImportResult> {
  const plan = await planImport(session, args);
  const errorCount = plan.bad.length;
  if (errorCount > 0 && !args.takeGoodRows) {
    throw new AppError('validation', `${errorCount} row${errorCount === 1 ? ' has' : 's have'} errors. Fix the file, or import only the ${plan.good.length} good rows.`, {
      reason: 'rows-with-errors',
      count: errorCount,
    });
  }
  if (plan.good.length === 0) throw new AppError('validation', 'The file has no value that can be imported into this study.', { reason: 'nothing-to-import' });
  const replaced = countOf(plan, 'replace');
  if (replaced > 0 && !args.replaceExisting) {
    throw new AppError(
      'conflict',
      `${replaced} value${replaced === 1 ? '' : 's'} in the file would replace ${replaced === 1 ? 'a value' : 'values'} this study already shows. Choose to replace ${replaced === 1 ? 'it' : 'them'} (the earlier values stay in each plot’s history), or cancel.`,
      { reason: 'would-replace', count: replaced },
    );
  }
  if (plan.changes.length > 0) await session.write(plan.changes);
  return { added: countOf(plan, 'new'), replaced, alreadyThere: countOf(plan, 'already-there'), skipped: errorCount };
}
