import type { Replica } from '../replica/replica';

/** The observation a new value for this plot, variable and timepoint replaces, if any. */
export async function findCurrentObservationId(
  replica: Replica,
  unitId: string,
  variableId: string,
  timepoint: string | null,
): Promise<string | null> {
  const rows = await replica.query<{ id: string }>(
    `SELECT o.id FROM observations o
      WHERE o.unit_id = $1 AND o.variable_id = $2 AND o.timepoint IS NOT DISTINCT FROM $3
        AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)
      ORDER BY o.observed_at DESC, o.id DESC
      LIMIT 1`,
    [unitId, variableId, timepoint],
  );
  return rows[0]?.id ?? null;
}

export async function unitExists(replica: Replica, unitId: string): Promise<boolean> {
  const rows = await replica.query('SELECT 1 FROM observation_units WHERE id = $1 AND NOT deleted', [unitId]);
  return rows.length > 0;
}
