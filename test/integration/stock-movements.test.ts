import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balancesOf, type MovementFact } from '../../common/stock/balances';
import { formatQuantity, toMilli } from '../../common/stock/quantity';
import type { StationSession } from '../../main/stations/station-session';
import { pairBalances } from '../../main/stock/balance-queries';
import { archiveLocation, listLocationTree, moveLocation, renameLocation, setLocationOutline } from '../../main/stock/locations';
import { moveStock } from '../../main/stock/movements';
import { stockOnHand, stockOnHandCsv } from '../../main/stock/stock-on-hand';
import { batchDetail, findCode, stockExceptions, studyLots } from '../../main/stock/stock-reports';
import { openLocalStation } from '../harness/local-station';
import { receiveSeedLot, seedStockSite, type StockSite } from '../harness/stock-fixture';
import { makeTempFolder } from '../harness/temp-folder';

/** Every balance from the movements themselves, the definition the derived table must match. */
async function balancesFromMovements(session: StationSession, asOf?: string): Promise<Record<string, string>> {
  const rows = await session.replica.query<{ id: string; batch_id: string; quantity: string; from_location_id: string | null; to_location_id: string | null; occurred_at: Date }>(
    'SELECT id, batch_id, quantity::text AS quantity, from_location_id, to_location_id, occurred_at FROM stock_movements',
  );
  const facts: MovementFact[] = rows.map((r) => ({
    id: r.id, batchId: r.batch_id, quantity: toMilli(r.quantity), fromLocationId: r.from_location_id, toLocationId: r.to_location_id, occurredAt: r.occurred_at.getTime(),
  }));
  const balances = [...balancesOf(facts, asOf === undefined ? undefined : Date.parse(asOf))];
  // As of an instant, pairs at zero are left out (see BalanceScope.asOf).
  return Object.fromEntries(balances.filter(([, milli]) => asOf === undefined || milli !== 0).map(([key, milli]) => [key, formatQuantity(milli)]).sort());
}

async function balancesFromQuery(session: StationSession, asOf?: string, method: 'up-to' | 'now-minus-after' = 'now-minus-after'): Promise<Record<string, string>> {
  const rows = await pairBalances(session.replica, { asOf: asOf ?? null, method });
  return Object.fromEntries(rows.map((r) => [`${r.batch_id}|${r.location_id}`, formatQuantity(toMilli(r.quantity))] as const).sort());
}

describe('stock movements and balances', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;
  let site: StockSite;

  beforeAll(async () => {
    temp = await makeTempFolder('stock-movements');
    session = await openLocalStation(temp.path);
    site = await seedStockSite(session);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('receives a seed lot into a bin, with its ledger saying who, when and on which device', async () => {
    const received = await receiveSeedLot(session, site, 'SL-001', 1000, 'BIN-A');
    expect(received.batch).toMatchObject({ code: 'SL-001', kind: 'seed-lot', unit: 'seeds', germplasmName: 'Apex', unitCost: 0.25, total: 1000 });
    expect(received.warnings).toEqual([]);
    const detail = await batchDetail(session, { batch: 'SL-001' });
    expect(detail.ledger).toEqual([
      expect.objectContaining({
        kind: 'receive', quantity: 1000, change: 1000, totalAfter: 1000, from: null, to: expect.objectContaining({ code: 'BIN-A' }),
        occurredAt: '2026-03-01T08:00:00.000Z', recordedBy: 'Station user', device: 'This computer', sync: 'pending',
      }),
    ]);
    expect(detail.balances).toEqual([{ location: expect.objectContaining({ code: 'BIN-A', path: 'ST / GH1 / GH1-B1 / BIN-A' }), quantity: 1000 }]);
  });

  it('transfers, sows per plot into a study, splits with lineage and disposes, each a movement of its own', async () => {
    await moveStock(session, { kind: 'transfer', batch: 'SL-001', from: 'BIN-A', to: 'BIN-B', quantity: 400, occurredAt: '2026-03-05T08:00:00Z' });
    const sown = await moveStock(session, { kind: 'sow', batch: 'SL001X', from: 'BIN-B', studyId: site.studyId, quantityPerPlot: 25, occurredAt: '2026-03-10T08:00:00Z' });
    expect(sown.movements).toEqual([expect.objectContaining({ kind: 'sow', quantity: 100, change: -100, study: { id: site.studyId, name: 'Wheat at North' } })]);
    expect(sown.movements[0]?.reason).toBe('Sown for Wheat at North: 4 plots × 25 seeds');
    const split = await moveStock(session, { kind: 'split', batch: 'SL-001', from: 'BIN-A', quantity: 200, newCode: 'SL-001-A', to: 'BIN-C', occurredAt: '2026-03-12T08:00:00Z' });
    expect(split.newBatch).toMatchObject({ code: 'SL-001-A', parentBatchCode: 'SL-001', germplasmName: 'Apex', unit: 'seeds', total: 200 });
    expect(split.batch.total).toBe(700);
    await moveStock(session, { kind: 'dispose', batch: 'SL-001', from: 'BIN-B', quantity: 50, reason: 'Mould in the packet', occurredAt: '2026-03-15T08:00:00Z' });

    const detail = await batchDetail(session, { batch: 'SL-001' });
    expect(detail.ledger.map((e) => [e.kind, e.change, e.totalAfter])).toEqual([
      ['receive', 1000, 1000], ['transfer', 0, 1000], ['sow', -100, 900], ['split', -200, 700], ['dispose', -50, 650],
    ]);
    expect(detail.children).toEqual([{ id: split.newBatch?.id, code: 'SL-001-A' }]);
    expect(detail.balances.map((b) => [b.location.code, b.quantity])).toEqual([['BIN-A', 400], ['BIN-B', 250]]);
    expect(await studyLots(session, { studyId: site.studyId })).toEqual([expect.objectContaining({ code: 'SL-001', sown: 100, sowings: 1 })]);
  });

  it('shows stock on hand per batch and location, rolled up to every ancestor, and as of any date', async () => {
    const now = await stockOnHand(session, { location: 'GH1' });
    expect(now.rows.map((r) => [r.batchCode, r.locationCode, r.quantity, r.value])).toEqual([
      ['SL-001', 'BIN-A', 400, 100], ['SL-001', 'BIN-B', 250, 62.5], ['SL-001-A', 'BIN-C', 200, 50],
    ]);
    const totals = Object.fromEntries(now.locationTotals.map((t) => [`${t.locationId}`, t.quantity]));
    expect(totals[site.benchId]).toBe(850);
    expect(totals[site.greenhouseId]).toBe(850);
    expect(totals[site.stationId]).toBeUndefined(); // above the subtree asked for
    expect(now.totals).toEqual([{ unit: 'seeds', quantity: 850, value: 212.5 }]);

    const early = await stockOnHand(session, { asOf: '2026-03-06T00:00:00Z' });
    expect(early.rows.map((r) => [r.locationCode, r.quantity])).toEqual([['BIN-A', 600], ['BIN-B', 400]]);
    const byStation = await stockOnHand(session, { location: 'ST', nonPositiveOnly: true });
    expect(byStation.rows).toEqual([]);
  });

  it('puts a movement recorded late at its place in time: as-of balances after it change, earlier ones do not', async () => {
    const before = await balancesFromQuery(session, '2026-03-06T00:00:00Z');
    const beforeEarly = await balancesFromQuery(session, '2026-03-02T00:00:00Z');
    // Recorded today, but it happened on 3 March.
    await moveStock(session, { kind: 'transfer', batch: 'SL-001', from: 'BIN-A', to: 'BIN-D', quantity: 100, occurredAt: '2026-03-03T12:00:00Z' });
    expect(await balancesFromQuery(session, '2026-03-02T00:00:00Z')).toEqual(beforeEarly);
    expect(await balancesFromQuery(session, '2026-03-02T00:00:00Z', 'up-to')).toEqual(beforeEarly);
    const after = await balancesFromQuery(session, '2026-03-06T00:00:00Z');
    expect(after).not.toEqual(before);
    for (const asOf of [undefined, '2026-03-01T08:00:00Z', '2026-03-04T00:00:00Z', '2026-03-12T08:00:00Z', '2027-01-01T00:00:00Z']) {
      const expected = await balancesFromMovements(session, asOf);
      expect(await balancesFromQuery(session, asOf, 'now-minus-after')).toEqual(expected);
      if (asOf !== undefined) expect(await balancesFromQuery(session, asOf, 'up-to')).toEqual(expected);
    }
  });

  it('finds a batch by code or barcode, a bin by code, and offers to create what matches nothing', async () => {
    expect((await findCode(session, { code: 'SL001X' })).matches).toEqual([{ type: 'batch', batch: expect.objectContaining({ code: 'SL-001' }) }]);
    expect((await findCode(session, { code: 'sl-001-a' })).matches).toEqual([{ type: 'batch', batch: expect.objectContaining({ code: 'SL-001-A' }) }]);
    expect((await findCode(session, { code: 'BIN-C' })).matches).toEqual([{ type: 'location', location: expect.objectContaining({ code: 'BIN-C', kind: 'bin' }) }]);
    const unknown = await findCode(session, { code: 'SL-999' });
    expect(unknown).toMatchObject({ matches: [], offerCreateBatch: true, message: expect.stringMatching(/Receive it as a new batch/) });
  });

  it('flags a balance two offline transfers drove below zero, naming both, and never refuses it', async () => {
    await receiveSeedLot(session, site, 'SL-002', 300, 'BIN-C', '2026-04-01T08:00:00Z');
    const first = await moveStock(session, { kind: 'transfer', batch: 'SL-002', from: 'BIN-C', to: 'BIN-A', quantity: 300, occurredAt: '2026-04-02T08:00:00Z' });
    const second = await moveStock(session, { kind: 'transfer', batch: 'SL-002', from: 'BIN-C', to: 'BIN-B', quantity: 300, occurredAt: '2026-04-02T09:00:00Z' });
    expect(first.warnings).toEqual([]);
    expect(second.warnings).toEqual([expect.stringMatching(/SL-002 in BIN-C is now at -300 seeds on this computer\. It is saved/)]);
    const exceptions = await stockExceptions(session, {});
    expect(exceptions).toEqual([
      expect.objectContaining({
        batch: expect.objectContaining({ code: 'SL-002' }), location: expect.objectContaining({ code: 'BIN-C' }),
        balance: -300, lowest: -300, stillNegative: true, causes: [expect.objectContaining({ id: second.movements[0]?.id })],
      }),
    ]);
    // A receive recorded late, dated before the second transfer, covers it: the episode ends there.
    await moveStock(session, { kind: 'adjust', batch: 'SL-002', location: 'BIN-C', quantity: 300, reason: 'Found the second bag', occurredAt: '2026-04-02T08:30:00Z' });
    expect(await stockExceptions(session, { location: 'GH1' })).toEqual([]);
    expect(await balancesFromQuery(session)).toEqual(await balancesFromMovements(session));
  });

  it('keeps the derived balances right when a refused movement is discarded or fixed', async () => {
    const moved = await moveStock(session, { kind: 'transfer', batch: 'SL-001', from: 'BIN-B', to: 'BIN-C', quantity: 10, occurredAt: '2026-04-03T08:00:00Z' });
    const id = moved.movements[0]?.id;
    await session.replica.write(['stock_movements'], (tx) => tx.query(`UPDATE stock_movements SET quantity = 15, to_location_id = $2 WHERE id = $1`, [id, site.binIds.A]));
    expect(await balancesFromQuery(session)).toEqual(await balancesFromMovements(session));
    await session.replica.write(['stock_movements'], (tx) => tx.query('DELETE FROM stock_movements WHERE id = $1', [id]));
    expect(await balancesFromQuery(session)).toEqual(await balancesFromMovements(session));
    const rebuilt = await session.replica.write(['stock_balances'], async (tx) => {
      await tx.query('SELECT stock_balances_rebuild()');
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_balances')).rows[0]?.n;
    });
    expect(Object.keys(await balancesFromQuery(session))).toHaveLength(rebuilt ?? -1);
    expect(await balancesFromQuery(session)).toEqual(await balancesFromMovements(session));
  });

  it('exports stock on hand as CSV with formula-like text defused', async () => {
    const file = await stockOnHandCsv(session, { location: 'GH1' });
    expect(file.filename).toMatch(/^stock-on-hand-GH1-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = file.csv.trim().split('\r\n');
    expect(lines[0]).toBe('batch,barcode,kind,germplasm,location,location_name,location_path,quantity,unit,value');
    expect(lines).toContain('SL-001,SL001X,seed-lot,Apex,BIN-A,Bin A,ST / GH1 / GH1-B1 / BIN-A,300,seeds,75');
  });

  it('renames and moves locations, refuses loops and kinds out of order, and archives only what is empty', async () => {
    await expect(moveLocation(session, { locationId: site.greenhouseId, parentId: site.binIds.A })).rejects.toMatchObject({ code: 'validation', details: { field: 'parentId' } });
    await expect(moveLocation(session, { locationId: site.benchId, parentId: site.binIds.A })).rejects.toThrow(/bench cannot sit inside a bin/);
    const renamed = await renameLocation(session, { locationId: site.otherBinId, name: 'Cold store bin', code: 'CS-1' });
    expect(renamed).toMatchObject({ code: 'CS-1', name: 'Cold store bin', path: 'ST / GH2 / CS-1' });
    const refusal = archiveLocation(session, { locationId: site.otherGreenhouseId });
    await expect(refusal).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/GH2 still holds stock: SL-001 \(100 seeds\) in CS-1\. Move, sow or dispose of it/),
      details: { holdings: [{ batchCode: 'SL-001', locationCode: 'CS-1', quantity: 100, unit: 'seeds' }] },
    });
    await moveStock(session, { kind: 'transfer', batch: 'SL-001', from: 'CS-1', to: 'BIN-A', quantity: 100 });
    const archived = await archiveLocation(session, { locationId: site.otherGreenhouseId });
    expect(archived.archivedAt).not.toBeNull();
    const tree = await listLocationTree(session.replica);
    expect(tree.map((n) => n.code)).not.toContain('CS-1');
    expect((await listLocationTree(session.replica, { includeArchived: true })).find((n) => n.code === 'CS-1')?.archivedAt).not.toBeNull();
    await expect(moveStock(session, { kind: 'transfer', batch: 'SL-001', from: 'BIN-A', to: 'CS-1', quantity: 1 })).rejects.toMatchObject({
      code: 'validation', message: expect.stringMatching(/CS-1 \(Cold store bin\) is archived/), details: { field: 'to' },
    });
  });

  it('imports a location outline from a GeoJSON file, refuses one it cannot read, and removes it', async () => {
    const outline = { type: 'Polygon', coordinates: [[[5.66, 51.98], [5.661, 51.98], [5.661, 51.981], [5.66, 51.981], [5.66, 51.98]]] };
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'GH1' }, geometry: outline }] });
    expect((await setLocationOutline(session, { locationId: site.greenhouseId, geoJson: file })).hasGeometry).toBe(true);
    expect(await session.replica.query('SELECT geometry FROM locations WHERE id = $1', [site.greenhouseId])).toEqual([{ geometry: outline }]);
    await expect(setLocationOutline(session, { locationId: site.greenhouseId, geoJson: JSON.stringify({ type: 'FeatureCollection', features: [] }) })).rejects.toMatchObject({
      code: 'validation',
      details: { field: 'geoJson' },
    });
    expect((await setLocationOutline(session, { locationId: site.greenhouseId, geoJson: null })).hasGeometry).toBe(false);
  });
});
