import type { ObservationConflict, ObservationHistoryEntry } from '../../common/api-contract';
import type { Replica } from '../replica/replica';

interface HistoryRow {
  id: string;
  value: string;
  timepoint: string | null;
  observed_at: Date;
  supersedes_id: string | null;
  superseded: boolean;
  collector_name: string | null;
  device_name: string | null;
  outbox_state: 'pending' | 'rejected' | null;
}

const historySelect = `
  SELECT o.id, o.value, o.timepoint, o.observed_at, o.supersedes_id,
         EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id) AS superseded,
         usr.name AS collector_name, dev.name AS device_name,
         (SELECT ob.state FROM sync_outbox ob WHERE ob.entity = 'observations' AND ob.row_id = o.id ORDER BY ob.seq DESC LIMIT 1) AS outbox_state
    FROM observations o
    LEFT JOIN users usr ON usr.id = o.collector_id
    LEFT JOIN devices dev ON dev.id = o.device_id`;

function toEntry(row: HistoryRow): ObservationHistoryEntry {
  return {
    id: row.id,
    value: row.value,
    cleared: row.value === '',
    timepoint: row.timepoint,
    observedAt: row.observed_at.toISOString(),
    supersedesId: row.supersedes_id,
    current: !row.superseded,
    collectorName: row.collector_name,
    deviceName: row.device_name,
    syncState: row.outbox_state ?? 'sent',
  };
}

/**
 * Every value ever recorded for a plot and variable (one timepoint, or all), newest first, with
 * who recorded it, on which device, whether a later value replaced it, and whether it has left
 * this device yet.
 */
export async function observationHistory(replica: Replica, unitId: string, variableId: string, timepoint?: string | null): Promise<ObservationHistoryEntry[]> {
  const rows = await replica.query<HistoryRow>(
    `${historySelect}
      WHERE o.unit_id = $1 AND o.variable_id = $2 AND ($3::boolean OR o.timepoint IS NOT DISTINCT FROM $4)
      ORDER BY o.observed_at DESC, o.id DESC`,
    [unitId, variableId, timepoint === undefined, timepoint ?? null],
  );
  return rows.map(toEntry);
}

/** One observation with its history details, or null. */
export async function observationById(replica: Replica, observationId: string): Promise<(ObservationHistoryEntry & { unitId: string; variableId: string }) | null> {
  const rows = await replica.query<HistoryRow & { unit_id: string; variable_id: string }>(
    `SELECT * FROM (${historySelect.replace('SELECT o.id,', 'SELECT o.unit_id, o.variable_id, o.id,')} WHERE o.id = $1) found`,
    [observationId],
  );
  const row = rows[0];
  return row ? { ...toEntry(row), unitId: row.unit_id, variableId: row.variable_id } : null;
}

/** Timepoints the study's values were recorded at, in the order they first appear. */
export async function studyTimepoints(replica: Replica, studyId: string): Promise<string[]> {
  const rows = await replica.query<{ timepoint: string }>(
    `SELECT o.timepoint FROM observations o JOIN observation_units u ON u.id = o.unit_id
      WHERE u.study_id = $1 AND o.timepoint IS NOT NULL
      GROUP BY o.timepoint ORDER BY min(o.observed_at), o.timepoint`,
    [studyId],
  );
  return rows.map((row) => row.timepoint);
}

/**
 * Plots where two devices recorded different values for the same variable and timepoint, neither
 * replacing the other (both are current): they need a person to choose. A cleared value counts as
 * a value here, since "nothing" against "12" is a real disagreement.
 */
export async function listConflicts(replica: Replica, studyId: string): Promise<ObservationConflict[]> {
  const rows = await replica.query<HistoryRow & { unit_id: string; plot_number: number; variable_id: string; variable_name: string }>(
    `WITH current AS (
       SELECT o.* FROM observations o JOIN observation_units u ON u.id = o.unit_id
        WHERE u.study_id = $1 AND NOT u.deleted
          AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)
     ),
     disputed AS (
       SELECT unit_id, variable_id, timepoint FROM current
        GROUP BY unit_id, variable_id, timepoint
       HAVING count(DISTINCT value) > 1
     )
     SELECT o.unit_id, u.plot_number, o.variable_id, v.name AS variable_name, o.id, o.value, o.timepoint, o.observed_at, o.supersedes_id,
            false AS superseded, usr.name AS collector_name, dev.name AS device_name,
            (SELECT ob.state FROM sync_outbox ob WHERE ob.entity = 'observations' AND ob.row_id = o.id ORDER BY ob.seq DESC LIMIT 1) AS outbox_state
       FROM current o
       JOIN disputed d ON d.unit_id = o.unit_id AND d.variable_id = o.variable_id AND d.timepoint IS NOT DISTINCT FROM o.timepoint
       JOIN observation_units u ON u.id = o.unit_id
       JOIN observation_variables v ON v.id = o.variable_id
       LEFT JOIN users usr ON usr.id = o.collector_id
       LEFT JOIN devices dev ON dev.id = o.device_id
      ORDER BY u.plot_number, v.name, o.timepoint NULLS FIRST, o.observed_at DESC, o.id DESC`,
    [studyId],
  );
  const conflicts = new Map<string, ObservationConflict>();
  for (const row of rows) {
    const key = `${row.unit_id}|${row.variable_id}|${row.timepoint ?? ''}`;
    const conflict = conflicts.get(key) ?? {
      unitId: row.unit_id,
      plotNumber: row.plot_number,
      variableId: row.variable_id,
      variableName: row.variable_name,
      timepoint: row.timepoint,
      values: [],
    };
    conflict.values.push(toEntry(row));
    conflicts.set(key, conflict);
  }
  return [...conflicts.values()];
}

/** The current (not replaced) observations of a plot, variable and timepoint. */
export async function currentObservations(replica: Replica, unitId: string, variableId: string, timepoint: string | null): Promise<{ id: string; value: string }[]> {
  return replica.query<{ id: string; value: string }>(
    `SELECT o.id, o.value FROM observations o
      WHERE o.unit_id = $1 AND o.variable_id = $2 AND o.timepoint IS NOT DISTINCT FROM $3
        AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)
      ORDER BY o.observed_at DESC, o.id DESC`,
    [unitId, variableId, timepoint],
  );
}
