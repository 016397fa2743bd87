// A small station for stock tests: a location tree, a germplasm entry and a study with plots,
// made through the same services the app uses.
import { newId } from '../../common/ids';
import type { MovementResult } from '../../common/stock/stock-results';
import type { StationSession } from '../../main/stations/station-session';
import { createLocation } from '../../main/stock/locations';
import { receiveBatch } from '../../main/stock/movements';

export interface StockSite {
  stationId: string;
  greenhouseId: string;
  benchId: string;
  /** Bins on the bench: BIN-A, BIN-B, BIN-C. */
  binIds: Record<'A' | 'B' | 'C', string>;
  /** A second greenhouse with one bin: GH2, BIN-D. */
  otherGreenhouseId: string;
  otherBinId: string;
  germplasmId: string;
  studyId: string;
  plots: number;
}

/** The tree ST → GH1 → GH1-B1 → BIN-A/B/C, and ST → GH2 → BIN-D; germplasm Apex; a study of 4 plots. */
export async function seedStockSite(session: StationSession, prefix = ''): Promise<StockSite> {
  const make = async (parentId: string | null, kind: 'station' | 'greenhouse' | 'bench' | 'bin', code: string, name: string): Promise<string> =>
    (await createLocation(session, { parentId, kind, code: `${prefix}${code}`, name })).id;
  const stationId = await make(null, 'station', 'ST', 'North station');
  const greenhouseId = await make(stationId, 'greenhouse', 'GH1', 'Greenhouse 1');
  const benchId = await make(greenhouseId, 'bench', 'GH1-B1', 'Bench 1');
  const binIds = {
    A: await make(benchId, 'bin', 'BIN-A', 'Bin A'),
    B: await make(benchId, 'bin', 'BIN-B', 'Bin B'),
    C: await make(benchId, 'bin', 'BIN-C', 'Bin C'),
  };
  const otherGreenhouseId = await make(stationId, 'greenhouse', 'GH2', 'Greenhouse 2');
  const otherBinId = await make(otherGreenhouseId, 'bin', 'BIN-D', 'Bin D');
  const germplasmId = newId();
  const trialId = newId();
  const studyId = newId();
  const plots = 4;
  await session.write([
    { entity: 'germplasm', operation: 'insert', rowId: germplasmId, fields: { name: 'Apex' } },
    { entity: 'trials', operation: 'insert', rowId: trialId, fields: { name: 'Wheat 2026' } },
    { entity: 'studies', operation: 'insert', rowId: studyId, fields: { trial_id: trialId, location_id: stationId, name: 'Wheat at North' } },
    ...Array.from({ length: plots }, (_, i) => ({
      entity: 'observation_units' as const,
      operation: 'insert' as const,
      rowId: newId(),
      fields: { study_id: studyId, kind: 'plot', plot_number: i + 1 },
    })),
  ]);
  return { stationId, greenhouseId, benchId, binIds, otherGreenhouseId, otherBinId, germplasmId, studyId, plots };
}

/** Receives a seed lot (seeds, unit cost 0.25) into a bin. */
export function receiveSeedLot(
  session: StationSession,
  site: StockSite,
  code: string,
  quantity: number,
  location: string,
  occurredAt = '2026-03-01T08:00:00Z',
): Promise<MovementResult> {
  return receiveBatch(session, {
    code,
    barcode: `${code.replace(/-/g, '')}X`,
    kind: 'seed-lot',
    germplasmId: site.germplasmId,
    unit: 'seeds',
    quantity,
    location,
    source: 'Harvest 2025',
    unitCost: '0.25',
    occurredAt,
  });
}
