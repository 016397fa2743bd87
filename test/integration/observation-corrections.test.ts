import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { resolveConflict, undoObservation } from '../../main/observations/correct-observation';
import { listConflicts, observationHistory, studyTimepoints } from '../../main/observations/observation-history';
import { recordObservation } from '../../main/observations/record-observation';
import { listPlotsWithLatest } from '../../main/trials/trial-queries';
import { getWalkOrder, setWalkOrder } from '../../main/trials/walk-order-store';
import { openLocalStation, seedMinimalStudy } from '../harness/local-station';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

/** Repeated measures, undo, history, and settling two devices' different values. */
describe('observations: timepoints, undo, history and conflicts', () => {
  let harness: SyncServerHarness;
  let a: SyncedStation;
  let b: SyncedStation;
  let study: { studyId: string; unitId: string; variableId: string };

  const current = async (station: SyncedStation, timepoint?: string | null): Promise<string | undefined> => {
    const [plot] = await listPlotsWithLatest(station.session.replica, study.studyId, timepoint);
    return plot?.latest[study.variableId]?.value;
  };

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    const tenantId = await harness.createTenant('Corrections');
    const userId = await harness.createUser(tenantId, 'agronomist');
    a = await SyncedStation.create('corrections-a');
    b = await SyncedStation.create('corrections-b');
    study = await seedMinimalStudy(a.session);
    await a.connect(harness, tenantId, userId);
    await a.sync();
    await b.connect(harness, tenantId, userId);
    await b.sync();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await harness?.stop();
  });

  it('keeps a value per timepoint, and lists the timepoints in the order they were first used', async () => {
    await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '20', timepoint: '14 DAS' });
    await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '41', timepoint: '28 DAS' });
    expect(await current(a, '14 DAS')).toBe('20');
    expect(await current(a, '28 DAS')).toBe('41');
    expect(await current(a)).toBe('41');
    expect(await current(a, null)).toBeUndefined();
    expect(await studyTimepoints(a.session.replica, study.studyId)).toEqual(['14 DAS', '28 DAS']);
  });

  it('undoes a correction back to the earlier value, and an only value back to nothing, keeping every step in history', async () => {
    const first = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '30', timepoint: '42 DAS' });
    const second = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '300', timepoint: '42 DAS' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AppError); // out of range (0–250): refused, nothing to undo
    const typo = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '3', timepoint: '42 DAS' });
    const undone = await undoObservation(a.session, { observationId: typo.id });
    expect(undone.restoredValue).toBe('30');
    expect(await current(a, '42 DAS')).toBe('30');

    const history = await observationHistory(a.session.replica, study.unitId, study.variableId, '42 DAS');
    expect(history.map((entry) => [entry.value, entry.current])).toEqual([['30', true], ['3', false], ['30', false]]);
    expect(history.every((entry) => entry.syncState === 'pending' && entry.deviceName !== null)).toBe(true);
    expect(history[2]?.id).toBe(first.id);

    // Undoing a value that was replaced since is refused; undoing the only value leaves the plot unscored.
    await expect(undoObservation(a.session, { observationId: typo.id })).rejects.toMatchObject({ code: 'conflict' });
    const lone = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '9', timepoint: '56 DAS' });
    expect((await undoObservation(a.session, { observationId: lone.id })).restoredValue).toBeNull();
    expect(await current(a, '56 DAS')).toBeUndefined();
    const cleared = await observationHistory(a.session.replica, study.unitId, study.variableId, '56 DAS');
    expect(cleared.map((entry) => [entry.value, entry.cleared])).toEqual([['', true], ['9', false]]);

    // The server takes the corrections and the clearing, and history marks them sent.
    await a.sync();
    expect(await a.session.replica.query("SELECT count(*)::int AS n FROM sync_outbox WHERE state = 'rejected'")).toEqual([{ n: 0 }]);
    expect((await observationHistory(a.session.replica, study.unitId, study.variableId, '56 DAS')).every((entry) => entry.syncState === 'sent')).toBe(true);
  });

  it('flags two devices’ different values for one plot and timepoint, and settles them with one superseding value', async () => {
    await b.sync();
    // Both score the same plot offline, differently.
    await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '55', timepoint: '70 DAS' });
    await recordObservation(b.session, { unitId: study.unitId, variableId: study.variableId, value: '58', timepoint: '70 DAS' });
    await a.sync();
    await b.sync();
    await a.sync();
    for (const station of [a, b]) {
      const conflicts = await listConflicts(station.session.replica, study.studyId);
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ unitId: study.unitId, plotNumber: 101, variableName: 'Plant height', timepoint: '70 DAS' });
      expect(conflicts[0]?.values.map((value) => value.value).sort()).toEqual(['55', '58']);
    }
    await resolveConflict(a.session, { unitId: study.unitId, variableId: study.variableId, timepoint: '70 DAS', value: '56.5' });
    expect(await listConflicts(a.session.replica, study.studyId)).toEqual([]);
    await a.sync();
    await b.sync();
    expect(await listConflicts(b.session.replica, study.studyId)).toEqual([]);
    expect(await current(b, '70 DAS')).toBe('56.5');
    const history = await observationHistory(b.session.replica, study.unitId, study.variableId, '70 DAS');
    expect(history.filter((entry) => !entry.current).map((entry) => entry.value).sort()).toEqual(['55', '58']);
    // "Nothing" against a value can be settled as nothing.
    await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '60', timepoint: '77 DAS' });
    const cleared = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '61', timepoint: '77 DAS' });
    await undoObservation(a.session, { observationId: cleared.id });
    await recordObservation(b.session, { unitId: study.unitId, variableId: study.variableId, value: '62', timepoint: '77 DAS' });
    await b.sync();
    await a.sync();
    expect((await listConflicts(a.session.replica, study.studyId)).map((c) => c.timepoint)).toEqual(['77 DAS']);
    await resolveConflict(a.session, { unitId: study.unitId, variableId: study.variableId, timepoint: '77 DAS', value: '' });
    expect(await listConflicts(a.session.replica, study.studyId)).toEqual([]);
    expect(await current(a, '77 DAS')).toBeUndefined();
    // Settling again finds nothing to settle.
    await expect(resolveConflict(b.session, { unitId: study.unitId, variableId: study.variableId, timepoint: '70 DAS', value: '57' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('shows a correction as current even when it is dated before the value it corrects (clocks that disagreed)', async () => {
    const late = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '150', timepoint: '84 DAS' });
    const correctionId = newId();
    await a.session.write([
      {
        entity: 'observations', operation: 'insert', rowId: correctionId,
        fields: { unit_id: study.unitId, variable_id: study.variableId, value: '15', value_number: 15, timepoint: '84 DAS', observed_at: new Date(Date.parse(late.observedAt) - 3_600_000).toISOString(), supersedes_id: late.id },
      },
    ]);
    expect(await current(a, '84 DAS')).toBe('15');
  });

  it('keeps the walking order chosen for a study across restarts', async () => {
    expect(await getWalkOrder(a.session, study.studyId)).toEqual({ kind: 'plot-number' });
    const walk = { kind: 'grid', start: 'bottom-left', direction: 'column-wise', pattern: 'serpentine' } as const;
    await setWalkOrder(a.session, study.studyId, walk);
    const summary = a.session.station;
    await a.session.close();
    a.session = await openLocalStation(a.folder.path, summary);
    expect(await getWalkOrder(a.session, study.studyId)).toEqual(walk);
  });
});
