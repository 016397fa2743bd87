import * as Y from 'yjs';
import { noteBodyName } from '../../common/notes/note-document';

/** Transaction origins: the editor's own edits, and states that came back from the services or sync. */
export const localEdit = 'note-editor';
export const fromServices = 'note-services';

export type NoteSaveState =
  /** Nothing was typed in this note since it was opened. */
  | { kind: 'idle' }
  /** Edits are waiting for the pause in typing, or on their way to the services. */
  | { kind: 'saving' }
  /** The services answered for every edit: it is on disk. */
  | { kind: 'saved' }
  /** The last attempt failed; edits are kept here and sent again. */
  | { kind: 'failed'; message: string }
  /** The note can no longer be changed (deleted on another computer). */
  | { kind: 'read-only'; message: string };

/** What the services answered to a saved update: the note's merged full state. */
export interface NoteAnswer {
  state: Uint8Array;
  deleted: boolean;
}

/** A refusal that sending again would not fix: the note turns read-only. */
export class NoteClosedError extends Error {}

export interface NoteSessionOptions {
  /** Pause in typing before edits are sent. */
  delayMs?: number;
  /** During continuous typing, edits are still sent at least this often. */
  maxDelayMs?: number;
  /** Waits before sending again after a failure: doubled each time up to the last. */
  retryDelaysMs?: readonly number[];
}

/**
 * One open note: its Y.Doc, the edits not yet saved, and their way to the services. Every local
 * edit is a Yjs update kept in `pending` until the services answered for it; a failed send puts
 * the batch back and tries again, so nothing typed is dropped. Answers and synced states are
 * merged into the document (Yjs merges are idempotent and commutative, so order does not matter).
 */
export class NoteSession {
  readonly doc = new Y.Doc();
  readonly text: Y.Text = this.doc.getText(noteBodyName);
  readonly undoManager: Y.UndoManager;
  private pending: Uint8Array[] = [];
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt: number | null = null;
  private failures = 0;
  private saveState: NoteSaveState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();
  private readonly settledWaiters: (() => void)[] = [];
  private destroyed = false;
  /** States that arrived while merging is paused (an input method is composing text). */
  private held: { state: Uint8Array; deleted: boolean }[] | null = null;
  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private readonly retryDelaysMs: readonly number[];

  constructor(
    initialState: Uint8Array,
    private readonly send: (update: Uint8Array) => Promise<NoteAnswer>,
    options: NoteSessionOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 400;
    this.maxDelayMs = options.maxDelayMs ?? 2000;
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
    Y.applyUpdate(this.doc, initialState, fromServices);
    this.undoManager = new Y.UndoManager(this.text, { trackedOrigins: new Set([localEdit]) });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === fromServices) return;
      this.pending.push(update);
      this.firstPendingAt ??= Date.now();
      if (this.saveState.kind !== 'read-only' && this.saveState.kind !== 'failed') this.setState({ kind: 'saving' });
      this.schedule();
    });
  }

  getSaveState = (): NoteSaveState => this.saveState;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get readOnly(): boolean {
    return this.saveState.kind === 'read-only';
  }

  /** Whether some edit has not been confirmed by the services yet. */
  hasUnsaved(): boolean {
    return this.pending.length > 0 || this.sending;
  }

  /** Changes the text as one local (undoable, saved) edit. */
  edit(change: (text: Y.Text) => void): void {
    if (this.readOnly || this.destroyed) return;
    this.doc.transact(() => change(this.text), localEdit);
  }

  /** Merges a state the services hold (an answer, or the note as sync left it). */
  merge(state: Uint8Array, deleted = false): void {
    if (this.destroyed) return;
    if (this.held) {
      this.held.push({ state, deleted });
      return;
    }
    Y.applyUpdate(this.doc, state, fromServices);
    if (deleted) this.close('This note was deleted on another computer, so it can no longer be changed.');
  }

  /**
   * Holds merges back while the editor's text and the document must stay as they are (an input
   * method composing a word): the editor reads its change against the text it last showed.
   */
  pauseMerges(): void {
    this.held ??= [];
  }

  resumeMerges(): void {
    const held = this.held ?? [];
    this.held = null;
    if (held.length === 0 || this.destroyed) return;
    this.merge(Y.mergeUpdates(held.map((h) => h.state)), held.some((h) => h.deleted));
  }

  /** Sends what is pending now, without waiting for the pause in typing. */
  flush(): Promise<void> {
    this.clearTimer();
    void this.sendPending();
    return this.settled();
  }

  /** Resolves once nothing is pending or in flight (or the note was closed). */
  settled(): Promise<void> {
    if (!this.hasUnsaved() || this.readOnly) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  destroy(): void {
    this.destroyed = true;
    this.clearTimer();
    this.undoManager.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.wakeSettled();
  }

  private schedule(): void {
    if (this.sending || this.readOnly || this.destroyed) return;
    this.clearTimer();
    const failed = this.saveState.kind === 'failed';
    const retry = this.retryDelaysMs[Math.min(this.failures, this.retryDelaysMs.length) - 1] ?? 0;
    const sinceFirst = Date.now() - (this.firstPendingAt ?? Date.now());
    const wait = failed ? Math.max(retry, this.delayMs) : Math.max(0, Math.min(this.delayMs, this.maxDelayMs - sinceFirst));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendPending();
    }, wait);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sendPending(): Promise<void> {
    if (this.sending || this.readOnly || this.destroyed || this.pending.length === 0) return;
    const batch = this.pending.length === 1 && this.pending[0] ? this.pending[0] : Y.mergeUpdates(this.pending);
    this.pending = [];
    this.firstPendingAt = null;
    this.sending = true;
    try {
      const answer = await this.send(batch);
      this.sending = false;
      this.failures = 0;
      this.merge(answer.state, answer.deleted);
      if (!this.readOnly) this.setState(this.pending.length > 0 ? { kind: 'saving' } : { kind: 'saved' });
    } catch (error) {
      this.sending = false;
      // Keep the batch, ahead of whatever was typed meanwhile, and send it all again.
      this.pending.unshift(batch);
      this.firstPendingAt ??= Date.now();
      if (error instanceof NoteClosedError) {
        this.close(error.message);
      } else {
        this.failures++;
        this.setState({ kind: 'failed', message: error instanceof Error ? error.message : 'The note could not be saved.' });
      }
    }
    if (this.pending.length > 0) this.schedule();
    else this.wakeSettled();
  }

  private close(message: string): void {
    this.clearTimer();
    this.setState({ kind: 'read-only', message });
    this.wakeSettled();
  }

  private wakeSettled(): void {
    for (const wake of this.settledWaiters.splice(0)) wake();
  }

  private setState(state: NoteSaveState): void {
    if (this.saveState.kind === state.kind && JSON.stringify(this.saveState) === JSON.stringify(state)) return;
    this.saveState = state;
    for (const listener of this.listeners) listener();
  }
}
