import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeClock } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import { maxClockAheadMs } from '../../common/sync-protocol';
import { listRejected } from '../../main/sync/rejected-changes';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

const dayMs = 24 * 60 * 60 * 1000;

/** A device whose date is wrong must not win every merge, nor pass its clock on to others. */
describe('clocks ahead of the server', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let userId: string;
  const stations: SyncedStation[] = [];

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Clock check');
    userId = await harness.createUser(tenantId, 'station-manager');
  });
  afterAll(async () => {
    for (const station of stations) await station.close();
    await harness?.stop();
  });

  it('refuses a change dated days ahead, saying what is wrong, and takes one a few minutes ahead', async () => {
    const device = await harness.enrolDevice(tenantId, userId);
    const now = Date.now();
    const [far, near] = await device.pushOk([
      device.change('programs', 'insert', newId(), { name: 'From the future' }, device.hlcAt(now + 40 * dayMs)),
      device.change('programs', 'insert', newId(), { name: 'Slightly fast clock' }, device.hlcAt(now + 5 * 60 * 1000)),
    ]);
    expect(far).toMatchObject({ status: 'rejected', code: 'invalid-field', message: expect.stringMatching(/40 days ahead of the server.*date and time/) });
    expect(near?.status).toBe('applied');
    const names = await harness.owner.query<{ name: string }>('SELECT name FROM programs WHERE tenant_id = $1 ORDER BY name', [tenantId]);
    expect(names.rows).toEqual([{ name: 'Slightly fast clock' }]);
  });

  it("brings a station's clock back after the server refused it, so its next changes are accepted", async () => {
    const station = await SyncedStation.create('clock-ahead');
    stations.push(station);
    await station.connect(harness, tenantId, userId);
    // The computer's date was a year ahead when this was typed. (Afterwards the clock may be a few
    // minutes ahead: the first test pushed a change stamped five minutes ahead, which pulls pass on.)
    const realNow = Date.now;
    Date.now = () => realNow() + 365 * dayMs;
    try {
      await station.session.write([{ entity: 'programs', operation: 'insert', rowId: newId(), fields: { name: 'Typed a year ahead' } }]);
    } finally {
      Date.now = realNow;
    }
    expect(station.session.clock.wallMs).toBeGreaterThan(Date.now() + maxClockAheadMs);
    await station.sync();

    const [refused] = await listRejected(station.session);
    expect(refused?.message).toMatch(/ahead of the server/);
    expect(station.session.clock.wallMs).toBeLessThan(Date.now() + 10 * 60_000);
    const laterId = newId();
    await station.session.write([{ entity: 'programs', operation: 'insert', rowId: laterId, fields: { name: 'Typed after the fix' } }]);
    await station.sync();
    const stored = await harness.owner.query<{ hlc: string }>('SELECT hlc FROM programs WHERE tenant_id = $1 AND id = $2', [tenantId, laterId]);
    expect(decodeClock(stored.rows[0]?.hlc ?? '').wallMs).toBeLessThan(Date.now() + 10 * 60_000);
  });
});
