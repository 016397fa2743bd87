import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '../../common/entities';
import { newId } from '../../common/ids';
import { editNote, emptyNoteState, mergeNoteStates, readNote } from '../../common/notes/note-document';
import { snapshotColumns } from '../../common/snapshot-protocol';
import { migrate } from '../replica/migrate';
import { replicaMigrations } from '../replica/migrations';
import type { SnapshotChunk } from './snapshot-client';
import { loadSnapshotChunk } from './snapshot-load';

const tenantId = newId();
const clock = (ms: number, device = 'a'): string => `${String(ms).padStart(13, '0')}:000000:${device.repeat(36).slice(0, 36)}`;

async function replica(): Promise<PGlite> {
  const db = await PGlite.create();
  await migrate(db, replicaMigrations);
  await db.query(`INSERT INTO tenants (id, hlc, name) VALUES ($1, $2, 'North')`, [tenantId, clock(1)]);
  return db;
}

/** What the server would send: the rows of `entity` in `source`, as one binary COPY chunk. */
async function chunkOf(source: PGlite, entity: EntityName): Promise<SnapshotChunk> {
  const columns = snapshotColumns(entity).map((column) => column.name);
  const rows = await source.query<{ id: string; hlc: string }>(`SELECT id, hlc FROM ${entity} ORDER BY id`);
  const copied = await source.query(`COPY (SELECT ${columns.join(', ')} FROM ${entity} ORDER BY id) TO '/dev/blob' WITH (FORMAT binary)`);
  if (!copied.blob) throw new Error('COPY TO gave no blob');
  return {
    entity,
    after: null,
    columns,
    rows: rows.rows.length,
    lastId: rows.rows.at(-1)?.id ?? null,
    hasMore: false,
    maxHlc: null,
    data: new Uint8Array(await copied.blob.arrayBuffer()),
  };
}

describe('loading a snapshot chunk', () => {
  let server: PGlite;
  let device: PGlite;
  // One "server" copy and one device replica for the file: each test uses its own table.
  beforeAll(async () => {
    server = await replica();
    device = await replica();
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await device.close();
  });

  it('copies a chunk straight in when the replica holds none of its rows', async () => {
    const ids = [newId(), newId()];
    for (const id of ids) {
      await server.query(
        `INSERT INTO locations (id, tenant_id, hlc, field_clocks, kind, code, name, geometry)
         VALUES ($1, $2, $3, $4::jsonb, 'station', $5, 'North', '{"type":"Point","coordinates":[5.6615123,51.98]}')`,
        [id, tenantId, clock(5), JSON.stringify({ kind: clock(5), code: clock(5), name: clock(5), geometry: clock(5) }), `C-${id.slice(-4)}`],
      );
    }
    const chunk = await chunkOf(server, 'locations');
    expect(await device.transaction((tx) => loadSnapshotChunk(tx, chunk))).toBe('copied');
    const copied = await device.query('SELECT id, tenant_id, hlc, deleted, field_clocks, kind, code, name, geometry FROM locations ORDER BY id');
    const original = await server.query('SELECT id, tenant_id, hlc, deleted, field_clocks, kind, code, name, geometry FROM locations ORDER BY id');
    expect(copied.rows).toEqual(original.rows);
  });

  it('merges mutable rows field by field, keeping the newer value on either side and tombstones', async () => {
    const [edited, deleted, fresh] = [newId(), newId(), newId()].sort();
    const insert = (db: PGlite, id: string | undefined, fields: { name: string; species: string; deleted?: boolean }, clocks: Record<string, string>): Promise<unknown> =>
      db.query(
        `INSERT INTO germplasm (id, tenant_id, hlc, deleted, field_clocks, name, species) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [id, tenantId, Object.values(clocks).sort().at(-1), fields.deleted ?? false, JSON.stringify(clocks), fields.name, fields.species],
      );
    // The server has a newer species; this replica has a newer name (an edit not yet accepted).
    await insert(server, edited, { name: 'Apex', species: 'Triticum durum' }, { name: clock(10), species: clock(30, 'b') });
    await insert(device, edited, { name: 'Apex (local)', species: 'Triticum' }, { name: clock(20), species: clock(10) });
    // Deleted here, not (yet) on the server: the tombstone stays.
    await insert(server, deleted, { name: 'Bolt', species: 'Hordeum' }, { name: clock(10), species: clock(10) });
    await insert(device, deleted, { name: 'Bolt', species: 'Hordeum', deleted: true }, { name: clock(10), species: clock(10), deleted: clock(15) });
    await insert(server, fresh, { name: 'Crest', species: 'Avena' }, { name: clock(10), species: clock(10) });

    const chunk = await chunkOf(server, 'germplasm');
    expect(await device.transaction((tx) => loadSnapshotChunk(tx, chunk))).toBe('merged');
    const rows = await device.query('SELECT id, name, species, deleted, field_clocks, hlc FROM germplasm ORDER BY id');
    expect(rows.rows).toEqual([
      { id: edited, name: 'Apex (local)', species: 'Triticum durum', deleted: false, field_clocks: { name: clock(20), species: clock(30, 'b') }, hlc: clock(30, 'b') },
      { id: deleted, name: 'Bolt', species: 'Hordeum', deleted: true, field_clocks: { name: clock(10), species: clock(10), deleted: clock(15) }, hlc: clock(15) },
      { id: fresh, name: 'Crest', species: 'Avena', deleted: false, field_clocks: { name: clock(10), species: clock(10) }, hlc: clock(10) },
    ]);
  });

  it('adds missing facts without touching those already here, and takes server-managed rows as sent', async () => {
    const unit = newId();
    const variable = newId();
    const [known, missing] = [newId(), newId()].sort();
    for (const [db, id, value] of [[server, known, 'server'], [server, missing, '7'], [device, known, 'here']] as const) {
      await db.query(
        `INSERT INTO observations (id, tenant_id, hlc, unit_id, variable_id, value, observed_at) VALUES ($1, $2, $3, $4, $5, $6, '2026-05-14T09:30:00Z')`,
        [id, tenantId, clock(10), unit, variable, value],
      );
    }
    const facts = await chunkOf(server, 'observations');
    expect(await device.transaction((tx) => loadSnapshotChunk(tx, facts))).toBe('merged');
    expect((await device.query('SELECT id, value FROM observations ORDER BY id')).rows).toEqual([{ id: known, value: 'here' }, { id: missing, value: '7' }]);

    await server.query(`UPDATE tenants SET name = 'North Station Co-op', hlc = $1`, [clock(40)]);
    const tenants = await chunkOf(server, 'tenants');
    expect(await device.transaction((tx) => loadSnapshotChunk(tx, tenants))).toBe('merged');
    expect((await device.query('SELECT name, hlc FROM tenants')).rows).toEqual([{ name: 'North Station Co-op', hlc: clock(40) }]);
  });

  it('refuses a chunk with columns this version does not know', async () => {
    const chunk = { ...(await chunkOf(server, 'tenants')), columns: ['id', 'hlc', 'name', 'colour'] };
    await expect(device.transaction((tx) => loadSnapshotChunk(tx, chunk))).rejects.toThrow(/Update Field Station/);
  });

  it('merges a note the replica already holds as a document: both sides\' text survives, whatever the clocks', async () => {
    const id = newId();
    const subject = newId();
    const base = editNote(emptyNoteState(), { kind: 'insert', index: 0, text: 'Rust on leaves.' });
    const onServer = mergeNoteStates([base, editNote(base, { kind: 'insert', index: 15, text: ' Checked by Ana.' })]);
    const onDevice = mergeNoteStates([base, editNote(base, { kind: 'insert', index: 0, text: 'Plot 12: ' })]);
    const insert = (db: PGlite, ydoc: Uint8Array, at: number): Promise<unknown> =>
      db.query(
        `INSERT INTO notes (id, tenant_id, hlc, field_clocks, subject_kind, subject_id, ydoc) VALUES ($1, $2, $3, $4::jsonb, 'observation-unit', $5, $6)`,
        [id, tenantId, clock(at), JSON.stringify({ subject_kind: clock(at), subject_id: clock(at), ydoc: clock(at) }), subject, ydoc],
      );
    await insert(server, onServer, 10);
    await insert(device, onDevice, 20); // the device's clock is later: by clock alone, the server's edit would be lost
    const chunk = await chunkOf(server, 'notes');
    expect(await device.transaction((tx) => loadSnapshotChunk(tx, chunk))).toBe('merged');
    const stored = await device.query<{ ydoc: Uint8Array }>('SELECT ydoc FROM notes WHERE id = $1', [id]);
    expect(readNote(stored.rows[0]?.ydoc ?? new Uint8Array()).text).toBe('Plot 12: Rust on leaves. Checked by Ana.');
  });
});
