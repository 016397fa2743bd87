import { AppError } from '../../common/errors';
import { encodeClock } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import type { StationSession } from '../stations/station-session';
import { CopyLoader } from './csv-rows';
import { copyLocations, buildLocations, locationFields } from './demo-locations';
import { copyObservations, observationFields, planObservations } from './demo-observations';
import { copyPlots, layOutPlots, unitFields } from './demo-plots';
import { batchFields, buildStock, copyStock, movementFields } from './demo-stock';
import { copyPlan, germplasmFields, planTrials, programFields, replicatesPerStudy, studyFields, trialFields } from './demo-trials';
import { buildVariables, copyVariables, variableFields } from './demo-variables';
import { SeededRandom } from './seeded-random';

export interface DemoDataOptions {
  seed: number;
  /** Plots in all (a multiple of 4; default 960, two studies of 480). */
  plots?: number;
  /** Observation rows in all (default about 30% of plots × variables). */
  observations?: number;
  seedLots?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoDataReport {
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
}

const defaultPlots = 960;
const defaultFill = 0.3;
const defaultSeedLots = 60;
/** Rows per COPY: large enough to be fast, small enough to keep a million-row load's memory bounded. */
const chunkRows = 100_000;

const tables = [
  'locations', 'programs', 'trials', 'studies', 'germplasm', 'observation_variables', 'study_variables',
  'observation_units', 'observations', 'stock_batches', 'stock_movements',
];

function wholeNumber(name: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new AppError('validation', `The demo data's ${name} must be a whole number of at least ${minimum}; got ${value}.`);
  }
  return value;
}

function settingsOf(options: DemoDataOptions): { plots: number; observations: number; seedLots: number } {
  if (!Number.isSafeInteger(options.seed)) throw new AppError('validation', `The demo data's seed must be a whole number; got ${options.seed}.`);
  const plots = wholeNumber('plot count', options.plots ?? defaultPlots, 2 * replicatesPerStudy);
  if (plots % replicatesPerStudy !== 0) {
    throw new AppError('validation', `Every study has ${replicatesPerStudy} replicates, so the plot count must be a multiple of ${replicatesPerStudy}; got ${plots}.`);
  }
  const variables = buildVariables().length;
  const observations = wholeNumber('observation count', options.observations ?? Math.round(plots * variables * defaultFill), 0);
  const seedLots = wholeNumber('seed lot count', options.seedLots ?? defaultSeedLots, 0);
  return { plots, observations, seedLots };
}

/**
 * Fills a new station with a plausible demo: locations, a wheat program with its trials, studies,
 * plots and observations, and seed lots with their movement history. The content is the same for
 * the same seed (ids differ). Everything is loaded with COPY in one bulk transaction.
 */
export async function loadDemoData(session: StationSession, options: DemoDataOptions): Promise<DemoDataReport> {
  const settings = settingsOf(options);
  const started = performance.now();
  const { tenantId, deviceId, userId } = session.identity;
  const root = new SeededRandom(options.seed);
  const locations = buildLocations(session.station.name);
  const plan = planTrials(settings.plots, locations.compartments, root.fork('trials'));
  const variables = buildVariables();
  const stock = buildStock(plan.studies, locations.bins, settings.seedLots, root.fork('stock'));
  const cells = plan.studies.map((s) => s.entries * replicatesPerStudy * variables.length);
  const observationPlan = planObservations(settings.observations, cells);
  const total =
    locations.all.length + 1 + plan.trials.length + plan.studies.length * (1 + variables.length) + plan.germplasm.length +
    variables.length + settings.plots + settings.observations + stock.batches.length + stock.movements.length;
  let done = 0;
  options.onProgress?.(0, total);

  const rows = await session.bulkLoad(tables, async (tx) => {
    const loader = new CopyLoader({
      tx,
      tenantId,
      hlc: encodeClock({ wallMs: 0, counter: 0 }, deviceId),
      chunkRows,
      onCopied: (count) => {
        done += count;
        options.onProgress?.(done, total);
      },
    });
    await copyLocations(loader.table('locations', locationFields), locations);
    await copyPlan(
      {
        programs: loader.table('programs', programFields),
        trials: loader.table('trials', trialFields),
        studies: loader.table('studies', studyFields),
        germplasm: loader.table('germplasm', germplasmFields),
      },
      plan,
    );
    await copyVariables(loader.table('observation_variables', variableFields), variables);
    const studyVariables = loader.table('study_variables', ['study_id', 'variable_id', 'position']);
    for (const study of plan.studies) {
      for (const [i, variable] of variables.entries()) await studyVariables.add(newId(), [study.id, variable.id, i + 1]);
    }
    await copyStock(
      { batches: loader.table('stock_batches', batchFields), movements: loader.table('stock_movements', movementFields) },
      stock,
      userId,
      deviceId,
    );
    const units = loader.table('observation_units', unitFields);
    const observations = loader.table('observations', observationFields);
    for (const study of plan.studies) {
      const plots = layOutPlots(study, root.fork(`plots:${study.index}`));
      await copyPlots(units, study, plots);
      const source = { study, plots, variables, plan: observationPlan, collectorId: userId, deviceId };
      await copyObservations(observations, source, root.fork(`observations:${study.index}`));
    }
    return loader.finish();
  });

  const seconds = (performance.now() - started) / 1000;
  const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return { rows, totalRows, seconds, rowsPerSecond: seconds > 0 ? totalRows / seconds : totalRows };
}
