-- Rules that span rows or fields merged one by one are kept by the central server, not the replica.
-- A merge of two replicas' individually valid states can break them (two stations both create
-- location code NORTH offline; one station raises a variable's minimum while another lowers its
-- maximum). The server refuses the later change and the device lists it as refused; a pull must
-- always apply what the server holds, or a device stuck with such a clash could never pull again.
-- The app checks these rules itself when it writes (main/replica/row-rules.ts).
-- Single-column checks (kinds, ranges) stay: a value the server accepted always satisfies them.

-- Non-unique, under the same names: the write-time checks and lookups still use them.
DROP INDEX locations_code;
CREATE INDEX locations_code ON locations (tenant_id, code) WHERE NOT deleted;

DROP INDEX stock_batches_code;
CREATE INDEX stock_batches_code ON stock_batches (tenant_id, code) WHERE NOT deleted;

DROP INDEX study_variables_pair;
CREATE INDEX study_variables_pair ON study_variables (study_id, variable_id) WHERE NOT deleted;

DROP INDEX notes_subject;
CREATE INDEX notes_subject ON notes (subject_kind, subject_id) WHERE NOT deleted;

-- minimum <= maximum: the two fields merge separately, so only the server can hold them together.
ALTER TABLE observation_variables DROP CONSTRAINT observation_variables_check;
