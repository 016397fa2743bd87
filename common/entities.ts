/**
 * The entity definitions: every synced table, its fields and how replicas merge it.
 * The replica's and the server's migrations must match these (checked by a test), and the sync
 * layer reads field lists and merge rules from here.
 */
/**
 * The version of these definitions as they travel in changes (`schemaVersion`). Raise it when a
 * field is added or changes meaning; replica-only or server-only migrations leave it alone.
 */
export const entitySchemaVersion = 2;

export type FieldType =
  | 'uuid'
  | 'uuid[]'
  | 'text'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'timestamptz'
  | 'jsonb'
  | 'geometry'
  | 'bytea';

export interface FieldDefinition {
  type: FieldType;
  nullable?: boolean;
  /** The entity this field refers to (checked in push order by the server). */
  references?: EntityName;
}

/**
 * lww: mutable, last writer wins per field by hybrid clock; deletes are tombstones.
 * append: facts that are only ever inserted (observations, stock movements).
 * crdt: the row carries a Yjs document whose updates merge.
 * server: written by the central office only; devices receive copies.
 */
export type MergeRule = 'lww' | 'append' | 'crdt' | 'server';

/**
 * tenant: all of the tenant's devices; station: only devices enrolled for the station the row hangs
 * from (see sync-server/station-scope.ts), or every device when it hangs from none; shared: catalogues.
 */
export type ReplicationScope = 'tenant' | 'station' | 'shared';

export interface EntityDefinition {
  table: string;
  merge: MergeRule;
  scope: ReplicationScope;
  fields: Record<string, FieldDefinition>;
}

const optional = <T extends FieldType>(type: T, references?: EntityName): FieldDefinition =>
  references === undefined ? { type, nullable: true } : { type, nullable: true, references };
const required = <T extends FieldType>(type: T, references?: EntityName): FieldDefinition =>
  references === undefined ? { type } : { type, references };

export const entityNames = [
  'tenants',
  'users',
  'devices',
  'locations',
  'germplasm',
  'programs',
  'trials',
  'studies',
  'observation_units',
  'observation_variables',
  'study_variables',
  'observations',
  'stock_batches',
  'stock_movements',
  'stock_counts',
  'stock_count_lines',
  'stock_count_explanations',
  'photos',
  'notes',
] as const;
export type EntityName = (typeof entityNames)[number];

export const entities = {
  tenants: { table: 'tenants', merge: 'server', scope: 'tenant', fields: { name: required('text') } },
  users: {
    table: 'users',
    merge: 'server',
    scope: 'tenant',
    fields: { name: required('text'), email: optional('text'), role: required('text') },
  },
  devices: {
    table: 'devices',
    merge: 'server',
    scope: 'tenant',
    fields: {
      name: required('text'),
      user_id: optional('uuid', 'users'),
      station_ids: optional('uuid[]'),
    },
  },
  locations: {
    table: 'locations',
    merge: 'lww',
    scope: 'station',
    fields: {
      parent_id: optional('uuid', 'locations'),
      kind: required('text'),
      code: required('text'),
      name: required('text'),
      geometry: optional('geometry'),
      archived_at: optional('timestamptz'),
    },
  },
  germplasm: {
    table: 'germplasm',
    merge: 'lww',
    scope: 'shared',
    fields: {
      name: required('text'),
      accession_number: optional('text'),
      species: optional('text'),
      pedigree: optional('text'),
    },
  },
  programs: {
    table: 'programs',
    merge: 'lww',
    scope: 'shared',
    fields: { name: required('text'), description: optional('text') },
  },
  // A trial can span stations (multi-location trials); each of its studies belongs to one.
  trials: {
    table: 'trials',
    merge: 'lww',
    scope: 'tenant',
    fields: {
      program_id: optional('uuid', 'programs'),
      name: required('text'),
      description: optional('text'),
      start_date: optional('date'),
      end_date: optional('date'),
    },
  },
  studies: {
    table: 'studies',
    merge: 'lww',
    scope: 'station',
    fields: {
      trial_id: required('uuid', 'trials'),
      location_id: optional('uuid', 'locations'),
      name: required('text'),
      season: optional('text'),
      design: optional('text'),
      layout_rows: optional('integer'),
      layout_columns: optional('integer'),
      start_date: optional('date'),
    },
  },
  observation_units: {
    table: 'observation_units',
    merge: 'lww',
    scope: 'station',
    fields: {
      study_id: required('uuid', 'studies'),
      kind: required('text'),
      plot_number: required('integer'),
      block: optional('integer'),
      replicate: optional('integer'),
      position_row: optional('integer'),
      position_column: optional('integer'),
      germplasm_id: optional('uuid', 'germplasm'),
      entry_number: optional('integer'),
      barcode: optional('text'),
      geometry: optional('geometry'),
      attributes: optional('jsonb'),
    },
  },
  observation_variables: {
    table: 'observation_variables',
    merge: 'lww',
    scope: 'shared',
    fields: {
      name: required('text'),
      trait: required('text'),
      method: optional('text'),
      scale_type: required('text'),
      unit: optional('text'),
      minimum: optional('double'),
      maximum: optional('double'),
      categories: optional('jsonb'),
      decimal_places: optional('integer'),
      description: optional('text'),
    },
  },
  study_variables: {
    table: 'study_variables',
    merge: 'lww',
    scope: 'station',
    fields: {
      study_id: required('uuid', 'studies'),
      variable_id: required('uuid', 'observation_variables'),
      position: required('integer'),
    },
  },
  observations: {
    table: 'observations',
    merge: 'append',
    scope: 'station',
    fields: {
      unit_id: required('uuid', 'observation_units'),
      variable_id: required('uuid', 'observation_variables'),
      value: required('text'),
      value_number: optional('double'),
      timepoint: optional('text'),
      observed_at: required('timestamptz'),
      collector_id: optional('uuid', 'users'),
      device_id: optional('uuid', 'devices'),
      supersedes_id: optional('uuid', 'observations'),
    },
  },
  // A batch moves between stations; its movements say where it is, so every device knows the batch.
  stock_batches: {
    table: 'stock_batches',
    merge: 'lww',
    scope: 'tenant',
    fields: {
      code: required('text'),
      barcode: optional('text'),
      kind: required('text'),
      germplasm_id: optional('uuid', 'germplasm'),
      unit: required('text'),
      source: optional('text'),
      received_on: optional('date'),
      parent_batch_id: optional('uuid', 'stock_batches'),
      unit_cost: optional('numeric'),
    },
  },
  stock_movements: {
    table: 'stock_movements',
    merge: 'append',
    scope: 'station',
    fields: {
      batch_id: required('uuid', 'stock_batches'),
      kind: required('text'),
      quantity: required('numeric'),
      from_location_id: optional('uuid', 'locations'),
      to_location_id: optional('uuid', 'locations'),
      occurred_at: required('timestamptz'),
      reason: optional('text'),
      study_id: optional('uuid', 'studies'),
      recorded_by: optional('uuid', 'users'),
      device_id: optional('uuid', 'devices'),
      // An adjustment posted by approving a count names the count (schema version 2).
      count_id: optional('uuid', 'stock_counts'),
    },
  },
  // Counts and their lines (docs/data-model.md, Stock): each belongs to the station of its location.
  stock_counts: {
    table: 'stock_counts',
    merge: 'lww',
    scope: 'station',
    fields: {
      location_id: required('uuid', 'locations'),
      name: required('text'),
      snapshot_at: required('timestamptz'),
      status: required('text'),
      started_by: optional('uuid', 'users'),
      approved_by: optional('uuid', 'users'),
      approved_at: optional('timestamptz'),
      note: optional('text'),
    },
  },
  // What someone counted: facts; a new entry supersedes the entries its device had seen for the line.
  stock_count_lines: {
    table: 'stock_count_lines',
    merge: 'append',
    scope: 'station',
    fields: {
      count_id: required('uuid', 'stock_counts'),
      batch_id: required('uuid', 'stock_batches'),
      location_id: required('uuid', 'locations'),
      quantity: required('numeric'),
      counted_at: required('timestamptz'),
      counted_by: optional('uuid', 'users'),
      device_id: optional('uuid', 'devices'),
      supersedes_ids: optional('uuid[]'),
    },
  },
  // Why a line differs: one per count, batch and location (its id follows from them), latest text wins.
  stock_count_explanations: {
    table: 'stock_count_explanations',
    merge: 'lww',
    scope: 'station',
    fields: {
      count_id: required('uuid', 'stock_counts'),
      batch_id: required('uuid', 'stock_batches'),
      location_id: required('uuid', 'locations'),
      explanation: required('text'),
      explained_by: optional('uuid', 'users'),
    },
  },
  photos: {
    table: 'photos',
    merge: 'lww',
    scope: 'station',
    fields: {
      sha256: required('text'),
      mime_type: required('text'),
      byte_size: required('bigint'),
      taken_at: optional('timestamptz'),
      latitude: optional('double'),
      longitude: optional('double'),
      width: optional('integer'),
      height: optional('integer'),
      subject_kind: optional('text'),
      subject_id: optional('uuid'),
      created_by: optional('uuid', 'users'),
    },
  },
  notes: {
    table: 'notes',
    merge: 'crdt',
    scope: 'station',
    fields: {
      subject_kind: required('text'),
      subject_id: required('uuid'),
      ydoc: required('bytea'),
    },
  },
} as const satisfies Record<EntityName, EntityDefinition>;

/**
 * Columns every entity table carries besides its fields: identity, tenancy, and the hybrid clock
 * of the last change.
 */
export const systemColumns: Record<string, FieldDefinition> = {
  id: required('uuid'),
  tenant_id: required('uuid', 'tenants'),
  created_at: required('timestamptz'),
  updated_at: required('timestamptz'),
  hlc: required('text'),
};

/**
 * Mutable (lww/crdt) tables also carry a tombstone flag and the clock of each field's last change
 * (`field name → hlc`; `deleted` counts as a field), which is how replicas merge per field.
 */
export const mergeColumns: Record<string, FieldDefinition> = {
  deleted: required('boolean'),
  field_clocks: required('jsonb'),
};

export function isMutable(name: EntityName): boolean {
  const merge: MergeRule = entities[name].merge;
  return merge === 'lww' || merge === 'crdt';
}

export function columnsOf(name: EntityName): Record<string, FieldDefinition> {
  const entity: EntityDefinition = entities[name];
  const { tenant_id: _tenant, ...identity } = systemColumns;
  const base = name === 'tenants' ? identity : systemColumns;
  return { ...base, ...(isMutable(name) ? mergeColumns : {}), ...entity.fields };
}
