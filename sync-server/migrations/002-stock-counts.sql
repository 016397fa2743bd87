-- Stock counts and reconciliation (entity schema version 2). Column lists match common/entities.ts.

-- An adjustment posted by approving a count names the count.
ALTER TABLE stock_movements ADD COLUMN count_id uuid;

CREATE TABLE stock_counts (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  location_id uuid NOT NULL,
  name text NOT NULL,
  snapshot_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'approved', 'cancelled')),
  started_by uuid,
  approved_by uuid,
  approved_at timestamptz,
  note text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, started_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, approved_by) REFERENCES users (tenant_id, id)
);

ALTER TABLE stock_movements ADD FOREIGN KEY (tenant_id, count_id) REFERENCES stock_counts (tenant_id, id);
CREATE INDEX stock_movements_count ON stock_movements (tenant_id, count_id) WHERE count_id IS NOT NULL;

-- Count lines are facts: a correction is a new line that supersedes the ones its device had seen.
CREATE TABLE stock_count_lines (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  count_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  location_id uuid NOT NULL,
  quantity numeric NOT NULL CHECK (quantity >= 0),
  counted_at timestamptz NOT NULL,
  counted_by uuid,
  device_id uuid,
  supersedes_ids uuid[],
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, count_id) REFERENCES stock_counts (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES stock_batches (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, counted_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, device_id) REFERENCES devices (tenant_id, id)
);
CREATE INDEX stock_count_lines_count ON stock_count_lines (tenant_id, count_id);

CREATE TABLE stock_count_explanations (
  id uuid NOT NULL,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  hlc text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  field_clocks jsonb NOT NULL DEFAULT '{}',
  count_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  location_id uuid NOT NULL,
  explanation text NOT NULL,
  explained_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, count_id) REFERENCES stock_counts (tenant_id, id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES stock_batches (tenant_id, id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id),
  FOREIGN KEY (tenant_id, explained_by) REFERENCES users (tenant_id, id)
);
CREATE INDEX stock_count_explanations_count ON stock_count_explanations (tenant_id, count_id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['stock_counts', 'stock_count_lines', 'stock_count_explanations'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I
         USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)
         WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON stock_counts, stock_count_explanations TO fieldstation_app;
GRANT SELECT, INSERT ON stock_count_lines TO fieldstation_app;
