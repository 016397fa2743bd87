import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { editNote, emptyNoteState, mergeNoteStates, readNote, sameNoteContent } from '../../common/notes/note-document';
import { noteRowId, type NoteSubject } from '../../common/notes/note-id';
import { applyNoteUpdate, getNote } from '../../main/notes/note-service';
import { countOutbox } from '../../main/sync/outbox';
import { plainSecretBox } from '../../main/sync/secret-box';
import { pull } from '../../main/sync/sync-http-client';
import { readConnection } from '../../main/sync/station-sync';
import { seedMinimalStudy } from '../harness/local-station';
import { seedTrial, startSyncServerHarness, type SyncServerHarness, type TestDevice } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bytesOf = (text: string): Uint8Array => Buffer.from(text, 'base64');

/** Types `text` at `index` (clamped to the end) of the station's note, as the editor would send it. */
async function type(station: SyncedStation, subject: NoteSubject, index: number, text: string): Promise<void> {
  const note = await getNote(station.session, subject);
  await applyNoteUpdate(station.session, subject, editNote(bytesOf(note.state), { kind: 'insert', index, text }));
}

describe('notes merge as Yjs documents', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let a: SyncedStation;
  let b: SyncedStation;
  let study: { studyId: string; unitId: string };

  async function serverNote(id: string): Promise<{ ydoc: Uint8Array; deleted: boolean } | null> {
    const { rows } = await harness.owner.query<{ ydoc: Buffer; deleted: boolean }>('SELECT ydoc, deleted FROM notes WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows[0] ?? null;
  }

  /** The note's text on both stations and the server, after checking all three hold the same document. */
  async function everywhere(subject: NoteSubject): Promise<string> {
    const onServer = await serverNote(noteRowId(subject));
    if (!onServer) throw new Error('the server has no such note');
    for (const station of [a, b]) {
      const local = await getNote(station.session, subject);
      expect(sameNoteContent(bytesOf(local.state), onServer.ydoc)).toBe(true);
      expect(local.state).toBe(base64(onServer.ydoc));
      expect(await countOutbox(station.session.replica)).toEqual({ pending: 0, rejected: 0 });
    }
    return readNote(onServer.ydoc).text;
  }

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Notes Co-op');
    const userId = await harness.createUser(tenantId, 'agronomist');
    a = await SyncedStation.create('notes-a');
    b = await SyncedStation.create('notes-b');
    await a.connect(harness, tenantId, userId);
    await b.connect(harness, tenantId, userId);
    study = await seedMinimalStudy(a.session);
    await a.sync();
    await b.sync();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await harness.stop();
  });

  it('keeps both stations’ offline edits of a plot note, the station that edited first syncing first', async () => {
    const plot: NoteSubject = { subjectKind: 'observation-unit', subjectId: study.unitId };
    await type(a, plot, 0, 'Aphids on the lower leaves.');
    await a.sync();
    await b.sync();
    await type(a, plot, 999, ' Sprayed on Monday.');
    await type(b, plot, 0, 'Plot 101: ');
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await everywhere(plot)).toBe('Plot 101: Aphids on the lower leaves. Sprayed on Monday.');
  });

  it('keeps both stations’ offline edits of the study notebook, the station that edited last syncing first', async () => {
    const notebook: NoteSubject = { subjectKind: 'study', subjectId: study.studyId };
    await type(b, notebook, 0, 'Sown 12 March.');
    await b.sync();
    await a.sync();
    await type(a, notebook, 999, ' Emergence uneven in block 2.');
    await type(b, notebook, 0, 'Wet spring. ');
    await type(b, notebook, 999, ' Irrigated twice.');
    await b.sync();
    await a.sync();
    await b.sync();
    const text = await everywhere(notebook);
    expect(text.startsWith('Wet spring. Sown 12 March.')).toBe(true);
    expect(text).toContain(' Emergence uneven in block 2.');
    expect(text).toContain(' Irrigated twice.');
    expect(text).toHaveLength('Wet spring. Sown 12 March. Emergence uneven in block 2. Irrigated twice.'.length);
  });

  it('makes one note of the notes two stations start for the same plot offline', async () => {
    const unitId = newId();
    await a.session.write([{ entity: 'observation_units', operation: 'insert', rowId: unitId, fields: { study_id: study.studyId, kind: 'plot', plot_number: 102 } }]);
    await a.sync();
    await b.sync();
    const plot: NoteSubject = { subjectKind: 'observation-unit', subjectId: unitId };
    await type(a, plot, 0, 'Leaf rust.');
    await type(b, plot, 0, 'Stem lodging.');
    expect((await getNote(a.session, plot)).id).toBe((await getNote(b.session, plot)).id);
    await b.sync();
    await a.sync();
    await b.sync();
    const { rows } = await harness.owner.query<{ id: string }>(
      `SELECT id::text FROM notes WHERE tenant_id = $1 AND subject_kind = 'observation-unit' AND subject_id = $2`,
      [tenantId, unitId],
    );
    expect(rows).toEqual([{ id: noteRowId(plot) }]);
    const text = await everywhere(plot);
    expect([...text].sort().join('')).toBe([...'Leaf rust.Stem lodging.'].sort().join(''));
    expect(text).toContain('Leaf rust.');
    expect(text).toContain('Stem lodging.');
  });

  it('keeps an edit still waiting to be pushed when a newer edit of the note is pulled', async () => {
    const plot: NoteSubject = { subjectKind: 'observation-unit', subjectId: study.unitId };
    const before = (await getNote(a.session, plot)).text;
    await type(a, plot, 0, '[a, pending] ');
    await type(b, plot, 999, ' [b, later]');
    await b.sync();
    // Station a pulls without pushing first: the pulled document (with the later clock) merges.
    const connection = await readConnection(a.session);
    if (!connection) throw new Error('not connected');
    const address = { baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) };
    const page = await pull(address, await a.session.pullCursor(), 1000);
    await a.session.applyRemote(page.changes, page.cursor);
    expect((await getNote(a.session, plot)).text).toBe(`[a, pending] ${before} [b, later]`);
    expect(await countOutbox(a.session.replica)).toEqual({ pending: 1, rejected: 0 });
    await a.sync();
    await b.sync();
    expect(await everywhere(plot)).toBe(`[a, pending] ${before} [b, later]`);
  });

  it('keeps a pulled edit that lands between reading the note and writing the merged edit', async () => {
    const plot: NoteSubject = { subjectKind: 'observation-unit', subjectId: study.unitId };
    await type(a, plot, 999, '.');
    await a.sync();
    await b.sync();
    const before = (await getNote(a.session, plot)).text;
    await type(b, plot, 999, ' [b, pulled meanwhile]');
    await b.sync();
    const session = a.session;
    const connection = await readConnection(session);
    if (!connection) throw new Error('not connected');
    const page = await pull({ baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) }, await session.pullCursor(), 1000);
    // The page commits just before the note's first write, after the note was read.
    session.write = async (changes) => {
      Reflect.deleteProperty(session, 'write');
      await session.applyRemote(page.changes, page.cursor);
      return session.write(changes);
    };
    await type(a, plot, 0, '[a, typing] ');
    expect((await getNote(session, plot)).text).toBe(`[a, typing] ${before} [b, pulled meanwhile]`);
    await a.sync();
    await b.sync();
    expect(await everywhere(plot)).toBe(`[a, typing] ${before} [b, pulled meanwhile]`);
  });

  it('refuses an edit that is not a Yjs update, and notes of subjects the station does not have', async () => {
    const plot: NoteSubject = { subjectKind: 'observation-unit', subjectId: study.unitId };
    await expect(applyNoteUpdate(a.session, plot, new TextEncoder().encode('not yjs'))).rejects.toMatchObject({ code: 'validation' });
    const missing = getNote(a.session, { subjectKind: 'observation-unit', subjectId: newId() });
    await expect(missing).rejects.toBeInstanceOf(AppError);
    await expect(missing).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('the server merges note documents', () => {
  let harness: SyncServerHarness;
  let device: TestDevice;
  let studyId: string;

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    device = await harness.newTenantDevice();
    ({ studyId } = await seedTrial(device));
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function stored(id: string): Promise<{ ydoc: Buffer; deleted: boolean; subject_kind: string }> {
    const { rows } = await harness.owner.query<{ ydoc: Buffer; deleted: boolean; subject_kind: string }>(
      'SELECT ydoc, deleted, subject_kind FROM notes WHERE tenant_id = $1 AND id = $2',
      [device.tenantId, id],
    );
    if (!rows[0]) throw new Error('no such note');
    return rows[0];
  }

  it('refuses a ydoc that is not a Yjs update, with a reason, and applies the rest of the push', async () => {
    const subject: NoteSubject = { subjectKind: 'study', subjectId: studyId };
    const results = await device.pushOk([
      device.change('notes', 'insert', noteRowId(subject), { subject_kind: 'study', subject_id: studyId, ydoc: Buffer.from('yjs-state').toString('base64') }),
      device.change('programs', 'insert', newId(), { name: 'After the refused note' }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'applied']);
    expect(results[0]).toMatchObject({ code: 'invalid-field', message: expect.stringMatching(/ydoc is not a note this server can read: the bytes are not a Yjs document update/) });
  });

  it('merges full states and updates whatever their clocks, changing nothing when one comes again', async () => {
    const id = newId();
    const first = mergeNoteStates([editNote(emptyNoteState(), { kind: 'insert', index: 0, text: 'one' })]);
    const update = editNote(first, { kind: 'insert', index: 3, text: ' two' });
    const insert = device.change('notes', 'insert', id, { subject_kind: 'trial', subject_id: newId(), ydoc: base64(first) });
    expect((await device.pushOk([insert]))[0]?.status).toBe('applied');
    // An update made later but with an older clock still merges; so does an old full state in flight.
    const late = device.change('notes', 'update', id, { ydoc: base64(update) }, device.hlcAt(Date.now() - 3_600_000));
    const again = device.change('notes', 'update', id, { ydoc: base64(first) });
    expect((await device.pushOk([late, again, late])).map((result) => result.status)).toEqual(['applied', 'applied', 'duplicate']);
    const note = await stored(id);
    expect(readNote(note.ydoc).text).toBe('one two');
    expect(Buffer.from(mergeNoteStates([first, update])).equals(note.ydoc)).toBe(true);
    // The other fields, and the tombstone, stay last writer wins.
    const rename = device.change('notes', 'update', id, { subject_kind: 'location' }, device.hlcAt(Date.now() - 7_200_000));
    const remove = device.change('notes', 'delete', id, {});
    const after = device.change('notes', 'update', id, { ydoc: base64(editNote(note.ydoc, { kind: 'insert', index: 0, text: 'zero ' })) });
    await device.pushOk([rename, remove, after]);
    expect(await stored(id)).toMatchObject({ deleted: true, subject_kind: 'trial' });
    expect(readNote((await stored(id)).ydoc).text).toBe('zero one two');
  });
});
