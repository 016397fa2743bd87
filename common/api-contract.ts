import { z } from 'zod';
import type { ApiEvent, ApiMethod } from './api-methods';
import { stockArgumentSchemas } from './stock/stock-contract';
import type { StockResults } from './stock/stock-results';
import { entityNames, type EntityName } from './entities';
import { walkOrderSchema, type WalkOrder } from './walk-order';
import type { NoteSpan } from './notes/note-document';
import type { NoteSubjectKind } from './notes/note-id';
import { noteSubjectKinds, type Role, type ScaleType } from './vocabulary';

const id = z.uuid({ error: 'must be an id (UUID)' });
const none = z.object({}).strict();
/** A file the person chose, as it travels to the services: its name and its bytes in base64 (at most ~20 MB). */
const fileUpload = {
  fileName: z.string().trim().min(1, 'the file needs a name').max(255, 'use a file name of at most 255 characters'),
  content: z.base64('must be the file’s bytes in base64').max(28_000_000, 'the file is too large to import (at most about 20 MB)'),
};

/** Which column of a field file holds what (the unique id is required). */
const columnName = z.string().trim().min(1).max(200);
export const fieldMappingSchema = z
  .object({
    uniqueId: columnName,
    plotNumber: columnName.nullish(),
    row: columnName.nullish(),
    column: columnName.nullish(),
    replicate: columnName.nullish(),
    block: columnName.nullish(),
    germplasmName: columnName.nullish(),
    entryNumber: columnName.nullish(),
    barcode: columnName.nullish(),
  })
  .strict();
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** A named timepoint ("14 DAS"), or null for values recorded without one. */
const timepoint = z.string().trim().min(1, 'name the timepoint').max(60, 'use at most 60 characters').nullable();

/** One runtime schema per method's arguments; a method missing here fails to compile. */
export const apiArgumentSchemas = {
  'app:get-info': none,
  'stations:list': none,
  'stations:create-demo': none,
  'stations:create-empty': z
    .object({ name: z.string().trim().min(1, 'give the station a name').max(120, 'use at most 120 characters') })
    .strict(),
  'stations:open': z.object({ stationId: id }).strict(),
  'stations:close': none,
  'trials:list': none,
  'studies:list': z.object({ trialId: id }).strict(),
  'studies:get': z.object({ studyId: id }).strict(),
  'plots:list-with-latest': z.object({ studyId: id, timepoint: z.string().trim().min(1).max(60).nullable().optional() }).strict(),
  'observations:record': z
    .object({
      unitId: id,
      variableId: id,
      value: z.string().max(2000, 'use at most 2000 characters'),
      timepoint: z.string().trim().min(1).max(60).nullable().optional(),
    })
    .strict(),
  'sync:get-status': none,
  'sync:connect': z
    .object({
      serverUrl: z.string().trim().min(1, 'enter the server address your office gave you').max(300),
      code: z.string().trim().min(6, 'enter the enrolment code from your admin').max(64),
    })
    .strict(),
  'sync:sync-now': none,
  'sync:list-rejected': none,
  'sync:discard-rejected': z.object({ changeId: id }).strict(),
  'sync:resend-rejected': z.object({ changeId: id, fields: z.record(z.string(), z.unknown()) }).strict(),
  'records:history': z.object({ entity: z.enum(entityNames), rowId: id }).strict(),
  'observations:history': z.object({ unitId: id, variableId: id, timepoint: timepoint.optional() }).strict(),
  'observations:undo': z.object({ observationId: id }).strict(),
  'observations:list-conflicts': z.object({ studyId: id }).strict(),
  'observations:resolve-conflict': z
    .object({ unitId: id, variableId: id, timepoint, value: z.string().max(2000, 'use at most 2000 characters') })
    .strict(),
  'observations:list-timepoints': z.object({ studyId: id }).strict(),
  'fieldbook:preview-field-file': z.object({ studyId: id, ...fileUpload, mapping: fieldMappingSchema.nullish() }).strict(),
  'fieldbook:import-field-file': z
    .object({ studyId: id, ...fileUpload, mapping: fieldMappingSchema, takeGoodRows: z.boolean(), updateExisting: z.boolean() })
    .strict(),
  'fieldbook:preview-trait-file': z.object({ studyId: id, ...fileUpload }).strict(),
  'fieldbook:import-trait-file': z.object({ studyId: id, ...fileUpload, takeGoodRows: z.boolean() }).strict(),
  'fieldbook:export-study': z.object({ studyId: id, format: z.enum(['database', 'table', 'json']) }).strict(),
  'fieldbook:preview-observation-file': z.object({ studyId: id, ...fileUpload, uniqueIdColumn: columnName.nullish() }).strict(),
  'fieldbook:import-observation-file': z
    .object({ studyId: id, ...fileUpload, uniqueIdColumn: columnName.nullish(), takeGoodRows: z.boolean(), replaceExisting: z.boolean() })
    .strict(),
  'stations:current-user': none,
  'germplasm:list': none,
  'studies:get-walk-order': z.object({ studyId: id }).strict(),
  'studies:set-walk-order': z.object({ studyId: id, order: walkOrderSchema }).strict(),
  'plots:list-attribute-names': z.object({ studyId: id }).strict(),
  'plots:list-attribute-values': z
    .object({ studyId: id, name: z.string().min(1, 'name the attribute').max(200, 'use an attribute name of at most 200 characters') })
    .strict(),
  'notes:get': z.object({ subjectKind: z.enum(noteSubjectKinds), subjectId: id }).strict(),
  'notes:apply-update': z
    .object({
      subjectKind: z.enum(noteSubjectKinds),
      subjectId: id,
      update: z.base64('must be a Yjs update in base64').max(4_000_000, 'the note is too large to save at once (at most about 3 MB)'),
    })
    .strict(),
  // Stock, counts and locations: common/stock/stock-contract.ts.
  ...stockArgumentSchemas,
} as const satisfies Record<ApiMethod, z.ZodType>;

export type ApiArgs<M extends ApiMethod> = z.infer<(typeof apiArgumentSchemas)[M]>;

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'web';
  dataFolder: string;
  openStationId: string | null;
}

/** The user and device the open station records changes under, with the user's role. */
export interface CurrentUser {
  userId: string;
  name: string | null;
  role: Role | null;
  deviceId: string;
  deviceName: string | null;
}

export interface GermplasmSummary {
  id: string;
  name: string;
  accessionNumber: string | null;
  species: string | null;
}

export interface StationSummary {
  id: string;
  name: string;
  origin: 'demo' | 'local';
  createdAt: string;
}

/** Why a station cannot be opened, in an error's `details.problem`. */
export type StationProblem = 'locked' | 'newer-schema' | 'corrupt';

export interface StationListing {
  stations: StationSummary[];
  /** Folders under the stations folder whose station.json is missing or unreadable. */
  unreadableFolders: string[];
}

export interface TrialSummary {
  id: string;
  name: string;
  description: string | null;
  programName: string | null;
  studyCount: number;
  plotCount: number;
}

export interface StudySummary {
  id: string;
  trialId: string;
  name: string;
  season: string | null;
  locationName: string | null;
  plotCount: number;
}

export interface VariableSummary {
  id: string;
  name: string;
  trait: string;
  scaleType: ScaleType;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimalPlaces: number | null;
  categories: { value: string; label: string }[] | null;
}

export interface StudyDetail extends StudySummary {
  trialName: string;
  design: string | null;
  layoutRows: number | null;
  layoutColumns: number | null;
  variables: VariableSummary[];
}

/** A plot's current value of a variable (who and when: `observations:history`). */
export interface LatestValue {
  value: string;
}

export interface PlotRow {
  id: string;
  plotNumber: number;
  block: number | null;
  replicate: number | null;
  row: number | null;
  column: number | null;
  entryNumber: number | null;
  germplasmName: string | null;
  barcode: string | null;
  latest: Record<string, LatestValue>;
}

export interface RecordedObservation {
  id: string;
  unitId: string;
  variableId: string;
  value: string;
  observedAt: string;
}

/** What the sync engine is doing, for the status bar. */
export interface SyncStatus {
  state: 'not-connected' | 'connecting' | 'syncing' | 'online' | 'offline' | 'error';
  serverUrl: string | null;
  lastSyncAt: string | null;
  pending: number;
  rejected: number;
  /** Rows or changes received so far in a large pull; `total` when known (initial sync by snapshot). */
  pullProgress: { received: number; total?: number } | null;
  error: string | null;
}

/** A change the server refused: kept on this computer until the user resends or discards it. */
export interface RejectedChange {
  changeId: string;
  entity: EntityName;
  operation: 'insert' | 'update' | 'delete';
  rowId: string;
  fields: Record<string, unknown>;
  code: string;
  message: string;
  createdAt: string;
  summary: string;
}

/** One change in a record's history: what, who, from which device, when. */
export interface HistoryEntry {
  operation: 'insert' | 'update' | 'delete';
  fields: Record<string, unknown>;
  changedAt: string;
  userName: string | null;
  deviceName: string | null;
  source: 'local' | 'server';
  pending: boolean;
}

/** The note of a study (its notebook), plot, trial or location: a Yjs document (common/notes/note-document.ts). */
export interface NoteView {
  /** The note's row id, which follows from its subject (common/notes/note-id.ts). */
  id: string;
  subjectKind: NoteSubjectKind;
  subjectId: string;
  /** False until someone writes in the note. */
  exists: boolean;
  /** Deleted on some computer: shown, but no longer changed. */
  deleted: boolean;
  text: string;
  /** The text as runs of bold and italic. */
  spans: NoteSpan[];
  /** The full Yjs state in base64: an editor loads it into its Y.Doc and sends its own updates back. */
  state: string;
}

/** One recorded value of a plot and variable, as its history shows it. */
export interface ObservationHistoryEntry {
  id: string;
  value: string;
  /** True for a value that only clears an earlier one (an undo with nothing before it). */
  cleared: boolean;
  timepoint: string | null;
  observedAt: string;
  supersedesId: string | null;
  /** Not replaced by a later value. */
  current: boolean;
  collectorName: string | null;
  deviceName: string | null;
  /** pending: not yet sent; rejected: refused by the server (see Sync); sent: on the server, or queued before this station connected. */
  syncState: 'pending' | 'rejected' | 'sent';
}

/** Two or more devices' different current values for one plot, variable and timepoint. */
export interface ObservationConflict {
  unitId: string;
  plotNumber: number;
  variableId: string;
  variableName: string;
  timepoint: string | null;
  values: ObservationHistoryEntry[];
}

export interface UndoneObservation {
  /** The observation that records the undo. */
  id: string;
  unitId: string;
  variableId: string;
  /** The value the plot holds again, or null when it had none before. */
  restoredValue: string | null;
}

/** What a field file would do to a study: the columns, the mapping, and each bad (and some good) row. */
export interface FieldFilePreview {
  fileName: string;
  headers: string[];
  suggestedMapping: Record<keyof FieldMapping, string | null>;
  /** The mapping the preview used; null until a unique-id column is known. */
  mapping: FieldMapping | null;
  ready: boolean;
  validCount: number;
  errorCount: number;
  /** Good rows whose unique id is already a plot of the study (updated only when asked). */
  existingCount: number;
  warnings: string[];
  notes: string[];
  rows: {
    line: number;
    errors: { column: string | null; message: string }[];
    plot: { uniqueId: string; plotNumber: number; row: number | null; column: number | null; replicate: number | null; block: number | null; germplasmName: string | null; hasLocation: boolean } | null;
    exists: boolean;
  }[];
}

export interface FieldImportResult {
  created: number;
  updated: number;
  /** Rows left out for their errors. */
  skipped: number;
  createdGermplasm: number;
}

/** What a Field Book trait file would add to a study, trait by trait. */
export interface TraitFilePreviewView {
  validCount: number;
  errorCount: number;
  notes: string[];
  rows: {
    line: number;
    name: string | null;
    scaleType: ScaleType | null;
    fieldBookFormat: string | null;
    /** new: created; existing: the station's variable of that name is used as it is; in-study: already there; error: left out. */
    status: 'new' | 'existing' | 'in-study' | 'error';
    errors: string[];
    notes: string[];
  }[];
}

export interface TraitFileImportResult {
  created: number;
  linked: number;
  alreadyInStudy: number;
  skipped: number;
}

/** What a Field Book database-format file (one row per value) would add to a study. */
export interface ObservationFilePreview {
  fileName: string;
  headers: string[];
  /** The column whose values are matched to the plots' unique ids. */
  uniqueIdColumn: string;
  /** Where timepoints come from: the file's timepoint column, Field Book's repeat number, or nowhere. */
  timepointSource: 'column' | 'number' | 'none';
  /** Good rows: new + alreadyThere + replace. */
  validCount: number;
  /** Values the study does not have yet. */
  newCount: number;
  /** Values the study already shows (or already holds with the same time): skipped. */
  alreadyThereCount: number;
  /** Values that would change what the study shows now: imported only when the person says so. */
  replaceCount: number;
  errorCount: number;
  warnings: string[];
  notes: string[];
  /** Every bad row, and some good rows (values that would replace first). */
  rows: {
    line: number;
    status: 'new' | 'already-there' | 'replace' | 'error';
    errors: { column: string | null; message: string }[];
    observation: {
      uniqueId: string;
      plotNumber: number;
      variableName: string;
      value: string;
      /** What the study shows now for that plot, variable and timepoint. */
      currentValue: string | null;
      timepoint: string | null;
      observedAt: string;
      collectorName: string | null;
      deviceName: string | null;
    } | null;
  }[];
}

export interface ObservationImportResult {
  /** Values the study did not have. */
  added: number;
  /** Values that replaced what the study showed (the earlier value stays in history). */
  replaced: number;
  alreadyThere: number;
  /** Rows left out for their errors. */
  skipped: number;
}

export interface StudyExportFile {
  fileName: string;
  mimeType: 'text/csv' | 'application/json';
  content: string;
  rows: number;
}

/** A name among a study's plot attributes (columns a field file kept with each plot), and how many plots have a value for it. */
export interface PlotAttributeName {
  name: string;
  plotCount: number;
}

/** One plot's value of an attribute, as text (a value that is not a string is given as its JSON). */
export interface PlotAttributeValue {
  unitId: string;
  value: string;
}

/** What each method answers (the stock domain's: common/stock/stock-results.ts). */
export interface ApiResults extends StockResults {
  'app:get-info': AppInfo;
  'stations:list': StationListing;
  'stations:create-demo': StationSummary;
  'stations:create-empty': StationSummary;
  'stations:open': StationSummary;
  'stations:close': null;
  'trials:list': TrialSummary[];
  'studies:list': StudySummary[];
  'studies:get': StudyDetail;
  'plots:list-with-latest': PlotRow[];
  'observations:record': RecordedObservation;
  'sync:get-status': SyncStatus;
  'sync:connect': SyncStatus;
  'sync:sync-now': SyncStatus;
  'sync:list-rejected': RejectedChange[];
  'sync:discard-rejected': null;
  'sync:resend-rejected': null;
  'records:history': HistoryEntry[];
  'observations:history': ObservationHistoryEntry[];
  'observations:undo': UndoneObservation;
  'observations:list-conflicts': ObservationConflict[];
  'observations:resolve-conflict': RecordedObservation;
  'observations:list-timepoints': string[];
  'fieldbook:preview-field-file': FieldFilePreview;
  'fieldbook:import-field-file': FieldImportResult;
  'fieldbook:preview-trait-file': TraitFilePreviewView;
  'fieldbook:import-trait-file': TraitFileImportResult;
  'fieldbook:export-study': StudyExportFile;
  'fieldbook:preview-observation-file': ObservationFilePreview;
  'fieldbook:import-observation-file': ObservationImportResult;
  'stations:current-user': CurrentUser;
  'germplasm:list': GermplasmSummary[];
  'studies:get-walk-order': WalkOrder;
  'studies:set-walk-order': WalkOrder;
  'plots:list-attribute-names': PlotAttributeName[];
  'plots:list-attribute-values': PlotAttributeValue[];
  'notes:get': NoteView;
  'notes:apply-update': NoteView;
}

/** The contract as functions, the shape the renderer calls. */
export type Api = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResults[M]> };

export interface ApiEvents {
  'data:changed': { tables: string[] };
  'sync:status': SyncStatus;
  'app:status': { openStationId: string | null };
}

export type ApiEventPayload<E extends ApiEvent> = ApiEvents[E];

export type * from './stock/stock-results';
