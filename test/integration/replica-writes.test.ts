import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { recordObservation } from '../../main/observations/record-observation';
import type { StationSession } from '../../main/stations/station-session';
import { openLocalStation, seedMinimalStudy } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

interface OutboxRow {
  entity: string;
  operation: string;
  row_id: string;
  fields: Record<string, unknown>;
  hlc: string;
}

describe('the local write path', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;
  let study: Awaited<ReturnType<typeof seedMinimalStudy>>;

  beforeAll(async () => {
    temp = await makeTempFolder('writes');
    session = await openLocalStation(temp.path);
    study = await seedMinimalStudy(session);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  const outboxFor = (rowId: string): Promise<OutboxRow[]> =>
    session.replica.query<OutboxRow>('SELECT entity, operation, row_id, fields, hlc FROM sync_outbox WHERE row_id = $1 ORDER BY seq', [rowId]);

  it('writes each change and its outbox entry together, with increasing clocks', async () => {
    const id = newId();
    await session.write([{ entity: 'germplasm', operation: 'insert', rowId: id, fields: { name: 'FS-1', species: 'Triticum aestivum' } }]);
    await session.write([{ entity: 'germplasm', operation: 'update', rowId: id, fields: { name: 'FS-1b' } }]);
    const outbox = await outboxFor(id);
    expect(outbox.map((o) => [o.operation, o.fields])).toEqual([
      ['insert', { name: 'FS-1', species: 'Triticum aestivum' }],
      ['update', { name: 'FS-1b' }],
    ]);
    const [inserted, updated] = outbox.map((o) => o.hlc);
    expect(inserted && updated && updated > inserted).toBe(true);
    const [row] = await session.replica.query<{ name: string; field_clocks: Record<string, string> }>(
      'SELECT name, field_clocks FROM germplasm WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ name: 'FS-1b', field_clocks: { name: updated, species: inserted } });
  });

  it('deletes by tombstone, clocking the deleted flag', async () => {
    const id = newId();
    await session.write([{ entity: 'programs', operation: 'insert', rowId: id, fields: { name: 'Barley' } }]);
    await session.write([{ entity: 'programs', operation: 'delete', rowId: id, fields: {} }]);
    const [row] = await session.replica.query<{ deleted: boolean; field_clocks: Record<string, string> }>(
      'SELECT deleted, field_clocks FROM programs WHERE id = $1',
      [id],
    );
    expect(row?.deleted).toBe(true);
    expect(Object.keys(row?.field_clocks ?? {}).sort()).toEqual(['deleted', 'name']);
  });

  it('writes nothing at all when one change of a transaction fails', async () => {
    const good = newId();
    const before = await session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox');
    await expect(
      session.write([
        { entity: 'programs', operation: 'insert', rowId: good, fields: { name: 'Oats' } },
        { entity: 'programs', operation: 'update', rowId: newId(), fields: { name: 'missing row' } },
      ]),
    ).rejects.toThrow(/no longer exists/);
    const after = await session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox');
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(await session.replica.query('SELECT 1 FROM programs WHERE id = $1', [good])).toHaveLength(0);
  });

  it('refuses to change an observation in place: corrections are new facts', async () => {
    const saved = await recordObservation(session, { unitId: study.unitId, variableId: study.variableId, value: '42' });
    await expect(
      session.write([{ entity: 'observations', operation: 'update', rowId: saved.id, fields: { value: '43' } }]),
    ).rejects.toThrow(/only ever added/);
  });

  it('keeps a corrected value in history, superseded by the new one', async () => {
    const first = await recordObservation(session, { unitId: study.unitId, variableId: study.variableId, value: '18.5', timepoint: 'corr' });
    const second = await recordObservation(session, { unitId: study.unitId, variableId: study.variableId, value: '185', timepoint: 'corr' });
    const rows = await session.replica.query<{ id: string; value: string; supersedes_id: string | null }>(
      `SELECT id, value, supersedes_id FROM observations WHERE timepoint = 'corr' ORDER BY observed_at, id`,
    );
    expect(rows).toEqual([
      { id: first.id, value: '18.5', supersedes_id: null },
      { id: second.id, value: '185', supersedes_id: first.id },
    ]);
  });

  it('refuses a value outside the variable range and stores nothing', async () => {
    const before = await session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM observations');
    await expect(recordObservation(session, { unitId: study.unitId, variableId: study.variableId, value: '400' })).rejects.toThrow(
      /outside the valid range for Plant height \(0–250 cm\)/,
    );
    const after = await session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM observations');
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
