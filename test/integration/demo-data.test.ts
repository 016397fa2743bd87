import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationSummary } from '../../common/api-contract';
import { encodeClock } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import { checkValue, type Scale } from '../../common/scale-validation';
import { scaleTypes, type ScaleType } from '../../common/vocabulary';
import { loadDemoData, type DemoDataOptions, type DemoDataReport } from '../../main/demo/demo-data';
import { createLogger } from '../../main/logger';
import { stationFolder, writeStationFile } from '../../main/stations/station-files';
import { StationSession } from '../../main/stations/station-session';

const logger = createLogger('demo-data-test', 'warn');
let dataFolder = '';
const sessions: StationSession[] = [];

async function demoStation(options: DemoDataOptions): Promise<{ session: StationSession; report: DemoDataReport }> {
  const station: StationSummary = { id: newId(), name: 'Demo station', origin: 'demo', createdAt: new Date().toISOString() };
  await writeStationFile(dataFolder, station);
  const session = await StationSession.open(stationFolder(dataFolder, station.id), station, { logger });
  sessions.push(session);
  return { session, report: await loadDemoData(session, options) };
}

interface ObservationRow {
  study: string;
  plot_number: number;
  variable: string;
  timepoint: string | null;
  value: string;
  value_number: number | null;
  observed_at: Date;
}

type Ring = [number, number][];

function bounds(ring: Ring): { west: number; east: number; south: number; north: number } {
  const lons = ring.map(([lon]) => lon);
  const lats = ring.map(([, lat]) => lat);
  return { west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats) };
}

const observationsInOrder = `
  SELECT s.name AS study, u.plot_number, v.name AS variable, o.timepoint, o.value, o.value_number, o.observed_at
    FROM observations o
    JOIN observation_units u ON u.id = o.unit_id
    JOIN studies s ON s.id = u.study_id
    JOIN observation_variables v ON v.id = o.variable_id
   ORDER BY s.name, u.plot_number, v.name, o.timepoint NULLS FIRST`;

const plotsInOrder = `
  SELECT s.name AS study, u.plot_number, u.replicate, u.position_row, u.position_column, u.entry_number, u.barcode,
         g.name AS germplasm
    FROM observation_units u JOIN studies s ON s.id = u.study_id JOIN germplasm g ON g.id = u.germplasm_id
   ORDER BY s.name, u.plot_number`;

beforeAll(async () => {
  dataFolder = await mkdtemp(join(tmpdir(), 'field-station-demo-'));
});

afterAll(async () => {
  for (const session of sessions) await session.close();
  if (dataFolder) await rm(dataFolder, { recursive: true, force: true });
}, 60_000);

describe('the default demo station', () => {
  let demo: StationSession;
  let again: StationSession;
  let report: DemoDataReport;

  beforeAll(async () => {
    ({ session: demo, report } = await demoStation({ seed: 1 }));
    ({ session: again } = await demoStation({ seed: 1 }));
  }, 120_000);

  it('has 2 trials, each with one RCBD study of 4 replicates × 120 entries', async () => {
    const trials = await demo.replica.query<{ name: string; studies: number; plots: number }>(
      `SELECT t.name, count(DISTINCT s.id)::int AS studies, count(u.id)::int AS plots
         FROM trials t JOIN studies s ON s.trial_id = t.id JOIN observation_units u ON u.study_id = s.id
        GROUP BY t.name ORDER BY t.name`,
    );
    expect(trials).toHaveLength(2);
    for (const trial of trials) expect(trial).toMatchObject({ studies: 1, plots: 480 });

    const reps = await demo.replica.query<{ study_id: string; replicate: number; plots: number; entries: number; germplasm: string[] }>(
      `SELECT study_id, replicate, count(*)::int AS plots, count(DISTINCT germplasm_id)::int AS entries,
              array_agg(DISTINCT germplasm_id ORDER BY germplasm_id)::text[] AS germplasm
         FROM observation_units GROUP BY study_id, replicate ORDER BY study_id, replicate`,
    );
    expect(reps).toHaveLength(8);
    for (const rep of reps) expect(rep).toMatchObject({ plots: 120, entries: 120 });
    const first = reps.filter((r) => r.study_id === reps[0]?.study_id);
    expect(first.map((r) => r.replicate)).toEqual([1, 2, 3, 4]);
    for (const rep of first) expect(rep.germplasm).toEqual(first[0]?.germplasm);
    const names = await demo.replica.query<{ names: number; accessions: number }>(
      `SELECT count(DISTINCT g.name)::int AS names, count(DISTINCT g.accession_number)::int AS accessions
         FROM observation_units u JOIN germplasm g ON g.id = u.germplasm_id`,
    );
    expect(names[0], 'every entry of both trials has its own name and accession').toEqual({ names: 240, accessions: 240 });

    const plotNumbers = await demo.replica.query<{ distinct_numbers: number; low: number; high: number }>(
      `SELECT count(DISTINCT (study_id, plot_number))::int AS distinct_numbers, min(plot_number) AS low, max(plot_number) AS high
         FROM observation_units`,
    );
    expect(plotNumbers[0]).toEqual({ distinct_numbers: 960, low: 1, high: 480 });
  });

  it('scores 8 variables covering every scale type except photo, linked to each study in order', async () => {
    const variables = await demo.replica.query<{ scale_type: ScaleType }>('SELECT scale_type FROM observation_variables');
    expect(variables).toHaveLength(8);
    expect(new Set(variables.map((v) => v.scale_type))).toEqual(new Set(scaleTypes.filter((t) => t !== 'photo')));
    const links = await demo.replica.query<{ positions: number[] }>(
      'SELECT array_agg(position ORDER BY position) AS positions FROM study_variables GROUP BY study_id',
    );
    expect(links.map((l) => l.positions)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8]]);
  });

  it('fills about 30% of the plot × variable cells, once each, by this user on this device', async () => {
    const [counts] = await demo.replica.query<{ observations: number; cells: number; plots: number; mine: number }>(
      `SELECT count(*)::int AS observations, count(DISTINCT (unit_id, variable_id))::int AS cells,
              (SELECT count(*)::int FROM observation_units) AS plots,
              count(*) FILTER (WHERE collector_id = $1 AND device_id = $2)::int AS mine
         FROM observations`,
      [demo.identity.userId, demo.identity.deviceId],
    );
    const fill = (counts?.observations ?? 0) / ((counts?.plots ?? 1) * 8);
    expect(fill).toBeGreaterThanOrEqual(0.25);
    expect(fill).toBeLessThanOrEqual(0.35);
    expect(counts?.cells).toBe(counts?.observations);
    expect(counts?.mine).toBe(counts?.observations);
    expect(report.rows['observations']).toBe(counts?.observations);
  });

  it('records every value in the canonical form its variable scale accepts', async () => {
    const scales = await demo.replica.query<{
      id: string; name: string; scale_type: ScaleType; unit: string | null; minimum: number | null; maximum: number | null;
      decimal_places: number | null; categories: { value: string; label: string }[] | null;
    }>('SELECT id, name, scale_type, unit, minimum, maximum, decimal_places, categories FROM observation_variables');
    const byId = new Map<string, Scale>(
      scales.map((s) => [
        s.id,
        { name: s.name, scaleType: s.scale_type, unit: s.unit, minimum: s.minimum, maximum: s.maximum, decimalPlaces: s.decimal_places, categories: s.categories },
      ]),
    );
    const observations = await demo.replica.query<{ variable_id: string; value: string; value_number: number | null }>(
      'SELECT variable_id, value, value_number FROM observations',
    );
    const problems: string[] = [];
    for (const o of observations) {
      const scale = byId.get(o.variable_id);
      const checked = scale ? checkValue(scale, o.value) : { ok: false as const, message: 'unknown variable' };
      if (!checked.ok) problems.push(checked.message);
      else if (checked.value !== o.value || checked.numeric !== o.value_number) problems.push(`${scale?.name}: ${o.value} / ${o.value_number}`);
    }
    expect(problems).toEqual([]);
    const remarks = observations.filter((o) => o.value.includes('\n') || o.value.includes('"'));
    expect(remarks.length).toBeGreaterThan(0);
  });

  it('has 60 seed lots whose balances never go negative, overall or in any location', async () => {
    const lots = await demo.replica.query<{ kind: string }>('SELECT kind FROM stock_batches');
    expect(lots).toHaveLength(60);
    expect(new Set(lots.map((l) => l.kind))).toEqual(new Set(['seed-lot']));
    const movements = await demo.replica.query<{
      batch_id: string; kind: string; quantity: string; from_location_id: string | null; to_location_id: string | null; study_id: string | null;
    }>('SELECT batch_id, kind, quantity, from_location_id, to_location_id, study_id FROM stock_movements ORDER BY batch_id, occurred_at, id');
    const balances = new Map<string, number>();
    const negative: string[] = [];
    const add = (key: string, delta: number): void => {
      const balance = (balances.get(key) ?? 0) + delta;
      balances.set(key, balance);
      if (balance < 0) negative.push(key);
    };
    for (const m of movements) {
      const quantity = Number(m.quantity);
      expect(quantity).toBeGreaterThan(0);
      if (m.kind === 'receive') add(m.batch_id, quantity);
      if (m.kind === 'sow' || m.kind === 'dispose') add(m.batch_id, -quantity);
      if (m.from_location_id) add(`${m.batch_id}@${m.from_location_id}`, -quantity);
      if (m.to_location_id) add(`${m.batch_id}@${m.to_location_id}`, quantity);
      if (m.kind === 'sow') expect(m.study_id).not.toBeNull();
    }
    expect(negative).toEqual([]);
    expect(new Set(movements.map((m) => m.kind))).toEqual(new Set(['receive', 'transfer', 'sow', 'dispose']));
    expect(new Set(movements.map((m) => m.batch_id)).size).toBe(60);
  });

  it('draws every greenhouse, compartment, bench and bin as a polygon', async () => {
    const locations = await demo.replica.query<{ kind: string; code: string; geometry_type: string | null }>(
      `SELECT kind, code, geometry->>'type' AS geometry_type FROM locations WHERE kind <> 'station' ORDER BY code`,
    );
    expect(locations.filter((l) => l.kind === 'greenhouse').map((l) => l.code)).toEqual(['GH1', 'GH2', 'GH3']);
    expect(new Set(locations.map((l) => l.kind))).toEqual(new Set(['greenhouse', 'compartment', 'bench', 'bin']));
    expect(locations.filter((l) => l.geometry_type !== 'Polygon')).toEqual([]);
    expect(locations.map((l) => l.code)).toContain('GH1-C2-B03-BIN2');

    const nested = await demo.replica.query<{ code: string; child: Ring; parent: Ring }>(
      `SELECT c.code, c.geometry->'coordinates'->0 AS child, p.geometry->'coordinates'->0 AS parent
         FROM locations c JOIN locations p ON p.id = c.parent_id`,
    );
    expect(nested).toHaveLength(locations.length);
    const outside = nested.filter(({ child, parent }) => {
      const [c, p] = [bounds(child), bounds(parent)];
      return c.west < p.west || c.east > p.east || c.south < p.south || c.north > p.north;
    });
    expect(outside.map((l) => l.code)).toEqual([]);
  });

  it('stamps every row with the tenant and the zero clock of this device', async () => {
    const hlc = encodeClock({ wallMs: 0, counter: 0 }, demo.identity.deviceId);
    for (const table of ['locations', 'trials', 'observation_units', 'observations', 'stock_movements']) {
      const [row] = await demo.replica.query<{ odd: number }>(
        `SELECT count(*)::int AS odd FROM ${table} WHERE tenant_id <> $1 OR hlc <> $2`,
        [demo.identity.tenantId, hlc],
      );
      expect(row?.odd, table).toBe(0);
    }
  });

  it('refuses a plot count that cannot be split into 4 replicates, before writing anything', async () => {
    await expect(loadDemoData(demo, { seed: 1, plots: 962 })).rejects.toThrow(/multiple of 4/);
    await expect(loadDemoData(demo, { seed: 1, observations: -1 })).rejects.toThrow(/at least 0/);
  });

  it('gives the same content for the same seed', async () => {
    expect(await again.replica.query(plotsInOrder)).toEqual(await demo.replica.query(plotsInOrder));
    const first = await demo.replica.query<ObservationRow>(observationsInOrder);
    expect(await again.replica.query<ObservationRow>(observationsInOrder)).toEqual(first);
    const stock = `SELECT b.code, m.kind, m.quantity, m.occurred_at FROM stock_movements m JOIN stock_batches b ON b.id = m.batch_id
                    ORDER BY b.code, m.occurred_at`;
    expect(await again.replica.query(stock)).toEqual(await demo.replica.query(stock));
  });
});

describe('a larger generated station', () => {
  it('meets the requested 6,000 plots and 60,000 observations exactly, with repeated measures', async () => {
    const { session, report } = await demoStation({ seed: 7, plots: 6000, observations: 60_000 });
    const studies = await session.replica.query<{ plots: number }>(
      'SELECT count(*)::int AS plots FROM observation_units GROUP BY study_id ORDER BY 1',
    );
    expect(studies.map((s) => s.plots)).toEqual([3000, 3000]);
    const [counts] = await session.replica.query<{ observations: number; cells: number; timepoints: string[] }>(
      `SELECT count(*)::int AS observations, count(DISTINCT (unit_id, variable_id, timepoint))::int AS cells,
              array_agg(DISTINCT timepoint) AS timepoints
         FROM observations`,
    );
    expect(counts).toEqual({ observations: 60_000, cells: 60_000, timepoints: ['14 DAS', '28 DAS'] });
    expect(report.rows['observation_units']).toBe(6000);
    expect(report.totalRows).toBe(Object.values(report.rows).reduce((a, b) => a + b, 0));
  }, 120_000);
});
