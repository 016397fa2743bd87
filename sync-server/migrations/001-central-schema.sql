-- Field Station central schema v1. Runs as the owner role (superuser or BYPASSRLS; see docs/sync-protocol.md).
-- Entity tables mirror the replica (main/replica/migrations/001-schema.sql) column for column, except:
--   * geometry is PostGIS geometry(Geometry, 4326) with a GiST index (GeoJSON in the replica);
--   * every key is (tenant_id, id), so one tenant's ids never collide with, or reveal, another's;
--   * references are composite foreign keys (tenant_id, ref) → (tenant_id, id): they cannot cross tenants;
--   * devices carry token_hash and revoked_at.
-- Every tenant table has row-level security ENABLEd and FORCEd, keyed on app.tenant_id, which the
-- server sets per transaction (SET LOCAL semantics). The server connects as fieldstation_app, which
-- owns nothing and is granted only what it needs.

CREATE EXTENSION IF NOT EXISTS postgis;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fieldstation_app') THEN
    CREATE ROLE fieldstation_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO fieldstation_app;

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);

CREATE TABLE users (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL,
  email text,
  role text NOT NULL CHECK (role IN ('admin', 'station-manager', 'agronomist', 'viewer')),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE devices (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  name text NOT NULL,
  user_id uuid,
  station_ids uuid[],
  token_hash text UNIQUE,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE locations (
  id uuid NOT NULL,
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
  geometry geometry(Geometry, 4326),
  archived_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES locations (tenant_id, id)
);
CREATE INDEX locations_parent ON locations (tenant_id, parent_id);
CREATE UNIQUE INDEX locations_code ON locations (tenant_id, code) WHERE NOT deleted;
CREATE INDEX locations_geometry ON locations USING gist (geometry);

CREATE TABLE germplasm (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  accession_number text,
  species text,
  pedigree text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX germplasm_name ON germplasm (tenant_id, name);

CREATE TABLE programs (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  description text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE trials (
  id uuid NOT NULL,
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
  end_date date,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);

CREATE TABLE studies (
  id uuid NOT NULL,
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
  start_date date,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, trial_id) REFERENCES trials (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id)
);
CREATE INDEX studies_trial ON studies (tenant_id, trial_id);

CREATE TABLE observation_variables (
  id uuid NOT NULL,
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
  CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE observation_units (
  id uuid NOT NULL,
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
  geometry geometry(Geometry, 4326),
  attributes jsonb,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, study_id) REFERENCES studies (tenant_id, id),
  FOREIGN KEY (tenant_id, germplasm_id) REFERENCES germplasm (tenant_id, id)
);
CREATE INDEX observation_units_study ON observation_units (tenant_id, study_id, plot_number);
CREATE INDEX observation_units_barcode ON observation_units (tenant_id, barcode) WHERE barcode IS NOT NULL;
CREATE INDEX observation_units_geometry ON observation_units USING gist (geometry);

CREATE TABLE study_variables (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  study_id uuid NOT NULL,
  variable_id uuid NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, study_id) REFERENCES studies (tenant_id, id),
  FOREIGN KEY (tenant_id, variable_id) REFERENCES observation_variables (tenant_id, id)
);
CREATE UNIQUE INDEX study_variables_pair ON study_variables (tenant_id, study_id, variable_id) WHERE NOT deleted;

-- Facts: the application role may insert them, never update or delete them.
CREATE TABLE observations (
  id uuid NOT NULL,
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
  supersedes_id uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, unit_id) REFERENCES observation_units (tenant_id, id),
  FOREIGN KEY (tenant_id, variable_id) REFERENCES observation_variables (tenant_id, id),
  FOREIGN KEY (tenant_id, collector_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices (tenant_id, id),
  FOREIGN KEY (tenant_id, supersedes_id) REFERENCES observations (tenant_id, id)
);
CREATE INDEX observations_unit_variable ON observations (tenant_id, unit_id, variable_id, observed_at DESC);
CREATE INDEX observations_variable ON observations (tenant_id, variable_id);
CREATE INDEX observations_supersedes ON observations (tenant_id, supersedes_id) WHERE supersedes_id IS NOT NULL;

CREATE TABLE stock_batches (
  id uuid NOT NULL,
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
  unit_cost numeric,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, germplasm_id) REFERENCES germplasm (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_batch_id) REFERENCES stock_batches (tenant_id, id)
);
CREATE UNIQUE INDEX stock_batches_code ON stock_batches (tenant_id, code) WHERE NOT deleted;

CREATE TABLE stock_movements (
  id uuid NOT NULL,
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
  device_id uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES stock_batches (tenant_id, id),
  FOREIGN KEY (tenant_id, from_location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, to_location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, study_id) REFERENCES studies (tenant_id, id),
  FOREIGN KEY (tenant_id, recorded_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices (tenant_id, id)
);
CREATE INDEX stock_movements_batch ON stock_movements (tenant_id, batch_id, occurred_at);
CREATE INDEX stock_movements_from ON stock_movements (tenant_id, from_location_id, occurred_at);
CREATE INDEX stock_movements_to ON stock_movements (tenant_id, to_location_id, occurred_at);

CREATE TABLE photos (
  id uuid NOT NULL,
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
  created_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX photos_subject ON photos (tenant_id, subject_kind, subject_id);
CREATE INDEX photos_sha256 ON photos (tenant_id, sha256);

CREATE TABLE notes (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  subject_kind text NOT NULL,
  subject_id uuid NOT NULL,
  ydoc bytea NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX notes_subject ON notes (tenant_id, subject_kind, subject_id) WHERE NOT deleted;

-- Server-only tables.

-- One-time enrolment codes; only the SHA-256 of the code is kept.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  user_id uuid NOT NULL,
  station_ids uuid[],
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

-- The per-tenant change log that devices pull from, in seq order.
CREATE TABLE changes (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  seq bigint NOT NULL CHECK (seq > 0),
  change_id uuid NOT NULL,
  entity text NOT NULL,
  operation text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_id uuid NOT NULL,
  fields jsonb NOT NULL,
  hlc text NOT NULL,
  user_id uuid,
  device_id uuid,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, change_id)
);

-- The last seq handed out per tenant; its row lock orders concurrent pushes of one tenant, so a
-- seq becomes visible only after every smaller seq of that tenant has committed.
CREATE TABLE tenant_sequences (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);

-- Row-level security on every tenant table. NULLIF: after a transaction-local setting ends, the
-- setting reads '' (not NULL); both mean "no tenant", which matches no row.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
  USING (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'users', 'devices', 'locations', 'germplasm', 'programs', 'trials', 'studies', 'observation_units',
    'observation_variables', 'study_variables', 'observations', 'stock_batches', 'stock_movements',
    'photos', 'notes', 'enrolment_codes', 'changes', 'tenant_sequences'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)
         WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

-- What the application role may do: read everything of its tenant; insert and update mutable rows
-- (deletes are tombstones); only insert facts and log entries; never touch codes or tokens directly.
GRANT SELECT ON tenants, users TO fieldstation_app;
GRANT SELECT, INSERT, UPDATE ON locations, germplasm, programs, trials, studies, observation_units,
  observation_variables, study_variables, stock_batches, photos, notes TO fieldstation_app;
GRANT SELECT, INSERT ON observations, stock_movements, changes TO fieldstation_app;
GRANT SELECT, INSERT, UPDATE ON tenant_sequences TO fieldstation_app;
GRANT SELECT ON schema_migrations TO fieldstation_app;
-- The application sees its tenant's devices, but never a token hash.
GRANT SELECT (id, tenant_id, created_at, updated_at, hlc, name, user_id, station_ids, revoked_at) ON devices TO fieldstation_app;

-- The two lookups that happen before the tenant is known. SECURITY DEFINER (they run as the owner,
-- which bypasses row-level security), search_path pinned, and they return only what is needed.

-- Which device a token belongs to (by the token's SHA-256), with its tenant, user and role.
CREATE FUNCTION device_for_token(p_token_hash text)
RETURNS TABLE (device_id uuid, tenant_id uuid, user_id uuid, role text, station_ids uuid[], revoked boolean)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT d.id, d.tenant_id, d.user_id, u.role, d.station_ids, d.revoked_at IS NOT NULL
    FROM public.devices d
    LEFT JOIN public.users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id
   WHERE d.token_hash = p_token_hash
$$;

-- Redeems a one-time code (by its SHA-256): marks it used and creates the device with its token's
-- hash, in the caller's transaction. outcome is 'enrolled', 'unknown', 'used' or 'expired'.
CREATE FUNCTION redeem_enrolment_code(
  p_code_hash text, p_device_id uuid, p_device_name text, p_token_hash text, p_hlc text
)
RETURNS TABLE (
  outcome text, tenant_id uuid, tenant_name text, user_id uuid, user_name text, role text, station_ids uuid[]
)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
  c public.enrolment_codes%ROWTYPE;
BEGIN
  SELECT * INTO c FROM public.enrolment_codes WHERE code_hash = p_code_hash FOR UPDATE;
  IF NOT FOUND THEN
    outcome := 'unknown';
  ELSIF c.used_at IS NOT NULL THEN
    outcome := 'used';
  ELSIF c.expires_at <= now() THEN
    outcome := 'expired';
  END IF;
  IF outcome IS NOT NULL THEN
    RETURN NEXT;
    RETURN;
  END IF;
  UPDATE public.enrolment_codes SET used_at = now(), device_id = p_device_id WHERE code_hash = p_code_hash;
  INSERT INTO public.devices (id, tenant_id, hlc, name, user_id, station_ids, token_hash)
  VALUES (p_device_id, c.tenant_id, p_hlc, p_device_name, c.user_id, c.station_ids, p_token_hash);
  RETURN QUERY
    SELECT 'enrolled'::text, t.id, t.name, u.id, u.name, u.role, c.station_ids
      FROM public.tenants t
      JOIN public.users u ON u.tenant_id = t.id AND u.id = c.user_id
     WHERE t.id = c.tenant_id;
END
$$;

REVOKE ALL ON FUNCTION device_for_token(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION redeem_enrolment_code(text, uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION device_for_token(text) TO fieldstation_app;
GRANT EXECUTE ON FUNCTION redeem_enrolment_code(text, uuid, text, text, text) TO fieldstation_app;
