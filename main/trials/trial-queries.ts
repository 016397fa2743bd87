import type { PlotRow, StudyDetail, StudySummary, TrialSummary, VariableSummary } from '../../common/api-contract';
import type { ScaleType } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';

export async function listTrials(replica: Replica): Promise<TrialSummary[]> {
  const rows = await replica.query<{
    id: string;
    name: string;
    description: string | null;
    program_name: string | null;
    study_count: number;
    plot_count: number;
  }>(
    `SELECT t.id, t.name, t.description, p.name AS program_name,
            (SELECT count(*)::int FROM studies s WHERE s.trial_id = t.id AND NOT s.deleted) AS study_count,
            (SELECT count(*)::int FROM studies s JOIN observation_units u ON u.study_id = s.id
              WHERE s.trial_id = t.id AND NOT s.deleted AND NOT u.deleted) AS plot_count
       FROM trials t LEFT JOIN programs p ON p.id = t.program_id
      WHERE NOT t.deleted
      ORDER BY t.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    programName: r.program_name,
    studyCount: r.study_count,
    plotCount: r.plot_count,
  }));
}

interface StudyRow {
  id: string;
  trial_id: string;
  name: string;
  season: string | null;
  location_name: string | null;
  plot_count: number;
}

const studySelect = `SELECT s.id, s.trial_id, s.name, s.season, l.name AS location_name,
       (SELECT count(*)::int FROM observation_units u WHERE u.study_id = s.id AND NOT u.deleted) AS plot_count`;

function toStudySummary(r: StudyRow): StudySummary {
  return { id: r.id, trialId: r.trial_id, name: r.name, season: r.season, locationName: r.location_name, plotCount: r.plot_count };
}

export async function listStudies(replica: Replica, trialId: string): Promise<StudySummary[]> {
  const rows = await replica.query<StudyRow>(
    `${studySelect} FROM studies s LEFT JOIN locations l ON l.id = s.location_id
      WHERE s.trial_id = $1 AND NOT s.deleted ORDER BY s.name`,
    [trialId],
  );
  return rows.map(toStudySummary);
}

interface VariableRow {
  id: string;
  name: string;
  trait: string;
  scale_type: ScaleType;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimal_places: number | null;
  categories: { value: string; label: string }[] | null;
}

export function toVariableSummary(r: VariableRow): VariableSummary {
  return {
    id: r.id,
    name: r.name,
    trait: r.trait,
    scaleType: r.scale_type,
    unit: r.unit,
    minimum: r.minimum,
    maximum: r.maximum,
    decimalPlaces: r.decimal_places,
    categories: r.categories,
  };
}

const variableColumns = 'v.id, v.name, v.trait, v.scale_type, v.unit, v.minimum, v.maximum, v.decimal_places, v.categories';

export async function getVariable(replica: Replica, variableId: string): Promise<VariableSummary | null> {
  const rows = await replica.query<VariableRow>(
    `SELECT ${variableColumns} FROM observation_variables v WHERE v.id = $1 AND NOT v.deleted`,
    [variableId],
  );
  return rows[0] ? toVariableSummary(rows[0]) : null;
}

export async function getStudy(replica: Replica, studyId: string): Promise<StudyDetail | null> {
  const rows = await replica.query<
    StudyRow & { trial_name: string; design: string | null; layout_rows: number | null; layout_columns: number | null }
  >(
    `${studySelect}, t.name AS trial_name, s.design, s.layout_rows, s.layout_columns
       FROM studies s JOIN trials t ON t.id = s.trial_id LEFT JOIN locations l ON l.id = s.location_id
      WHERE s.id = $1 AND NOT s.deleted`,
    [studyId],
  );
  const study = rows[0];
  if (!study) return null;
  const variables = await replica.query<VariableRow>(
    `SELECT ${variableColumns}
       FROM study_variables sv JOIN observation_variables v ON v.id = sv.variable_id
      WHERE sv.study_id = $1 AND NOT sv.deleted AND NOT v.deleted
      ORDER BY sv.position, v.name`,
    [studyId],
  );
  return {
    ...toStudySummary(study),
    trialName: study.trial_name,
    design: study.design,
    layoutRows: study.layout_rows,
    layoutColumns: study.layout_columns,
    variables: variables.map(toVariableSummary),
  };
}

interface PlotValuesRow {
  id: string;
  latest: Record<string, string> | null;
  /** The newest value of some variable was replaced by an older-dated one (clocks that disagreed). */
  unsure: boolean;
}

/**
 * Each plot's current value per variable. Per plot, the index on (unit, variable, observed_at) gives
 * the newest value of each variable directly; only those are checked for having been replaced. A
 * newest value that was replaced (a correction dated earlier than what it corrects: two devices'
 * clocks disagreed) is rare, and those plots are read again the slow, exact way.
 */
async function currentValuesByPlot(replica: Replica, studyId: string, timepoint: string | null | undefined): Promise<Map<string, PlotRow['latest']>> {
  const anyTimepoint = timepoint === undefined;
  const rows = await replica.query<PlotValuesRow>(
    `SELECT u.id, tops.latest, tops.unsure
       FROM observation_units u
       CROSS JOIN LATERAL (
         SELECT jsonb_object_agg(l.variable_id, l.value) FILTER (WHERE NOT l.replaced) AS latest, coalesce(bool_or(l.replaced), false) AS unsure
           FROM (SELECT t.variable_id, t.value, EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = t.id) AS replaced
                   FROM (SELECT DISTINCT ON (o.variable_id) o.variable_id, o.value, o.id FROM observations o
                          WHERE o.unit_id = u.id AND ($2::boolean OR o.timepoint IS NOT DISTINCT FROM $3)
                          ORDER BY o.variable_id, o.observed_at DESC, o.id DESC) t) l
       ) tops
      WHERE u.study_id = $1 AND NOT u.deleted`,
    [studyId, anyTimepoint, timepoint ?? null],
  );
  const byUnit = new Map<string, PlotRow['latest']>();
  const unsure: string[] = [];
  for (const row of rows) {
    if (row.unsure) unsure.push(row.id);
    byUnit.set(row.id, valuesOf(row.latest ?? {}));
  }
  if (unsure.length > 0) {
    const exact = await replica.query<{ unit_id: string; variable_id: string; value: string }>(
      `SELECT DISTINCT ON (o.unit_id, o.variable_id) o.unit_id, o.variable_id, o.value
         FROM observations o
        WHERE o.unit_id = ANY($1::uuid[]) AND ($2::boolean OR o.timepoint IS NOT DISTINCT FROM $3)
          AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id)
        ORDER BY o.unit_id, o.variable_id, o.observed_at DESC, o.id DESC`,
      [unsure, anyTimepoint, timepoint ?? null],
    );
    for (const id of unsure) byUnit.set(id, {});
    for (const row of exact) {
      const values = byUnit.get(row.unit_id) ?? {};
      if (row.value !== '') values[row.variable_id] = { value: row.value };
      byUnit.set(row.unit_id, values);
    }
  }
  return byUnit;
}

/** Cleared values (an undo with nothing before it) leave the plot unscored. */
function valuesOf(latest: Record<string, string>): PlotRow['latest'] {
  const values: PlotRow['latest'] = {};
  for (const [variableId, value] of Object.entries(latest)) if (value !== '') values[variableId] = { value };
  return values;
}

/**
 * The study's plots with each variable's current value: of one timepoint when `timepoint` is given
 * (null: values recorded without one), else the latest of any timepoint. A value that was cleared
 * (an undo with nothing before it) leaves the plot unscored.
 */
export async function listPlotsWithLatest(replica: Replica, studyId: string, timepoint?: string | null): Promise<PlotRow[]> {
  const plots = await replica.query<{
    id: string;
    plot_number: number;
    block: number | null;
    replicate: number | null;
    position_row: number | null;
    position_column: number | null;
    entry_number: number | null;
    germplasm_name: string | null;
    barcode: string | null;
  }>(
    `SELECT u.id, u.plot_number, u.block, u.replicate, u.position_row, u.position_column, u.entry_number,
            g.name AS germplasm_name, u.barcode
       FROM observation_units u LEFT JOIN germplasm g ON g.id = u.germplasm_id
      WHERE u.study_id = $1 AND NOT u.deleted
      ORDER BY u.plot_number`,
    [studyId],
  );
  const byUnit = await currentValuesByPlot(replica, studyId, timepoint);
  return plots.map((p) => ({
    id: p.id,
    plotNumber: p.plot_number,
    block: p.block,
    replicate: p.replicate,
    row: p.position_row,
    column: p.position_column,
    entryNumber: p.entry_number,
    germplasmName: p.germplasm_name,
    barcode: p.barcode,
    latest: byUnit.get(p.id) ?? {},
  }));
}
