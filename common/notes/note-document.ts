/**
 * Notes are Yjs documents (docs/data-model.md, notes). This module is the one place that knows
 * their shape, shared by the app and the server:
 *
 * - The body is one `Y.Text` named `body`. Paragraphs are separated by `\n`; inline formatting is
 *   a text attribute, `bold: true` or `italic: true` (Quill's delta conventions, so y-quill and
 *   similar plain rich-text bindings attach to it directly). Unknown attributes and embeds are kept
 *   and passed through; readers show only bold and italic. Positions are UTF-16 code units, as in
 *   JavaScript strings.
 * - A stored note (`notes.ydoc`, on the server and on every replica) is always the full state of
 *   the merge of everything seen, in one canonical encoding: the updates applied to a fresh document
 *   and encoded again. Two places holding the same edits therefore hold the same bytes (within one
 *   Yjs version); code that decides anything still compares content (`sameNoteContent`).
 * - Merging is Yjs' own: commutative, associative and idempotent, so a full state merged twice, or
 *   an update merged after a newer full state that contains it, changes nothing.
 */
import * as Y from 'yjs';

/** The name of the document's shared text. Fixed for good: stored documents refer to it. */
export const noteBodyName = 'body';

export const noteMarks = ['bold', 'italic'] as const;
export type NoteMark = (typeof noteMarks)[number];

/** A run of text with the same formatting. */
export interface NoteSpan {
  text: string;
  bold?: true;
  italic?: true;
}

export interface NoteContent {
  /** The plain text (embeds left out). */
  text: string;
  /** The text as runs of equal formatting, in order. */
  spans: NoteSpan[];
}

/** A text edit, for code that edits without an editor (tests, imports). Positions are clamped to the text. */
export type NoteEdit =
  | { kind: 'insert'; index: number; text: string; marks?: readonly NoteMark[] }
  | { kind: 'delete'; index: number; length: number }
  | { kind: 'format'; index: number; length: number; marks: Partial<Record<NoteMark, boolean>> };

/** Bytes that are not a note document: why, in words. */
export class NoteDocumentError extends Error {}

const emptyUpdate = new Uint8Array([0, 0]);

function loadDocument(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  try {
    // One merged update applied in one transaction: the structs end up merged the same way
    // whatever order or grouping the updates arrived in, which is what makes the encoding canonical.
    Y.applyUpdate(doc, updates.length === 1 && updates[0] ? updates[0] : Y.mergeUpdates([...updates]));
    doc.getText(noteBodyName).toDelta();
  } catch (error) {
    doc.destroy();
    throw new NoteDocumentError(error instanceof Error ? error.message : String(error));
  }
  return doc;
}

function withDocument<T>(updates: readonly Uint8Array[], use: (doc: Y.Doc) => T): T {
  const doc = loadDocument(updates);
  try {
    return use(doc);
  } finally {
    doc.destroy();
  }
}

/** The state of a note nobody has written in yet. */
export function emptyNoteState(): Uint8Array {
  return mergeNoteStates([]);
}

/**
 * The full state that merges every given state or update (in any order), canonically encoded.
 * Throws NoteDocumentError when one of them is not a Yjs update holding a note.
 */
export function mergeNoteStates(updates: readonly Uint8Array[]): Uint8Array {
  return withDocument(updates.length === 0 ? [emptyUpdate] : updates, (doc) => Y.encodeStateAsUpdate(doc));
}

/** Why these bytes are not a note document (a Yjs update whose `body` is text), or null when they are. */
export function noteDocumentProblem(bytes: Uint8Array): string | null {
  try {
    withDocument([bytes], () => undefined);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The merge of a stored note and an incoming one, for a replica or the server. Older versions of
 * the app stored arbitrary bytes; a side that does not decode counts as nothing. Null when neither
 * decodes: the caller then falls back to last writer wins, as those versions did.
 */
export function mergeStoredNote(stored: Uint8Array | null, incoming: Uint8Array): Uint8Array | null {
  const readable = [stored, incoming].filter((bytes): bytes is Uint8Array => bytes !== null && noteDocumentProblem(bytes) === null);
  if (readable.length === 0) return null;
  try {
    return mergeNoteStates(readable);
  } catch {
    // Each decodes alone but not together (the server refuses such a change): keep the first.
    return mergeNoteStates(readable.slice(0, 1));
  }
}

function applyEdit(text: Y.Text, edit: NoteEdit): void {
  const index = Math.max(0, Math.min(edit.index, text.length));
  switch (edit.kind) {
    case 'insert': {
      const marks = Object.fromEntries((edit.marks ?? []).map((mark) => [mark, true]));
      text.insert(index, edit.text, Object.keys(marks).length > 0 ? marks : {});
      return;
    }
    case 'delete':
      text.delete(index, Math.max(0, Math.min(edit.length, text.length - index)));
      return;
    case 'format': {
      const attributes = Object.fromEntries(Object.entries(edit.marks).map(([mark, on]) => [mark, on ? true : null]));
      text.format(index, Math.max(0, Math.min(edit.length, text.length - index)), attributes);
      return;
    }
  }
}

/**
 * The update that makes `edit` on the note whose state is `state` (a delta: merge it into any
 * state that includes `state`). Each call edits as a new Yjs client, which is always safe.
 */
export function editNote(state: Uint8Array, edit: NoteEdit): Uint8Array {
  return withDocument([state], (doc) => {
    let update: Uint8Array = emptyUpdate;
    doc.on('update', (bytes: Uint8Array) => {
      update = update === emptyUpdate ? bytes : Y.mergeUpdates([update, bytes]);
    });
    applyEdit(doc.getText(noteBodyName), edit);
    return update;
  });
}

function spansOf(delta: { insert?: unknown; attributes?: Record<string, unknown> }[]): NoteSpan[] {
  const spans: NoteSpan[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue;
    const span: NoteSpan = { text: op.insert };
    if (op.attributes?.['bold'] === true) span.bold = true;
    if (op.attributes?.['italic'] === true) span.italic = true;
    const last = spans.at(-1);
    if (last && last.bold === span.bold && last.italic === span.italic) last.text += span.text;
    else spans.push(span);
  }
  return spans;
}

/** What the note says: its plain text and its runs of bold and italic. */
export function readNote(state: Uint8Array): NoteContent {
  return withDocument([state], (doc) => {
    const spans = spansOf(doc.getText(noteBodyName).toDelta());
    return { text: spans.map((span) => span.text).join(''), spans };
  });
}

/** The note's state vector (client → next clock): what it has seen, for comparisons and diffs. */
export function noteStateVector(state: Uint8Array): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
}

function sameVector(a: Map<number, number>, b: Map<number, number>): boolean {
  return a.size === b.size && [...a].every(([client, clock]) => b.get(client) === clock);
}

/** Whether two notes hold the same edits: the same state vector and the same text, attributes and embeds. */
export function sameNoteContent(a: Uint8Array, b: Uint8Array): boolean {
  if (!sameVector(noteStateVector(a), noteStateVector(b))) return false;
  const delta = (state: Uint8Array): string => withDocument([state], (doc) => JSON.stringify(doc.getText(noteBodyName).toDelta()));
  return delta(a) === delta(b);
}

/** Whether `state` already holds every edit of `other` (merging `other` in would change nothing). */
export function noteIncludes(state: Uint8Array, other: Uint8Array): boolean {
  return sameNoteContent(state, mergeNoteStates([state, other]));
}
