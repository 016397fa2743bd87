// Generated stock for the stock benchmark: a realistic location tree (two stations, greenhouses,
// compartments, benches, bins and a seed store), batches of every kind with lineage, and each
// batch's movement history over two years, loaded with COPY in one bulk transaction.
import { encodeClock } from '../common/hybrid-clock';
import { newId } from '../common/ids';
import { formatQuantity, type Milli } from '../common/stock/quantity';
import type { BatchKind, LocationKind, MovementKind, StockUnit } from '../common/vocabulary';
import { CopyLoader } from '../main/demo/csv-rows';
import { SeededRandom } from '../main/demo/seeded-random';
import type { StationSession } from '../main/stations/station-session';

export interface StockBenchSize {
  batches: number;
  movementsPerBatch: number;
}

interface Location {
  id: string;
  parentId: string | null;
  kind: LocationKind;
  code: string;
  name: string;
}

export interface GeneratedStock {
  mainStationId: string;
  locations: Location[];
  bins: Location[];
  movements: number;
  batches: number;
  studies: string[];
  /** The last instant any movement is dated at. */
  lastAt: number;
}

function buildTree(): { locations: Location[]; mainStationId: string } {
  const locations: Location[] = [];
  const add = (parent: Location | null, kind: LocationKind, code: string, name: string): Location => {
    const location = { id: newId(), parentId: parent?.id ?? null, kind, code, name };
    locations.push(location);
    return location;
  };
  const main = add(null, 'station', 'NS', 'North station');
  for (let g = 1; g <= 4; g++) {
    const gh = add(main, 'greenhouse', `NS-GH${g}`, `Greenhouse ${g}`);
    for (let c = 1; c <= 4; c++) {
      const compartment = add(gh, 'compartment', `${gh.code}-C${c}`, `Greenhouse ${g}, compartment ${c}`);
      for (let b = 1; b <= 6; b++) {
        const bench = add(compartment, 'bench', `${compartment.code}-B${b}`, `Bench ${b}`);
        for (let n = 1; n <= 4; n++) add(bench, 'bin', `${bench.code}-BIN${n}`, `Bin ${n}`);
      }
    }
  }
  const store = add(main, 'compartment', 'NS-STORE', 'Seed store');
  for (let s = 1; s <= 10; s++) {
    const shelf = add(store, 'bench', `NS-STORE-S${s}`, `Shelf ${s}`);
    for (let n = 1; n <= 20; n++) add(shelf, 'bin', `${shelf.code}-BOX${n}`, `Box ${n}`);
  }
  const south = add(null, 'station', 'SS', 'South outstation');
  const field = add(south, 'field', 'SS-F1', 'Field 1');
  for (let n = 1; n <= 16; n++) add(field, 'bin', `SS-F1-BIN${n}`, `Field bin ${n}`);
  const gh = add(south, 'greenhouse', 'SS-GH1', 'South greenhouse');
  for (let c = 1; c <= 2; c++) {
    for (let b = 1; b <= 4; b++) {
      const bench = add(gh, 'bench', `SS-GH1-C${c}B${b}`, `Bench ${c}.${b}`);
      for (let n = 1; n <= 4; n++) add(bench, 'bin', `${bench.code}-BIN${n}`, `Bin ${n}`);
    }
  }
  return { locations, mainStationId: main.id };
}

const dayMs = 86_400_000;
const kinds: [BatchKind, StockUnit[]][] = [
  ['seed-lot', ['seeds', 'seeds', 'grams']],
  ['plant-batch', ['plants', 'trays']],
  ['tray', ['trays']],
];

/** Generates and loads the stock of the benchmark station; returns what the benchmark needs to know. */
export async function loadBenchStock(session: StationSession, size: StockBenchSize, seed = 5): Promise<GeneratedStock> {
  const rng = new SeededRandom(seed);
  const { locations, mainStationId } = buildTree();
  const bins = locations.filter((l) => l.kind === 'bin');
  const storeBins = bins.filter((b) => b.code.startsWith('NS-STORE'));
  const mainBins = bins.filter((b) => b.code.startsWith('NS') && !storeBins.includes(b));
  const southBins = bins.filter((b) => b.code.startsWith('SS'));
  const germplasm = Array.from({ length: 800 }, (_, i) => ({ id: newId(), name: `Line ${String(i + 1).padStart(4, '0')}` }));
  const trialId = newId();
  const studies = Array.from({ length: 40 }, () => newId());
  const { tenantId, userId, deviceId } = session.identity;
  // Two years of history that ends before today: movements are never dated ahead.
  const end = Date.now() - 2 * dayMs;
  const start = end - 730 * dayMs;
  let lastAt = start;
  let movementCount = 0;
  let batchCount = 0;

  await session.bulkLoad(['locations', 'germplasm', 'trials', 'studies', 'stock_batches', 'stock_movements'], async (tx) => {
    const loader = new CopyLoader({ tx, tenantId, hlc: encodeClock({ wallMs: 0, counter: 0 }, deviceId), chunkRows: 50_000 });
    const locationTable = loader.table('locations', ['parent_id', 'kind', 'code', 'name']);
    for (const l of locations) await locationTable.add(l.id, [l.parentId, l.kind, l.code, l.name]);
    const germplasmTable = loader.table('germplasm', ['name']);
    for (const g of germplasm) await germplasmTable.add(g.id, [g.name]);
    await loader.table('trials', ['name']).add(trialId, ['Bench trial']);
    const studyTable = loader.table('studies', ['trial_id', 'location_id', 'name']);
    for (const [i, id] of studies.entries()) await studyTable.add(id, [trialId, mainStationId, `Study ${i + 1}`]);
    const batches = loader.table('stock_batches', ['code', 'barcode', 'kind', 'germplasm_id', 'unit', 'source', 'received_on', 'parent_batch_id', 'unit_cost']);
    const movements = loader.table('stock_movements', [
      'batch_id', 'kind', 'quantity', 'from_location_id', 'to_location_id', 'occurred_at', 'reason', 'study_id', 'recorded_by', 'device_id',
    ]);

    const history = async (parent: { id: string; kind: BatchKind; unit: StockUnit } | null, first: { at: number; to: string; quantity: Milli }): Promise<void> => {
      const number = ++batchCount;
      const kindUnits = parent ? ([parent.kind, [parent.unit]] as const) : rng.pick(kinds);
      const unit = rng.pick(kindUnits[1]);
      const kind = kindUnits[0];
      const id = newId();
      const code = `${kind === 'seed-lot' ? 'SL' : kind === 'plant-batch' ? 'PB' : 'TR'}-${String(number).padStart(5, '0')}`;
      const cost = unit === 'seeds' ? '0.004' : unit === 'grams' ? '0.12' : unit === 'plants' ? '0.35' : '2.50';
      await batches.add(id, [
        code, code.replace('-', ''), kind, kind === 'seed-lot' ? rng.pick(germplasm).id : null, unit, parent ? 'Split' : 'Harvest 2023',
        new Date(first.at).toISOString().slice(0, 10), parent?.id ?? null, cost,
      ]);
      const held = new Map<string, Milli>();
      let at = first.at;
      const move = async (kindOf: MovementKind, quantity: Milli, from: string | null, to: string | null, extra: { reason?: string; studyId?: string } = {}): Promise<void> => {
        if (from) held.set(from, (held.get(from) ?? 0) - quantity);
        if (to) held.set(to, (held.get(to) ?? 0) + quantity);
        lastAt = Math.max(lastAt, at);
        movementCount++;
        await movements.add(newId(), [
          id, kindOf, formatQuantity(quantity), from, to, new Date(at).toISOString(), extra.reason ?? null, extra.studyId ?? null, userId, deviceId,
        ]);
      };
      await move(parent ? 'split' : 'receive', first.quantity, null, first.to, { reason: parent ? `Split from ${parent.id}` : 'Received' });
      const step = unit === 'grams' ? 1 : 1000;
      const portion = (of: Milli, fraction: number): Milli => Math.max(step, Math.round((of * fraction) / step) * step);
      for (let e = 1; e < size.movementsPerBatch; e++) {
        at = Math.min(end, at + rng.int(1, 12) * dayMs + rng.int(0, 8) * 3_600_000);
        const holdings = [...held].filter(([, q]) => q > 0);
        if (holdings.length === 0) {
          await move('receive', first.quantity, null, first.to, { reason: 'Received again' });
          continue;
        }
        const [from, quantity] = rng.pick(holdings);
        // Stock mostly moves whole (a lot sits in one or two bins); now and then two devices both
        // moved the same stock offline and the balance goes below zero.
        const amount = rng.chance(0.003) ? quantity + portion(first.quantity, 0.2) : portion(quantity, rng.float(0.05, 0.4));
        const moved = rng.chance(0.85) ? quantity : amount;
        const draw = rng.next();
        // Seed stays in the seed store, plants in the greenhouses, the outstation's at the outstation.
        const ownBins = southBins.some((b) => b.id === from) ? southBins : storeBins.some((b) => b.id === from) && rng.chance(0.95) ? storeBins : mainBins;
        if (draw < 0.02 && batchCount < size.batches) {
          await move('split', amount, from, null, { reason: 'Split' });
          await history({ id, kind, unit }, { at, to: rng.pick(ownBins).id, quantity: amount });
        } else if (draw < 0.55) {
          await move('transfer', moved, from, rng.pick(rng.chance(0.97) ? ownBins : bins).id, { reason: 'Reorganised' });
        } else if (draw < 0.7 && kind === 'seed-lot') {
          await move('sow', amount, from, null, { studyId: rng.pick(studies), reason: 'Sown' });
        } else if (draw < 0.78) {
          await move('dispose', rng.chance(0.5) ? quantity : amount, from, null, { reason: 'Past its storage life' });
        } else if (draw < 0.88) {
          const loss = rng.chance(0.6);
          await move('adjust', portion(Math.max(quantity, 1000), 0.02), loss ? from : null, loss ? null : from, { reason: 'Monthly count' });
        } else {
          await move('receive', portion(first.quantity, 0.3), null, from, { reason: 'Top-up' });
        }
      }
    };

    while (batchCount < size.batches) {
      const to = rng.chance(0.1) ? rng.pick(southBins).id : rng.chance(0.32) ? rng.pick(storeBins).id : rng.pick(mainBins).id;
      const at = start + rng.int(0, 420) * dayMs + rng.int(7, 17) * 3_600_000;
      await history(null, { at, to, quantity: rng.int(5, 200) * 100_000 });
    }
    await loader.finish();
  });
  return { mainStationId, locations, bins, movements: movementCount, batches: batchCount, studies, lastAt };
}
