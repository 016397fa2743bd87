import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editNote, emptyNoteState, mergeNoteStates, readNote } from '../../common/notes/note-document';
import { NoteClosedError, NoteSession, type NoteAnswer } from './note-session';

/** The services' side of one note: merges what it is sent, and can refuse while "offline". */
function fakeServices(initial = emptyNoteState()) {
  let state = initial;
  let offline = false;
  const sent: Uint8Array[] = [];
  return {
    sent,
    get state() {
      return state;
    },
    setState(next: Uint8Array) {
      state = next;
    },
    setOffline(value: boolean) {
      offline = value;
    },
    async send(update: Uint8Array): Promise<NoteAnswer> {
      await Promise.resolve();
      if (offline) throw new Error('Field Station’s services did not answer.');
      sent.push(update);
      state = mergeNoteStates([state, update]);
      return { state, deleted: false };
    },
  };
}

const typeAt = (session: NoteSession, index: number, text: string) => session.edit((body) => body.insert(index, text));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('NoteSession', () => {
  it('sends a burst of typing once after the pause, and says saved only after the answer', async () => {
    const services = fakeServices();
    const session = new NoteSession(services.state, (update) => services.send(update), { delayMs: 400 });
    for (const [i, letter] of [...'Rust on plot 12'].entries()) typeAt(session, i, letter);
    expect(session.getSaveState()).toEqual({ kind: 'saving' });
    await vi.advanceTimersByTimeAsync(399);
    expect(services.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(services.sent).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(session.getSaveState()).toEqual({ kind: 'saved' });
    expect(readNote(services.state).text).toBe('Rust on plot 12');
  });

  it('keeps edits through failed sends and saves all of them once the services answer again', async () => {
    const services = fakeServices();
    const session = new NoteSession(services.state, (update) => services.send(update), { delayMs: 100, retryDelaysMs: [500] });
    services.setOffline(true);
    typeAt(session, 0, 'first');
    await vi.advanceTimersByTimeAsync(100);
    expect(session.getSaveState()).toMatchObject({ kind: 'failed' });
    typeAt(session, 5, ' second');
    await vi.advanceTimersByTimeAsync(600);
    expect(session.hasUnsaved()).toBe(true);
    services.setOffline(false);
    await vi.advanceTimersByTimeAsync(600);
    expect(session.getSaveState()).toEqual({ kind: 'saved' });
    expect(readNote(services.state).text).toBe('first second');
    expect(session.hasUnsaved()).toBe(false);
  });

  it('merges what another computer wrote without losing what is typed here and not yet saved', async () => {
    const services = fakeServices(mergeNoteStates([editNote(emptyNoteState(), { kind: 'insert', index: 0, text: 'Shared note.' })]));
    const session = new NoteSession(services.state, (update) => services.send(update), { delayMs: 100 });
    typeAt(session, session.text.length, ' Mine.');
    // Sync brings another computer's edit before this one was sent.
    const theirs = editNote(services.state, { kind: 'insert', index: 0, text: 'Theirs. ' });
    services.setState(mergeNoteStates([services.state, theirs]));
    session.merge(services.state);
    expect(session.text.toString()).toBe('Theirs. Shared note. Mine.');
    await session.flush();
    expect(readNote(services.state).text).toBe('Theirs. Shared note. Mine.');
    expect(session.getSaveState()).toEqual({ kind: 'saved' });
  });

  it('turns read-only when the note was deleted elsewhere, keeping its text', async () => {
    const session = new NoteSession(emptyNoteState(), () => Promise.reject(new NoteClosedError('This note was deleted on another computer.')), {
      delayMs: 10,
    });
    typeAt(session, 0, 'late edit');
    await session.flush();
    expect(session.getSaveState()).toEqual({ kind: 'read-only', message: 'This note was deleted on another computer.' });
    typeAt(session, 0, 'more');
    expect(session.text.toString()).toBe('late edit');
  });

  it('undoes and redoes its own edits, and saves the undo too', async () => {
    const services = fakeServices();
    const session = new NoteSession(services.state, (update) => services.send(update), { delayMs: 10 });
    typeAt(session, 0, 'keep');
    session.undoManager.stopCapturing();
    typeAt(session, 4, ' drop');
    session.undoManager.undo();
    expect(session.text.toString()).toBe('keep');
    await session.flush();
    expect(readNote(services.state).text).toBe('keep');
  });
});
