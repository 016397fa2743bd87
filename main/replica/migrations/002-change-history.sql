-- The history of mutable records (who changed what, from which device, when): appended by local
-- writes and by changes pulled from the server. Facts (observations, stock movements) need no
-- copy here: each row already names its collector, device and time.
CREATE TABLE change_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity text NOT NULL,
  row_id uuid NOT NULL,
  operation text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  fields jsonb NOT NULL,
  hlc text NOT NULL,
  user_id uuid,
  device_id uuid,
  changed_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('local', 'server'))
);
CREATE INDEX change_history_row ON change_history (entity, row_id, hlc);
-- A clock value names one change (it carries the device id): a local change pulled back is not repeated.
CREATE UNIQUE INDEX change_history_once ON change_history (entity, row_id, hlc);
