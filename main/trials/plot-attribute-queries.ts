import type { PlotAttributeName, PlotAttributeValue } from '../../common/api-contract';
import type { Replica } from '../replica/replica';

/**
 * A study's plot attributes: the free-form columns a field file brought in (tray_id, accession,
 * plot_id…), kept per plot in `observation_units.attributes`. Read apart from the plot list, which
 * stays lean for the study screen; a plot "has" an attribute when it holds a value other than JSON
 * null or an empty string. Both answer null when the study is not in the station.
 */

async function studyExists(replica: Replica, studyId: string): Promise<boolean> {
  const rows = await replica.query<{ found: boolean }>('SELECT true AS found FROM studies WHERE id = $1 AND NOT deleted', [studyId]);
  return rows.length > 0;
}

/** Only an object's keys are attributes (a malformed value reads as none). */
const attributesOf = `CASE WHEN jsonb_typeof(u.attributes) = 'object' THEN u.attributes ELSE '{}'::jsonb END`;
const hasValue = (value: string): string => `jsonb_typeof(${value}) <> 'null' AND ${value} <> '""'::jsonb`;

/** The attribute names the study's live plots have, by name, with how many plots have each. */
export async function listPlotAttributeNames(replica: Replica, studyId: string): Promise<PlotAttributeName[] | null> {
  if (!(await studyExists(replica, studyId))) return null;
  const rows = await replica.query<{ name: string; plot_count: number }>(
    `SELECT a.key AS name, count(*)::int AS plot_count
       FROM observation_units u CROSS JOIN LATERAL jsonb_each(${attributesOf}) a
      WHERE u.study_id = $1 AND NOT u.deleted AND ${hasValue('a.value')}
      GROUP BY a.key
      ORDER BY a.key`,
    [studyId],
  );
  return rows.map((r) => ({ name: r.name, plotCount: r.plot_count }));
}

/**
 * One attribute's value for each live plot of the study that has it, in plot-number order. A value
 * that is not a string (a number, a list) is given as its JSON text, as the Field Book export writes it.
 */
export async function listPlotAttributeValues(replica: Replica, studyId: string, name: string): Promise<PlotAttributeValue[] | null> {
  if (!(await studyExists(replica, studyId))) return null;
  const rows = await replica.query<{ unit_id: string; value: unknown }>(
    `SELECT u.id AS unit_id, ${attributesOf} -> $2 AS value
       FROM observation_units u
      WHERE u.study_id = $1 AND NOT u.deleted AND ${hasValue(`(${attributesOf} -> $2)`)}
      ORDER BY u.plot_number, u.id`,
    [studyId, name],
  );
  return rows.map((r) => ({ unitId: r.unit_id, value: typeof r.value === 'string' ? r.value : JSON.stringify(r.value) }));
}
