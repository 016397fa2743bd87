// The stations the field capture bench measures, generated as the app's demo generator makes them
// (5,000-plot studies) and topped up to 10 variables per study:
//   mid-season: about 30% of plot × variable cells scored once (the generator's default fill);
//   season end: every cell scored at two timepoints (14 and 28 DAS), about 1% of values corrected, so
//   the largest study holds 100,000 current observations.
import type { StationSummary } from '../common/api-contract';
import { encodeClock } from '../common/hybrid-clock';
import { newId } from '../common/ids';
import { CopyLoader } from '../main/demo/csv-rows';
import { observationFields } from '../main/demo/demo-observations';
import { variableFields } from '../main/demo/demo-variables';
import { generateStation } from '../main/demo/generate-station';
import { SeededRandom } from '../main/demo/seeded-random';
import type { Logger } from '../main/logger';
import { observationChange } from '../main/observations/record-observation';
import type { StationSession } from '../main/stations/station-session';

export type StationKind = 'mid-season' | 'season-end';

export interface BenchStation {
  kind: StationKind;
  station: StationSummary;
  trialName: string;
  studyId: string;
  plots: number;
  variables: number;
  /** Observation rows of the measured study, and those not superseded (what an export writes). */
  observations: number;
  currentObservations: number;
  generateSeconds: number;
}

/** The trial whose (first) study every figure uses; both demo trials have one 5,000-plot study. */
export const benchTrialName = 'Spring wheat yield trial 2026';
const plotsInAll = 10_000;
const demoVariables = 8;
const timepoints = ['14 DAS', '28 DAS'];
const dayMs = 86_400_000;

interface ExtraVariable {
  name: string;
  trait: string;
  scaleType: 'numeric' | 'categorical';
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimalPlaces: number | null;
  categories: { value: string; label: string }[] | null;
  value(random: SeededRandom): { value: string; numeric: number | null };
}

/** Two more traits a wheat team scores, so each study has 10 variables. */
const extraVariables: ExtraVariable[] = [
  {
    name: 'Chlorophyll (SPAD)', trait: 'Leaf chlorophyll content', scaleType: 'numeric', unit: 'SPAD', minimum: 0, maximum: 80,
    decimalPlaces: 1, categories: null,
    value: (random) => {
      const numeric = Math.round(random.normal(44, 5) * 10) / 10;
      return { value: String(numeric), numeric };
    },
  },
  {
    name: 'Leaf rust reaction', trait: 'Leaf rust infection type', scaleType: 'categorical', unit: null, minimum: null, maximum: null,
    decimalPlaces: null,
    categories: [
      { value: 'R', label: 'Resistant' }, { value: 'MR', label: 'Moderately resistant' },
      { value: 'MS', label: 'Moderately susceptible' }, { value: 'S', label: 'Susceptible' },
    ],
    value: (random) => ({ value: random.pick(['R', 'MR', 'MR', 'MS', 'S']), numeric: null }),
  },
];

/** The observation count the generator needs so the mid-season fill is its default, or every cell twice. */
function observationsFor(kind: StationKind): number | undefined {
  return kind === 'mid-season' ? undefined : plotsInAll * demoVariables * timepoints.length;
}

export async function generateBenchStation(dataFolder: string, kind: StationKind, logger: Logger, seed: number): Promise<BenchStation> {
  const started = performance.now();
  const name = kind === 'mid-season' ? 'Bench mid-season' : 'Bench season end';
  const observations = observationsFor(kind);
  const { station, session } = await generateStation({ dataFolder, name, logger, seed, plots: plotsInAll, ...(observations === undefined ? {} : { observations }) });
  try {
    const random = new SeededRandom(seed).fork('field-capture-extras');
    await addExtraVariables(session, kind, random);
    const studyId = await studyOf(session, benchTrialName);
    // About 1% of all the study's values: 5% of the measured ones (plant height, chlorophyll).
    if (kind === 'season-end') await correctSomeValues(session, studyId, 0.05, random.fork('corrections'));
    const [counts] = await session.replica.query<{ plots: number; variables: number; observations: number; current: number }>(
      `SELECT (SELECT count(*)::int FROM observation_units WHERE study_id = $1 AND NOT deleted) AS plots,
              (SELECT count(*)::int FROM study_variables WHERE study_id = $1 AND NOT deleted) AS variables,
              count(*)::int AS observations,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM observations c WHERE c.supersedes_id = o.id))::int AS current
         FROM observations o JOIN observation_units u ON u.id = o.unit_id WHERE u.study_id = $1`,
      [studyId],
    );
    if (!counts) throw new Error('The generated study could not be counted.');
    return {
      kind, station, trialName: benchTrialName, studyId, plots: counts.plots, variables: counts.variables,
      observations: counts.observations, currentObservations: counts.current, generateSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await session.close();
  }
}

export async function studyOf(session: StationSession, trialName: string): Promise<string> {
  const [study] = await session.replica.query<{ id: string }>(
    `SELECT s.id FROM studies s JOIN trials t ON t.id = s.trial_id WHERE t.name = $1 AND NOT s.deleted ORDER BY s.name LIMIT 1`,
    [trialName],
  );
  if (!study) throw new Error(`The generated station has no study in ${trialName}.`);
  return study.id;
}

/**
 * Adds the two extra variables to every study, with values loaded the way the generator loads its
 * own (COPY in one bulk transaction): 30% of cells mid-season, every cell at both timepoints at season end.
 */
async function addExtraVariables(session: StationSession, kind: StationKind, random: SeededRandom): Promise<void> {
  const studies = await session.replica.query<{ id: string; start_date: string | Date | null }>('SELECT id, start_date FROM studies WHERE NOT deleted ORDER BY id');
  const plots = await session.replica.query<{ id: string; study_id: string }>('SELECT id, study_id FROM observation_units WHERE NOT deleted ORDER BY study_id, plot_number');
  const { tenantId, deviceId, userId } = session.identity;
  await session.bulkLoad(['observation_variables', 'study_variables', 'observations'], async (tx) => {
    const loader = new CopyLoader({ tx, tenantId, hlc: encodeClock({ wallMs: 0, counter: 0 }, deviceId), chunkRows: 100_000 });
    const variableTable = loader.table('observation_variables', variableFields);
    const studyVariables = loader.table('study_variables', ['study_id', 'variable_id', 'position']);
    const observationTable = loader.table('observations', observationFields);
    const ids = extraVariables.map(() => newId());
    for (const [i, v] of extraVariables.entries()) {
      await variableTable.add(ids[i] ?? newId(), [v.name, v.trait, null, v.scaleType, v.unit, v.minimum, v.maximum, v.categories, v.decimalPlaces, null]);
    }
    const sowing = new Map(studies.map((s) => [s.id, s.start_date === null ? Date.UTC(2026, 2, 2) : new Date(s.start_date).getTime()]));
    for (const study of studies) {
      for (const [i, id] of ids.entries()) await studyVariables.add(newId(), [study.id, id, demoVariables + i + 1]);
    }
    const rounds: { timepoint: string | null; das: number }[] =
      kind === 'mid-season' ? [{ timepoint: null, das: 50 }] : timepoints.map((timepoint, k) => ({ timepoint, das: 14 * (k + 1) }));
    for (const plot of plots) {
      for (const round of rounds) {
        for (const [i, v] of extraVariables.entries()) {
          if (kind === 'mid-season' && !random.chance(0.3)) continue;
          const { value, numeric } = v.value(random);
          const observedAt = (sowing.get(plot.study_id) ?? 0) + round.das * dayMs + random.int(7 * 60, 16 * 60) * 60_000;
          await observationTable.add(newId(), [plot.id, ids[i], value, numeric, round.timepoint, new Date(observedAt).toISOString(), userId, deviceId]);
        }
      }
    }
    return loader.finish();
  });
}

/**
 * Corrects a share of the study's measured (decimal) values through the app's write path (row plus outbox, as
 * `observations:record` writes a correction): each correction supersedes the value it replaces.
 */
async function correctSomeValues(session: StationSession, studyId: string, share: number, random: SeededRandom): Promise<void> {
  const rows = await session.replica.query<{ id: string; unit_id: string; variable_id: string; value_number: number; timepoint: string | null; observed_at: Date }>(
    `SELECT o.id, o.unit_id, o.variable_id, o.value_number, o.timepoint, o.observed_at
       FROM observations o JOIN observation_units u ON u.id = o.unit_id JOIN observation_variables v ON v.id = o.variable_id
      WHERE u.study_id = $1 AND o.value_number IS NOT NULL AND v.decimal_places > 0 ORDER BY o.id`,
    [studyId],
  );
  const chosen = rows.filter(() => random.chance(share));
  for (let start = 0; start < chosen.length; start += 200) {
    const changes = chosen.slice(start, start + 200).map((row) => {
      const numeric = Math.round(row.value_number * 10.5) / 10;
      return observationChange(
        session,
        { unitId: row.unit_id, variableId: row.variable_id, value: String(numeric), valueNumber: numeric, timepoint: row.timepoint, supersedes: row.id },
        new Date(row.observed_at.getTime() + dayMs).toISOString(),
      );
    });
    await session.write(changes);
  }
}
