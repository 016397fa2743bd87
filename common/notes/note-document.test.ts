import { describe, expect, it } from 'vitest';
import {
  editNote,
  emptyNoteState,
  mergeNoteStates,
  mergeStoredNote,
  noteDocumentProblem,
  noteIncludes,
  readNote,
  sameNoteContent,
  type NoteEdit,
} from './note-document';
import { noteRowId } from './note-id';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (state: Uint8Array): string => Array.from(state, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Applies an edit to a state the way the app does: the editor's update merged into the stored state. */
function edited(state: Uint8Array, edit: NoteEdit): Uint8Array {
  return mergeNoteStates([state, editNote(state, edit)]);
}

/** A small seeded generator (mulberry32), so a failing draw can be replayed. */
function seeded(seed: number): (below: number) => number {
  let a = seed;
  return (below) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

describe('note documents', () => {
  it('reads an empty note as no text', () => {
    expect(readNote(emptyNoteState())).toEqual({ text: '', spans: [] });
  });

  it('turns text edits into updates, with bold and italic runs', () => {
    let note = edited(emptyNoteState(), { kind: 'insert', index: 0, text: 'Rust on row 4, ' });
    note = edited(note, { kind: 'insert', index: 99, text: 'lodging after the storm.', marks: ['bold'] });
    note = edited(note, { kind: 'format', index: 0, length: 4, marks: { italic: true } });
    note = edited(note, { kind: 'delete', index: 5, length: 3 });
    expect(readNote(note)).toEqual({
      text: 'Rust row 4, lodging after the storm.',
      spans: [{ text: 'Rust', italic: true }, { text: ' row 4, ' }, { text: 'lodging after the storm.', bold: true }],
    });
  });

  it('merges concurrent edits of two copies, in either order, keeping both', () => {
    const base = edited(emptyNoteState(), { kind: 'insert', index: 0, text: 'Plot 12: ' });
    const a = editNote(base, { kind: 'insert', index: 9, text: 'aphids' });
    const b = editNote(base, { kind: 'insert', index: 0, text: 'Checked. ' });
    const ab = mergeNoteStates([mergeNoteStates([base, a]), b]);
    const ba = mergeNoteStates([mergeNoteStates([base, b]), a]);
    expect(readNote(ab).text).toBe('Checked. Plot 12: aphids');
    expect(hex(ba)).toBe(hex(ab));
  });

  it('changes nothing when a state or update is merged again, or an older full state arrives late', () => {
    const first = edited(emptyNoteState(), { kind: 'insert', index: 0, text: 'first' });
    const update = editNote(first, { kind: 'insert', index: 5, text: ' second' });
    const second = mergeNoteStates([first, update]);
    expect(hex(mergeNoteStates([second, update]))).toBe(hex(second));
    expect(hex(mergeNoteStates([second, first]))).toBe(hex(second));
    expect(hex(mergeNoteStates([second, second]))).toBe(hex(second));
    expect(noteIncludes(second, first)).toBe(true);
    expect(noteIncludes(first, second)).toBe(false);
  });

  it('stores the same bytes on every copy that has seen the same edits, whatever the order of merges', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const draw = seeded(seed);
      const copies = Array.from({ length: 2 + draw(3) }, () => emptyNoteState());
      let server = emptyNoteState();
      for (let step = 0; step < 30; step++) {
        const i = draw(copies.length);
        const copy = copies[i] ?? emptyNoteState();
        const length = readNote(copy).text.length;
        const roll = draw(10);
        if (roll < 5) {
          const edit: NoteEdit =
            roll === 0 && length > 0
              ? { kind: 'delete', index: draw(length), length: 1 + draw(3) }
              : roll === 1 && length > 0
                ? { kind: 'format', index: draw(length), length: 1 + draw(4), marks: { bold: draw(2) === 0 } }
                : { kind: 'insert', index: draw(length + 1), text: ['ab', 'ç', '育種', 'x y'][draw(4)] ?? 'z', marks: draw(3) === 0 ? ['italic'] : [] };
          copies[i] = edited(copy, edit);
        } else if (roll < 8) server = mergeNoteStates([server, copy]);
        else copies[i] = mergeNoteStates([copy, server]);
      }
      for (const copy of copies) server = mergeNoteStates([server, copy]);
      const finals = copies.map((copy) => mergeNoteStates([copy, server]));
      finals.push(mergeNoteStates([...copies].reverse()));
      for (const final of finals) {
        expect(sameNoteContent(final, server), `seed ${seed}`).toBe(true);
        expect(hex(final), `seed ${seed}`).toBe(hex(server));
      }
    }
  });

  it('refuses bytes that are not a Yjs update, and a merge counts such bytes as nothing', () => {
    for (const junk of [bytes('yjs-state'), new Uint8Array([0, 1, 2, 250, 255]), bytes('{"text":"hello"}')]) {
      expect(noteDocumentProblem(junk)).toMatch(/\w/);
      expect(() => mergeNoteStates([emptyNoteState(), junk])).toThrow();
    }
    expect(noteDocumentProblem(emptyNoteState())).toBeNull();
    const note = edited(emptyNoteState(), { kind: 'insert', index: 0, text: 'kept' });
    expect(readNote(mergeStoredNote(note, bytes('yjs-state')) ?? emptyNoteState()).text).toBe('kept');
    expect(readNote(mergeStoredNote(bytes('yjs-state'), note) ?? emptyNoteState()).text).toBe('kept');
    expect(readNote(mergeStoredNote(null, note) ?? emptyNoteState()).text).toBe('kept');
    expect(mergeStoredNote(bytes('old'), bytes('yjs-state'))).toBeNull();
  });

  it('names the note of a subject by the subject, the same on every device', () => {
    const subjectId = '0195b2c4-6f1a-7c3e-9a52-1d2e3f405162';
    const id = noteRowId({ subjectKind: 'observation-unit', subjectId });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(noteRowId({ subjectKind: 'observation-unit', subjectId: subjectId.toUpperCase() })).toBe(id);
    expect(noteRowId({ subjectKind: 'study', subjectId })).not.toBe(id);
  });
});
