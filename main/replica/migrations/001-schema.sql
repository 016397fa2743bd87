-- Field Station replica schema v1: every domain of the product, plus the sync outbox and cursor.
-- Column lists must match common/entities.ts (checked by test/integration/replica-schema.test.ts).
-- Geometry is GeoJSON (jsonb) here; the central server keeps PostGIS geometry.

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL,
  email text,
  role text NOT NULL CHECK (role IN ('admin', 'station-manager', 'agronomist', 'viewer'))
);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL,
  user_id uuid,
  station_ids uuid[]
);

CREATE TABLE locations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  parent_id uuid,
  kind text NOT NULL CHECK (kind IN ('station', 'greenhouse', 'field', 'compartment', 'bench', 'bin')),
  code text NOT NULL,
  name text NOT NULL,
  geometry jsonb,
  archived_at timestamptz
);
CREATE INDEX locations_parent ON locations (parent_id);
CREATE UNIQUE INDEX locations_code ON locations (tenant_id, code) WHERE NOT deleted;

CREATE TABLE germplasm (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  accession_number text,
  species text,
  pedigree text
);
CREATE INDEX germplasm_name ON germplasm (tenant_id, name);

CREATE TABLE programs (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  description text
);

CREATE TABLE trials (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  program_id uuid,
  name text NOT NULL,
  description text,
  start_date date,
  end_date date
);

CREATE TABLE studies (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  trial_id uuid NOT NULL,
  location_id uuid,
  name text NOT NULL,
  season text,
  design text,
  layout_rows integer CHECK (layout_rows > 0),
  layout_columns integer CHECK (layout_columns > 0),
  start_date date
);
CREATE INDEX studies_trial ON studies (trial_id);

CREATE TABLE observation_units (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  study_id uuid NOT NULL,
  kind text NOT NULL DEFAULT 'plot' CHECK (kind IN ('plot', 'plant')),
  plot_number integer NOT NULL,
  block integer,
  replicate integer,
  position_row integer,
  position_column integer,
  germplasm_id uuid,
  entry_number integer,
  barcode text,
  geometry jsonb,
  attributes jsonb
);
CREATE INDEX observation_units_study ON observation_units (study_id, plot_number);
CREATE INDEX observation_units_barcode ON observation_units (barcode) WHERE barcode IS NOT NULL;

CREATE TABLE observation_variables (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  trait text NOT NULL,
  method text,
  scale_type text NOT NULL CHECK (scale_type IN
    ('numeric', 'ordinal', 'categorical', 'date', 'text', 'boolean', 'counter', 'percent', 'photo')),
  unit text,
  minimum double precision,
  maximum double precision,
  categories jsonb,
  decimal_places integer CHECK (decimal_places BETWEEN 0 AND 10),
  description text,
  CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum)
);

-- The variables a study scores, in the order the team walks them.
CREATE TABLE study_variables (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  study_id uuid NOT NULL,
  variable_id uuid NOT NULL,
  position integer NOT NULL
);
CREATE UNIQUE INDEX study_variables_pair ON study_variables (study_id, variable_id) WHERE NOT deleted;

-- Observations are facts: never updated in place; a correction is a new row that supersedes.
CREATE TABLE observations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  unit_id uuid NOT NULL,
  variable_id uuid NOT NULL,
  value text NOT NULL,
  value_number double precision,
  timepoint text,
  observed_at timestamptz NOT NULL,
  collector_id uuid,
  device_id uuid,
  supersedes_id uuid
);
CREATE INDEX observations_unit_variable ON observations (unit_id, variable_id, observed_at DESC);
CREATE INDEX observations_variable ON observations (variable_id);
CREATE INDEX observations_supersedes ON observations (supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE stock_batches (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  code text NOT NULL,
  barcode text,
  kind text NOT NULL CHECK (kind IN ('seed-lot', 'plant-batch', 'tray', 'material')),
  germplasm_id uuid,
  unit text NOT NULL CHECK (unit IN ('seeds', 'grams', 'plants', 'trays')),
  source text,
  received_on date,
  parent_batch_id uuid,
  unit_cost numeric
);
CREATE UNIQUE INDEX stock_batches_code ON stock_batches (tenant_id, code) WHERE NOT deleted;

-- Stock is event-sourced: a balance is the sum of movements.
CREATE TABLE stock_movements (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  batch_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('receive', 'transfer', 'sow', 'split', 'dispose', 'adjust')),
  quantity numeric NOT NULL,
  from_location_id uuid,
  to_location_id uuid,
  occurred_at timestamptz NOT NULL,
  reason text,
  study_id uuid,
  recorded_by uuid,
  device_id uuid
);
CREATE INDEX stock_movements_batch ON stock_movements (batch_id, occurred_at);
CREATE INDEX stock_movements_from ON stock_movements (from_location_id, occurred_at);
CREATE INDEX stock_movements_to ON stock_movements (to_location_id, occurred_at);

CREATE TABLE photos (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime_type text NOT NULL,
  byte_size bigint NOT NULL CHECK (byte_size >= 0),
  taken_at timestamptz,
  latitude double precision,
  longitude double precision,
  width integer,
  height integer,
  subject_kind text,
  subject_id uuid,
  created_by uuid
);
CREATE INDEX photos_subject ON photos (subject_kind, subject_id);
CREATE INDEX photos_sha256 ON photos (sha256);

-- Notes are Yjs documents: ydoc holds the encoded state; replicas merge updates.
CREATE TABLE notes (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  subject_kind text NOT NULL,
  subject_id uuid NOT NULL,
  ydoc bytea NOT NULL
);
CREATE UNIQUE INDEX notes_subject ON notes (subject_kind, subject_id) WHERE NOT deleted;

-- Sync: every local write records its change here in the same transaction.
CREATE TABLE sync_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id uuid NOT NULL UNIQUE,
  entity text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_id uuid NOT NULL,
  fields jsonb NOT NULL,
  hlc text NOT NULL,
  schema_version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
  rejection jsonb
);
CREATE INDEX sync_outbox_pending ON sync_outbox (seq) WHERE state = 'pending';

-- Small key/value facts about this replica: its tenant, device, user, clock and pull cursor.
CREATE TABLE replica_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
