import { newId } from '../../common/ids';
import type { MovementKind, StockUnit } from '../../common/vocabulary';
import type { TableCopy } from './csv-rows';
import type { DemoLocation } from './demo-locations';
import type { DemoStudy } from './demo-trials';
import type { SeededRandom } from './seeded-random';

export interface DemoBatch {
  id: string;
  code: string;
  barcode: string;
  germplasmId: string;
  unit: Extract<StockUnit, 'seeds' | 'grams'>;
  source: string;
  receivedOn: string;
  unitCost: string;
}

export interface DemoMovement {
  id: string;
  batchId: string;
  kind: MovementKind;
  quantity: number;
  fromId: string | null;
  toId: string | null;
  occurredAtMs: number;
  reason: string | null;
  studyId: string | null;
}

export interface DemoStock {
  batches: DemoBatch[];
  movements: DemoMovement[];
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const sources = ['Harvest 2025, GH2', 'Breeding nursery 2025', 'Partner exchange', 'Gene bank request', 'Seed increase 2025, GH3'];
const disposeReasons = ['Germination below 60%', 'Mould in the packet', 'Past its storage life'];

/**
 * Seed lots of entries in the studies, each with a plausible history: received into a bin, moved
 * between bins, for most sown into the study that tests it, and now and then disposed of. Every
 * movement takes at most what its source location holds, so no balance ever goes negative.
 */
export function buildStock(
  studies: readonly DemoStudy[],
  bins: readonly DemoLocation[],
  lotCount: number,
  random: SeededRandom,
): DemoStock {
  const batches: DemoBatch[] = [];
  const movements: DemoMovement[] = [];
  for (let i = 0; i < lotCount; i++) {
    const study = studies[i % studies.length];
    if (!study) break;
    const germplasm = random.pick(study.germplasm);
    const unit = random.chance(0.6) ? 'seeds' : 'grams';
    const number = String(i + 1).padStart(3, '0');
    let at = Date.UTC(2025, 7, 15) + random.int(0, 100) * dayMs + random.int(8, 15) * hourMs;
    const batch: DemoBatch = {
      id: newId(),
      code: `SL-2026-${number}`,
      barcode: `SL2026${number}`,
      germplasmId: germplasm.id,
      unit,
      source: random.pick(sources),
      receivedOn: new Date(at).toISOString().slice(0, 10),
      unitCost: unit === 'seeds' ? '0.004' : '0.12',
    };
    batches.push(batch);
    const holdings = new Map<string, number>();
    const move = (kind: MovementKind, quantity: number, fromId: string | null, toId: string | null, extra?: Partial<DemoMovement>): void => {
      if (fromId) holdings.set(fromId, (holdings.get(fromId) ?? 0) - quantity);
      if (toId) holdings.set(toId, (holdings.get(toId) ?? 0) + quantity);
      movements.push({ id: newId(), batchId: batch.id, kind, quantity, fromId, toId, occurredAtMs: at, reason: null, studyId: null, ...extra });
    };
    const heldAt = (): [string, number] => {
      const held = [...holdings].filter(([, quantity]) => quantity > 0);
      return random.pick(held.length > 0 ? held : [['', 0]]);
    };

    const received = unit === 'seeds' ? random.int(16, 120) * 50 : random.int(200, 2500);
    move('receive', received, null, random.pick(bins).id, { reason: 'Received into store' });
    const transfers = random.int(1, 3);
    for (let t = 0; t < transfers; t++) {
      at += random.int(3, 25) * dayMs + random.int(0, 6) * hourMs;
      const [fromId, held] = heldAt();
      const targets = bins.filter((b) => b.id !== fromId);
      const quantity = random.chance(0.5) ? held : Math.max(1, Math.round(held * random.float(0.3, 0.7)));
      if (fromId && quantity > 0) move('transfer', quantity, fromId, random.pick(targets).id, { reason: 'Reorganised the store' });
    }
    if (random.chance(0.6)) {
      at = Math.max(at + dayMs, study.sowingMs - random.int(1, 4) * dayMs + 7 * hourMs);
      const [fromId, held] = heldAt();
      const wanted = unit === 'seeds' ? 4 * random.int(50, 70) : 4 * random.int(12, 18);
      const quantity = Math.min(held, wanted);
      if (fromId && quantity > 0) move('sow', quantity, fromId, null, { studyId: study.id, reason: `Sown for ${study.name}` });
    }
    if (random.chance(0.15)) {
      at += random.int(10, 60) * dayMs;
      const [fromId, held] = heldAt();
      const quantity = random.chance(0.5) ? held : Math.max(1, Math.round(held * random.float(0.1, 0.5)));
      if (fromId && quantity > 0) move('dispose', quantity, fromId, null, { reason: random.pick(disposeReasons) });
    }
  }
  return { batches, movements };
}

export const batchFields = ['code', 'barcode', 'kind', 'germplasm_id', 'unit', 'source', 'received_on', 'unit_cost'] as const;
export const movementFields = [
  'batch_id', 'kind', 'quantity', 'from_location_id', 'to_location_id', 'occurred_at', 'reason', 'study_id', 'recorded_by', 'device_id',
] as const;

export interface StockTables {
  batches: TableCopy<'stock_batches'>;
  movements: TableCopy<'stock_movements'>;
}

export async function copyStock(tables: StockTables, stock: DemoStock, recordedBy: string, deviceId: string): Promise<void> {
  for (const b of stock.batches) {
    await tables.batches.add(b.id, [b.code, b.barcode, 'seed-lot', b.germplasmId, b.unit, b.source, b.receivedOn, b.unitCost]);
  }
  for (const m of stock.movements) {
    await tables.movements.add(m.id, [
      m.batchId, m.kind, m.quantity, m.fromId, m.toId, new Date(m.occurredAtMs).toISOString(), m.reason, m.studyId, recordedBy, deviceId,
    ]);
  }
}
