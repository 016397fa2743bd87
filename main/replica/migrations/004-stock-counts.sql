-- Stock counts and reconciliation (entity schema version 2), and the derived balance table that
-- keeps stock-on-hand fast. Column lists match common/entities.ts.

-- An adjustment posted by approving a count names the count.
ALTER TABLE stock_movements ADD COLUMN count_id uuid;

CREATE TABLE stock_counts (
  id uuid PRIMARY KEY,
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
  note text
);

-- Count lines are facts: a correction is a new line that supersedes the ones its device had seen.
CREATE TABLE stock_count_lines (
  id uuid PRIMARY KEY,
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
  supersedes_ids uuid[]
);
CREATE INDEX stock_count_lines_count ON stock_count_lines (count_id, batch_id, location_id);

CREATE TABLE stock_count_explanations (
  id uuid PRIMARY KEY,
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
  explained_by uuid
);
CREATE INDEX stock_count_explanations_count ON stock_count_explanations (count_id);

-- As-of balances walk the movements after (or up to) a date; a count's adjustments and a study's
-- sowings are found by their link; scanned barcodes find their batch.
CREATE INDEX stock_movements_occurred ON stock_movements (occurred_at);
CREATE INDEX stock_movements_count ON stock_movements (count_id) WHERE count_id IS NOT NULL;
CREATE INDEX stock_movements_study ON stock_movements (study_id) WHERE study_id IS NOT NULL;
CREATE INDEX stock_batches_barcode ON stock_batches (tenant_id, barcode) WHERE barcode IS NOT NULL AND NOT deleted;

-- Derived, replica-only: the sum of the movements of each batch at each location, kept by the
-- triggers below in the same statement as the movements themselves (local writes, pulls, COPY
-- loads alike), so stock-on-hand reads a few thousand rows instead of summing every movement.
-- It holds nothing the movements do not: stock_balances_rebuild() recomputes it from scratch.
-- first_out_at and last_in_at bound where a balance can have dipped below zero: when every
-- arrival precedes every departure the running balance cannot go below its final value.
CREATE TABLE stock_balances (
  batch_id uuid NOT NULL,
  location_id uuid NOT NULL,
  quantity numeric NOT NULL,
  first_out_at timestamptz,
  last_in_at timestamptz,
  PRIMARY KEY (batch_id, location_id)
);
CREATE INDEX stock_balances_location ON stock_balances (location_id);

CREATE FUNCTION stock_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stock_balances AS b (batch_id, location_id, quantity, first_out_at, last_in_at)
  SELECT batch_id, location_id, sum(delta), min(out_at), max(in_at)
    FROM (SELECT batch_id, to_location_id AS location_id, quantity AS delta, NULL::timestamptz AS out_at, occurred_at AS in_at
            FROM added WHERE to_location_id IS NOT NULL
          UNION ALL
          SELECT batch_id, from_location_id, -quantity, occurred_at, NULL
            FROM added WHERE from_location_id IS NOT NULL) e
   GROUP BY batch_id, location_id
  ON CONFLICT (batch_id, location_id) DO UPDATE SET
    quantity = b.quantity + excluded.quantity,
    first_out_at = LEAST(b.first_out_at, excluded.first_out_at),
    last_in_at = GREATEST(b.last_in_at, excluded.last_in_at);
  RETURN NULL;
END $$;

-- Movements are facts, but a refused one can be discarded (deleted) or fixed and resent (updated):
-- the balances they touched are recomputed from the movements.
CREATE FUNCTION stock_balances_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  batch_ids uuid[];
  location_ids uuid[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(e.batch_id), array_agg(e.location_id) INTO batch_ids, location_ids FROM (
      SELECT DISTINCT r.batch_id, l.location_id
        FROM old_rows r CROSS JOIN LATERAL (VALUES (r.to_location_id), (r.from_location_id)) l(location_id)
       WHERE l.location_id IS NOT NULL) e;
  ELSE
    -- Only rows whose batch, quantity, ends or time changed (moving a row to the server's user or
    -- device ids when a station first connects changes no balance).
    SELECT array_agg(e.batch_id), array_agg(e.location_id) INTO batch_ids, location_ids FROM (
      SELECT DISTINCT r.batch_id, l.location_id
        FROM (SELECT o.batch_id, o.from_location_id, o.to_location_id, n.batch_id AS new_batch_id,
                     n.from_location_id AS new_from_id, n.to_location_id AS new_to_id
                FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE (o.batch_id, o.quantity, o.from_location_id, o.to_location_id, o.occurred_at)
                     IS DISTINCT FROM (n.batch_id, n.quantity, n.from_location_id, n.to_location_id, n.occurred_at)) c
        CROSS JOIN LATERAL (VALUES (c.batch_id, c.from_location_id, c.to_location_id),
                                   (c.new_batch_id, c.new_from_id, c.new_to_id)) r(batch_id, from_location_id, to_location_id)
        CROSS JOIN LATERAL (VALUES (r.to_location_id), (r.from_location_id)) l(location_id)
       WHERE l.location_id IS NOT NULL) e;
  END IF;
  IF batch_ids IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM stock_balances b USING unnest(batch_ids, location_ids) a(batch_id, location_id)
   WHERE b.batch_id = a.batch_id AND b.location_id = a.location_id;
  INSERT INTO stock_balances (batch_id, location_id, quantity, first_out_at, last_in_at)
  SELECT e.batch_id, e.location_id, sum(e.delta), min(e.out_at), max(e.in_at)
    FROM (SELECT batch_id, to_location_id AS location_id, quantity AS delta, NULL::timestamptz AS out_at, occurred_at AS in_at
            FROM stock_movements WHERE batch_id = ANY (batch_ids) AND to_location_id IS NOT NULL
          UNION ALL
          SELECT batch_id, from_location_id, -quantity, occurred_at, NULL
            FROM stock_movements WHERE batch_id = ANY (batch_ids) AND from_location_id IS NOT NULL) e
    JOIN (SELECT DISTINCT batch_id, location_id FROM unnest(batch_ids, location_ids) u(batch_id, location_id)) a
      ON a.batch_id = e.batch_id AND a.location_id = e.location_id
   GROUP BY e.batch_id, e.location_id;
  RETURN NULL;
END $$;

CREATE FUNCTION stock_balances_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM stock_balances;
  INSERT INTO stock_balances (batch_id, location_id, quantity, first_out_at, last_in_at)
  SELECT batch_id, location_id, sum(delta), min(out_at), max(in_at)
    FROM (SELECT batch_id, to_location_id AS location_id, quantity AS delta, NULL::timestamptz AS out_at, occurred_at AS in_at
            FROM stock_movements WHERE to_location_id IS NOT NULL
          UNION ALL
          SELECT batch_id, from_location_id, -quantity, occurred_at, NULL
            FROM stock_movements WHERE from_location_id IS NOT NULL) e
   GROUP BY batch_id, location_id;
$$;

CREATE FUNCTION stock_balances_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stock_balances;
  RETURN NULL;
END $$;

CREATE TRIGGER stock_balances_insert AFTER INSERT ON stock_movements
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION stock_balances_add();
CREATE TRIGGER stock_balances_delete AFTER DELETE ON stock_movements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stock_balances_recompute();
CREATE TRIGGER stock_balances_update AFTER UPDATE ON stock_movements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stock_balances_recompute();
CREATE TRIGGER stock_balances_truncate AFTER TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION stock_balances_clear();
-- Also while a snapshot chunk loads with session_replication_role = replica.
ALTER TABLE stock_movements ENABLE ALWAYS TRIGGER stock_balances_insert;
ALTER TABLE stock_movements ENABLE ALWAYS TRIGGER stock_balances_delete;
ALTER TABLE stock_movements ENABLE ALWAYS TRIGGER stock_balances_update;
ALTER TABLE stock_movements ENABLE ALWAYS TRIGGER stock_balances_truncate;

SELECT stock_balances_rebuild();
