import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountLineView } from '../../common/stock/stock-results';
import type { StationSession } from '../../main/stations/station-session';
import { pairBalances } from '../../main/stock/balance-queries';
import { approveCount, countReport, countReportCsv } from '../../main/stock/count-approval';
import { countVariances } from '../../main/stock/count-variances';
import { explainCountLine, recordCountLine, startCount } from '../../main/stock/counts';
import { moveStock } from '../../main/stock/movements';
import { batchDetail } from '../../main/stock/stock-reports';
import { openLocalStation } from '../harness/local-station';
import { receiveSeedLot, seedStockSite, type StockSite } from '../harness/stock-fixture';
import { makeTempFolder } from '../harness/temp-folder';

const line = (lines: CountLineView[], batchCode: string, locationCode: string): CountLineView | undefined =>
  lines.find((l) => l.batchCode === batchCode && l.location.code === locationCode);

async function balanceAt(session: StationSession, batchId: string, locationId: string, asOf?: string): Promise<number> {
  const rows = await pairBalances(session.replica, { batchIds: [batchId], asOf: asOf ?? null });
  return Number(rows.find((r) => r.location_id === locationId)?.quantity ?? 0);
}

describe('counts and reconciliation on one computer', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;
  let site: StockSite;
  let lotId: string;
  let countId: string;
  const snapshotAt = '2026-03-10T12:00:00.000Z';

  beforeAll(async () => {
    temp = await makeTempFolder('stock-counts');
    session = await openLocalStation(temp.path);
    site = await seedStockSite(session);
    lotId = (await receiveSeedLot(session, site, 'SL-1', 1000, 'BIN-A', '2026-03-01T08:00:00Z')).batch.id;
    await receiveSeedLot(session, site, 'SL-2', 40, 'BIN-D', '2026-03-01T08:00:00Z');
    // Before the snapshot.
    await moveStock(session, { kind: 'transfer', batch: 'SL-1', from: 'BIN-A', to: 'BIN-B', quantity: 200, occurredAt: '2026-03-05T08:00:00Z' });
    countId = (await startCount(session, { location: 'GH1', name: 'March count GH1', snapshotAt })).id;
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('measures each line against the balance as of the snapshot: movements recorded during the count fall on their side of it', async () => {
    // Recorded while the count is open: one dated before the snapshot (counts), one after (does not).
    await moveStock(session, { kind: 'sow', batch: 'SL-1', from: 'BIN-A', studyId: site.studyId, quantityPerPlot: 25, occurredAt: '2026-03-09T08:00:00Z' });
    await moveStock(session, { kind: 'transfer', batch: 'SL-1', from: 'BIN-A', to: 'BIN-C', quantity: 50, occurredAt: '2026-03-11T08:00:00Z' });
    await recordCountLine(session, { countId, batch: 'SL-1', location: 'BIN-A', quantity: 700 });
    // A correction on the same device replaces its earlier entry.
    const corrected = await recordCountLine(session, { countId, batch: 'SL1X', location: 'BIN-A', quantity: 690 });
    expect(corrected).toMatchObject({ expected: 700, counted: 690, variance: -10, value: -2.5, status: 'counted', outstanding: -10 });
    expect(corrected.entries.map((e) => [e.quantity, e.current])).toEqual([[700, false], [690, true]]);
    await recordCountLine(session, { countId, batch: 'SL-1', location: 'BIN-B', quantity: 200 });
    // Found where the balances say there is none.
    await recordCountLine(session, { countId, batch: 'SL-2', location: 'BIN-B', quantity: 30 });

    const variances = await countVariances(session.replica, countId);
    expect(variances.lines.map((l) => [l.batchCode, l.location.code, l.expected, l.counted, l.variance, l.status])).toEqual([
      ['SL-1', 'BIN-A', 700, 690, -10, 'counted'],
      ['SL-1', 'BIN-B', 200, 200, 0, 'counted'],
      ['SL-2', 'BIN-B', 0, 30, 30, 'counted'],
    ]);
    expect(variances.totals).toEqual([{ unit: 'seeds', variance: 20, value: 5 }]);
    expect(variances).toMatchObject({ disputed: 0, uncounted: 0, outstanding: 2, blockers: [] });
  });

  it('approves by posting each variance as an adjustment dated at the snapshot and naming the count, in one go', async () => {
    await explainCountLine(session, { countId, batchId: lotId, locationId: site.binIds.A, explanation: 'Spilled while sowing' });
    const explained = await explainCountLine(session, { countId, batchId: lotId, locationId: site.binIds.A, explanation: 'Spilled ten while sowing' });
    expect(explained.explanation).toBe('Spilled ten while sowing');
    const approved = await approveCount(session, { countId });
    expect(approved).toMatchObject({ posted: 2, count: { status: 'approved', approvedBy: 'Station user' } });

    const adjustments = (await batchDetail(session, { batch: 'SL-1' })).ledger.filter((e) => e.kind === 'adjust');
    expect(adjustments).toEqual([
      expect.objectContaining({ quantity: 10, from: expect.objectContaining({ code: 'BIN-A' }), to: null, occurredAt: snapshotAt, countId, reason: 'Count “March count GH1”: Spilled ten while sowing' }),
    ]);
    // As of the snapshot the books now say what was counted; after it, the later transfer still counts.
    expect(await balanceAt(session, lotId, site.binIds.A, snapshotAt)).toBe(690);
    expect(await balanceAt(session, lotId, site.binIds.A)).toBe(640);
    const after = await countVariances(session.replica, countId);
    expect(after.lines.every((l) => l.outstanding === 0)).toBe(true);
    expect(line(after.lines, 'SL-1', 'BIN-A')).toMatchObject({ variance: -10, posted: -10 });
    expect(after.blockers).toEqual(['This count is approved and every adjustment is posted.']);
    await expect(approveCount(session, { countId })).rejects.toMatchObject({ code: 'conflict' });
    await expect(recordCountLine(session, { countId, batch: 'SL-1', location: 'BIN-A', quantity: 1 })).rejects.toThrow(/was approved on .* Start a new count/);
  });

  it('shows a movement dated before the snapshot but recorded after approval as outstanding, and approving again posts only the difference', async () => {
    await moveStock(session, { kind: 'sow', batch: 'SL-1', from: 'BIN-A', studyId: site.studyId, quantityPerPlot: 5, occurredAt: '2026-03-09T10:00:00Z' });
    const variances = await countVariances(session.replica, countId);
    // The count already saw those 20 seeds gone: expected drops to 680, the adjustment of -10 must become +10.
    expect(line(variances.lines, 'SL-1', 'BIN-A')).toMatchObject({ expected: 680, counted: 690, variance: 10, posted: -10, outstanding: 20 });
    expect(variances.blockers).toEqual([]);
    expect((await approveCount(session, { countId })).posted).toBe(1);
    expect(await balanceAt(session, lotId, site.binIds.A, snapshotAt)).toBe(690);
    expect((await countVariances(session.replica, countId)).outstanding).toBe(0);
  });

  it('takes lines nobody counted as zero only when asked, recording that as a count', async () => {
    const id = (await startCount(session, { location: 'GH1-B1', snapshotAt: '2026-03-20T12:00:00Z' })).id;
    await recordCountLine(session, { countId: id, batch: 'SL-1', location: 'BIN-A', quantity: 640 });
    const open = await countVariances(session.replica, id);
    expect(open.lines.map((l) => [l.batchCode, l.location.code, l.status])).toEqual([
      ['SL-1', 'BIN-A', 'counted'], ['SL-1', 'BIN-B', 'not-counted'], ['SL-2', 'BIN-B', 'not-counted'], ['SL-1', 'BIN-C', 'not-counted'],
    ]);
    expect((await approveCount(session, { countId: id, uncounted: 'leave' })).posted).toBe(0);
    const second = (await startCount(session, { location: 'GH1-B1', snapshotAt: '2026-03-21T12:00:00Z' })).id;
    await recordCountLine(session, { countId: second, batch: 'SL-1', location: 'BIN-A', quantity: 640 });
    expect((await approveCount(session, { countId: second, uncounted: 'zero' })).posted).toBe(3);
    const closed = await countVariances(session.replica, second);
    expect(closed.lines.map((l) => [l.batchCode, l.location.code, l.counted, l.outstanding])).toEqual([
      ['SL-1', 'BIN-A', 640, 0], ['SL-1', 'BIN-B', 0, 0], ['SL-2', 'BIN-B', 0, 0], ['SL-1', 'BIN-C', 0, 0],
    ]);
    expect(await balanceAt(session, lotId, site.binIds.B)).toBe(0);
  });

  it('reports the reconciliation as data and as CSV, with explanations and the approver', async () => {
    const report = await countReport(session, { countId });
    expect(report).toMatchObject({ locationPath: 'ST / GH1', count: { name: 'March count GH1', status: 'approved', approvedBy: 'Station user' } });
    expect(line(report.lines, 'SL-1', 'BIN-A')).toMatchObject({ explanation: 'Spilled ten while sowing', value: 2.5 });
    const file = await countReportCsv(session, { countId });
    expect(file.filename).toBe('reconciliation-March-count-GH1-2026-03-10.csv');
    const [header, ...rows] = file.csv.trim().split('\r\n');
    expect(header).toBe('count,counted_location,snapshot_at,status,approved_by,approved_at,location,location_name,batch,unit,expected,counted,line_status,variance,value,adjusted,outstanding,explanation,entries');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^March count GH1,ST \/ GH1,2026-03-10T12:00:00.000Z,approved,Station user,[^,]+,BIN-A,Bin A,SL-1,seeds,680,690,counted,10,2.5,10,0,Spilled ten while sowing,700 by Station user on This computer \(replaced\); 690 by Station user on This computer$/);
  });
});
