// Stock convergence property test (issue 5, Tests): three replicas of one tenant record random
// movements offline (transfers that overdraw, sowings, splits, disposals, adjustments, new lots,
// many dated before movements already recorded) and sync in random order. Afterwards every
// replica's balances, now and as of any instant, equal the sums of the server's movements; and an
// as-of balance read mid-way changes later only by the movements dated up to its instant that
// arrived since. Each scenario is one seed:
//   STOCK_SEED=1234 npx vitest run test/integration/stock-convergence.test.ts
// replays that scenario alone. STOCK_SCENARIOS (default 3) and STOCK_FIRST_SEED (default 1) choose the seeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceKey, balancesOf, movementEffects, type MovementFact } from '../../common/stock/balances';
import { formatQuantity, toMilli } from '../../common/stock/quantity';
import { SeededRandom } from '../../main/demo/seeded-random';
import type { StationSession } from '../../main/stations/station-session';
import { pairBalances } from '../../main/stock/balance-queries';
import { moveStock, receiveBatch } from '../../main/stock/movements';
import { seedStockSite, type StockSite } from '../harness/stock-fixture';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

const replaySeed = process.env['STOCK_SEED'];
const scenarioCount = Number(process.env['STOCK_SCENARIOS'] ?? 3);
const firstSeed = Number(process.env['STOCK_FIRST_SEED'] ?? 1);
const seeds = replaySeed !== undefined ? [Number(replaySeed)] : Array.from({ length: scenarioCount }, (_, i) => firstSeed + i);
const steps = 36;

const dayMs = 86_400_000;
const start = Date.UTC(2026, 2, 1);
const instant = (rng: SeededRandom): string => new Date(start + rng.int(0, 30) * dayMs + rng.int(0, 23) * 3_600_000).toISOString();

type Balances = Record<string, string>;

function asRecord(balances: Map<string, number>, dropZeros: boolean): Balances {
  return Object.fromEntries([...balances].filter(([, m]) => !dropZeros || m !== 0).map(([key, m]) => [key, formatQuantity(m)] as const).sort());
}

async function replicaBalances(session: StationSession, asOf?: string, method: 'up-to' | 'now-minus-after' = 'now-minus-after'): Promise<Balances> {
  const rows = await pairBalances(session.replica, { asOf: asOf ?? null, method });
  return Object.fromEntries(rows.map((r) => [balanceKey(r.batch_id, r.location_id), formatQuantity(toMilli(r.quantity))] as const).sort());
}

async function replicaMovements(session: StationSession): Promise<MovementFact[]> {
  const rows = await session.replica.query<{ id: string; batch_id: string; quantity: string; from_location_id: string | null; to_location_id: string | null; occurred_at: Date }>(
    'SELECT id, batch_id, quantity::text AS quantity, from_location_id, to_location_id, occurred_at FROM stock_movements',
  );
  return rows.map((r) => ({ id: r.id, batchId: r.batch_id, quantity: toMilli(r.quantity), fromLocationId: r.from_location_id, toLocationId: r.to_location_id, occurredAt: r.occurred_at.getTime() }));
}

interface Lot {
  id: string;
  unit: 'seeds' | 'grams';
}

/** One random movement on one replica, through the service API (every input valid; balances may go negative). */
async function randomMovement(rng: SeededRandom, session: StationSession, site: StockSite, lots: Lot[], label: string): Promise<void> {
  const bins = [site.binIds.A, site.binIds.B, site.binIds.C, site.otherBinId];
  const lot = rng.pick(lots);
  const amount = lot.unit === 'seeds' ? String(rng.int(1, 400)) : (rng.int(1, 400_000) / 1000).toFixed(3);
  const from = rng.pick(bins);
  const occurredAt = instant(rng);
  const kind = rng.pick(['transfer', 'transfer', 'transfer', 'sow', 'dispose', 'adjust', 'receive', 'split'] as const);
  switch (kind) {
    case 'transfer':
      await moveStock(session, { kind, batch: lot.id, from, to: rng.pick(bins.filter((b) => b !== from)), quantity: amount, occurredAt });
      return;
    case 'sow':
      await moveStock(session, { kind, batch: lot.id, from, studyId: site.studyId, quantityPerPlot: amount, plots: rng.int(1, 3), occurredAt });
      return;
    case 'dispose':
      await moveStock(session, { kind, batch: lot.id, from, quantity: amount, reason: 'Mould', occurredAt });
      return;
    case 'adjust':
      await moveStock(session, { kind, batch: lot.id, location: from, quantity: rng.chance(0.5) ? amount : `-${amount}`, reason: 'Recount', occurredAt });
      return;
    case 'receive': {
      const unit = rng.chance(0.5) ? 'seeds' : 'grams';
      const received = await receiveBatch(session, {
        code: `LOT-${label}`, kind: 'seed-lot', germplasmId: site.germplasmId, unit, quantity: unit === 'seeds' ? rng.int(100, 2000) : '750.125', location: from, occurredAt,
      });
      lots.push({ id: received.batch.id, unit });
      return;
    }
    case 'split': {
      const split = await moveStock(session, { kind, batch: lot.id, from, quantity: amount, newCode: `SPLIT-${label}`, to: rng.pick(bins), occurredAt });
      if (split.newBatch) lots.push({ id: split.newBatch.id, unit: lot.unit });
      return;
    }
  }
}

describe('stock balances converge across replicas', () => {
  let harness: SyncServerHarness;

  beforeAll(async () => {
    harness = await startSyncServerHarness();
  });
  afterAll(async () => harness?.stop());

  it.each(seeds)('scenario %i: every replica’s balances, now and as of any date, are the sums of the server’s movements', async (seed) => {
    const rng = new SeededRandom(seed);
    const tenantId = await harness.createTenant(`Stock ${seed}`);
    const userId = await harness.createUser(tenantId, 'station-manager');
    const replicas: SyncedStation[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const station = await SyncedStation.create(`stock-convergence-${seed}-${i}`);
        replicas.push(station);
        await station.connect(harness, tenantId, userId);
      }
      const [first] = replicas as [SyncedStation];
      const site = await seedStockSite(first.session);
      const lots: Lot[] = [];
      for (const [i, unit] of (['seeds', 'grams'] as const).entries()) {
        const received = await receiveBatch(first.session, {
          code: `LOT-${i}`, kind: 'seed-lot', germplasmId: site.germplasmId, unit, quantity: unit === 'seeds' ? 5000 : '2500.5', location: 'BIN-A', occurredAt: new Date(start).toISOString(),
        });
        lots.push({ id: received.batch.id, unit });
      }
      for (const station of replicas) await station.sync();
      // Each replica knows the lots it has seen: it starts from the shared ones and adds its own.
      const known = replicas.map(() => [...lots]);

      const probe = { asOf: new Date(start + 15 * dayMs).toISOString(), replica: rng.int(0, 2), balances: {} as Balances, seen: new Set<string>() };
      for (let step = 0; step < steps; step++) {
        if (step === steps / 2) {
          const session = (replicas[probe.replica] as SyncedStation).session;
          probe.balances = await replicaBalances(session, probe.asOf);
          probe.seen = new Set((await replicaMovements(session)).map((m) => m.id));
        }
        const r = rng.int(0, 2);
        const station = replicas[r] as SyncedStation;
        if (rng.chance(0.3)) {
          await station.sync();
          const ids = new Set((await station.session.replica.query<{ id: string }>('SELECT id FROM stock_batches')).map((b) => b.id));
          known[r] = [...new Set([...(known[r] ?? []), ...known.flat()])].filter((lot) => ids.has(lot.id));
        } else {
          await randomMovement(rng, station.session, site, known[r] ?? lots, `${seed}-${step}`);
        }
      }
      for (let round = 0; round < 2; round++) for (const station of rng.shuffle(replicas)) await station.sync();

      const serverRows = await harness.owner.query<{ id: string; batch_id: string; quantity: string; from_location_id: string | null; to_location_id: string | null; occurred_at: Date }>(
        'SELECT id, batch_id, quantity::text AS quantity, from_location_id, to_location_id, occurred_at FROM stock_movements WHERE tenant_id = $1',
        [tenantId],
      );
      const server: MovementFact[] = serverRows.rows.map((r) => ({
        id: r.id, batchId: r.batch_id, quantity: toMilli(r.quantity), fromLocationId: r.from_location_id, toLocationId: r.to_location_id, occurredAt: r.occurred_at.getTime(),
      }));
      const instants = [probe.asOf, ...Array.from({ length: 4 }, () => instant(rng)), new Date(start - dayMs).toISOString()];
      for (const [i, station] of replicas.entries()) {
        const where = `replica ${i}`;
        expect((await replicaMovements(station.session)).length, where).toBe(server.length);
        expect(await replicaBalances(station.session), where).toEqual(asRecord(balancesOf(server), false));
        for (const asOf of instants) {
          const expected = asRecord(balancesOf(server, Date.parse(asOf)), true);
          expect(await replicaBalances(station.session, asOf, 'now-minus-after'), `${where} as of ${asOf}`).toEqual(expected);
          expect(await replicaBalances(station.session, asOf, 'up-to'), `${where} as of ${asOf}, summed up to it`).toEqual(expected);
        }
      }

      // The mid-way as-of balance moved only by the movements dated up to its instant that arrived since.
      const arrived = server.filter((m) => !probe.seen.has(m.id) && m.occurredAt <= Date.parse(probe.asOf));
      const moved = new Map<string, number>(Object.entries(probe.balances).map(([key, q]) => [key, toMilli(q)]));
      for (const m of arrived) for (const e of movementEffects(m)) moved.set(balanceKey(m.batchId, e.locationId), (moved.get(balanceKey(m.batchId, e.locationId)) ?? 0) + e.delta);
      expect(await replicaBalances((replicas[probe.replica] as SyncedStation).session, probe.asOf)).toEqual(asRecord(moved, true));
      expect(server.some((m) => !probe.seen.has(m.id) && m.occurredAt > Date.parse(probe.asOf))).toBe(true);
      const negative = [...balancesOf(server).values()].filter((m) => m < 0).length;
      console.log(`stock convergence seed ${seed}: ${server.length} movements, ${negative} balances below zero, ${arrived.length} earlier-dated movements arrived after the mid-way read`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`stock convergence failed for seed ${seed} (replay: STOCK_SEED=${seed} npx vitest run test/integration/stock-convergence.test.ts)\n${message}`, { cause: error });
    } finally {
      for (const station of replicas) await station.close();
    }
  });
});
