import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import type { CountVariances } from '../../common/stock/stock-results';
import { pairBalances } from '../../main/stock/balance-queries';
import { approveCount } from '../../main/stock/count-approval';
import { countVariances } from '../../main/stock/count-variances';
import { explainCountLine, recordCountLine, startCount } from '../../main/stock/counts';
import { movementChange, moveStock } from '../../main/stock/movements';
import { runInitialSync } from '../../main/sync/initial-sync';
import { listRejected } from '../../main/sync/rejected-changes';
import { plainSecretBox } from '../../main/sync/secret-box';
import { readConnection } from '../../main/sync/station-sync';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { receiveSeedLot, seedStockSite, type StockSite } from '../harness/stock-fixture';
import { SyncedStation } from '../harness/synced-station';

/** What a count looks like, without the names of who looked (the same on every device). */
const shape = (v: CountVariances): unknown => ({
  lines: v.lines.map((l) => ({ ...l, entries: l.entries.map((e) => [e.quantity, e.current]) })),
  blockers: v.blockers,
  status: v.count.status,
});

describe('stock across devices and the server', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let managerId: string;
  let agronomistId: string;
  let manager: SyncedStation;
  let agronomist: SyncedStation;
  let site: StockSite;
  let lotId: string;
  let countId: string;
  const snapshotAt = '2026-03-10T12:00:00.000Z';

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Stock Co-op');
    managerId = await harness.createUser(tenantId, 'station-manager');
    agronomistId = await harness.createUser(tenantId, 'agronomist');
    manager = await SyncedStation.create('stock-manager');
    agronomist = await SyncedStation.create('stock-agronomist');
    await manager.connect(harness, tenantId, managerId);
    await agronomist.connect(harness, tenantId, agronomistId);
    site = await seedStockSite(manager.session);
    lotId = (await receiveSeedLot(manager.session, site, 'SL-1', 1000, 'BIN-A')).batch.id;
    countId = (await startCount(manager.session, { location: 'GH1', name: 'March count', snapshotAt })).id;
    await manager.sync();
    await agronomist.sync();
  });
  afterAll(async () => {
    await manager?.close();
    await agronomist?.close();
    await harness?.stop();
  });

  it('keeps both entries of a line counted on two devices offline, blocks approval while they disagree, and settles on one entry', async () => {
    // Offline on the agronomist's laptop: a count entry, a sowing dated before the snapshot, a transfer after it.
    await recordCountLine(agronomist.session, { countId, batch: 'SL-1', location: 'BIN-A', quantity: 895 });
    await moveStock(agronomist.session, { kind: 'sow', batch: 'SL-1', from: 'BIN-A', studyId: site.studyId, quantityPerPlot: 25, occurredAt: '2026-03-09T08:00:00Z' });
    await moveStock(agronomist.session, { kind: 'transfer', batch: 'SL-1', from: 'BIN-A', to: 'BIN-C', quantity: 50, occurredAt: '2026-03-11T08:00:00Z' });
    // Offline on the manager's: the same line, another number.
    await recordCountLine(manager.session, { countId, batch: 'SL-1', location: 'BIN-A', quantity: 898 });
    await agronomist.sync();
    await manager.sync();
    await agronomist.sync();

    const seen = await countVariances(manager.session.replica, countId);
    expect(shape(await countVariances(agronomist.session.replica, countId))).toEqual(shape(seen));
    expect(seen.lines).toEqual([
      expect.objectContaining({ batchCode: 'SL-1', expected: 900, counted: null, status: 'disputed', variance: null, outstanding: 0 }),
    ]);
    expect(seen.lines[0]?.entries.map((e) => [e.quantity, e.current]).sort()).toEqual([[895, true], [898, true]]);
    await expect(approveCount(manager.session, { countId })).rejects.toMatchObject({
      code: 'validation', message: expect.stringMatching(/1 line was counted differently on two devices \(SL-1 in BIN-A\)\. Count it again and enter the agreed quantity/),
    });

    // The manager has seen both: the agreed number supersedes them.
    const settled = await recordCountLine(manager.session, { countId, batch: 'SL-1', location: 'BIN-A', quantity: 898 });
    expect(settled).toMatchObject({ status: 'counted', counted: 898, variance: -2, value: -0.5 });
    expect((await approveCount(manager.session, { countId })).posted).toBe(1);
    await manager.sync();
    await agronomist.sync();

    for (const station of [manager, agronomist]) {
      const balances = await pairBalances(station.session.replica, { batchIds: [lotId], asOf: snapshotAt });
      expect(balances.find((b) => b.location_id === site.binIds.A)?.quantity).toBe('898');
      const now = await pairBalances(station.session.replica, { batchIds: [lotId] });
      expect(now.find((b) => b.location_id === site.binIds.A)?.quantity).toBe('848');
    }
    expect(shape(await countVariances(agronomist.session.replica, countId))).toEqual(shape(await countVariances(manager.session.replica, countId)));
  });

  it('ends with one explanation per line when two devices explain it offline: the later one', async () => {
    await explainCountLine(manager.session, { countId, batchId: lotId, locationId: site.binIds.A, explanation: 'Counting error' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await explainCountLine(agronomist.session, { countId, batchId: lotId, locationId: site.binIds.A, explanation: 'Two seeds lost in the sower' });
    await manager.sync();
    await agronomist.sync();
    await manager.sync();
    for (const station of [manager, agronomist]) {
      const rows = await station.session.replica.query('SELECT explanation FROM stock_count_explanations WHERE count_id = $1', [countId]);
      expect(rows).toEqual([{ explanation: 'Two seeds lost in the sower' }]);
    }
  });

  it('has the server refuse an agronomist’s adjustment that got past the app, and keep it on the device with the reason', async () => {
    await agronomist.session.write([
      movementChange(agronomist.session, { batchId: lotId, kind: 'adjust', quantity: 5_000, from: site.binIds.A, to: null, at: new Date().toISOString(), reason: 'Forced' }),
    ]);
    await agronomist.sync();
    expect((await listRejected(agronomist.session)).map((r) => [r.entity, r.code, r.message])).toEqual([
      [
        'stock_movements',
        'forbidden',
        'Only a station manager can post stock adjustments; your role (agronomist) cannot, so this adjustment was refused. Ask your station manager to do it, or discard the change.',
      ],
    ]);
  });

  it('gives a device that joins by snapshot the same balances, kept by the triggers during the bulk load', async () => {
    const joiner = await SyncedStation.create('stock-joiner');
    try {
      await joiner.connect(harness, tenantId, managerId);
      const connection = await readConnection(joiner.session);
      const address = { baseUrl: harness.baseUrl, token: plainSecretBox.open(connection?.token.value ?? '') };
      const loaded = await runInitialSync(joiner.session, address, { threshold: 10, chunkRows: 7, checkpointRows: 20, deferIndexRows: 5 });
      expect(loaded.used).toBe(true);
      await joiner.sync();
      await manager.sync();
      const sorted = (rows: { batch_id: string; location_id: string; quantity: string }[]): string[] => rows.map((r) => `${r.batch_id}|${r.location_id}|${r.quantity}`).sort();
      expect(sorted(await pairBalances(joiner.session.replica))).toEqual(sorted(await pairBalances(manager.session.replica)));
      const rebuilt = await joiner.session.replica.write(['stock_balances'], async (tx) => {
        const before = await tx.query<{ row: string }>('SELECT (batch_id, location_id, quantity, first_out_at, last_in_at)::text AS row FROM stock_balances ORDER BY 1');
        await tx.query('SELECT stock_balances_rebuild()');
        const after = await tx.query<{ row: string }>('SELECT (batch_id, location_id, quantity, first_out_at, last_in_at)::text AS row FROM stock_balances ORDER BY 1');
        return { before: before.rows, after: after.rows };
      });
      expect(rebuilt.before).toEqual(rebuilt.after);
    } finally {
      await joiner.close();
    }
  });

  it('refuses adjustments and approvals pushed directly by a device whose user is not a station manager', async () => {
    const forcer = await harness.enrolDevice(tenantId, agronomistId);
    const boss = await harness.enrolDevice(tenantId, managerId);
    const adjust = (device: typeof forcer): ReturnType<typeof forcer.change> =>
      device.change('stock_movements', 'insert', newId(), {
        batch_id: lotId, kind: 'adjust', quantity: '3', to_location_id: site.binIds.B, occurred_at: '2026-03-12T08:00:00Z', reason: 'Direct', recorded_by: device.userId, device_id: device.deviceId,
      });
    const refused = await forcer.pushOk([
      adjust(forcer),
      forcer.change('stock_counts', 'update', countId, { status: 'approved', approved_by: agronomistId }),
      forcer.change('stock_count_lines', 'insert', newId(), {
        count_id: countId, batch_id: lotId, location_id: site.binIds.A, quantity: '1', counted_at: '2026-03-12T08:00:00Z', counted_by: agronomistId, device_id: forcer.deviceId,
      }),
    ]);
    expect(refused.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([['rejected', 'forbidden'], ['rejected', 'forbidden'], ['applied', null]]);
    expect(refused[1]).toMatchObject({ message: expect.stringMatching(/Only a station manager can approve stock counts; your role \(agronomist\) cannot/) });
    expect((await boss.pushOk([adjust(boss)])).map((r) => r.status)).toEqual(['applied']);
  });
});
