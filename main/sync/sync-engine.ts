import type { SyncStatus } from '../../common/api-contract';
import { AppError, toAppError } from '../../common/errors';
import { maxPullPage, maxPushBatch } from '../../common/sync-protocol';
import type { Logger } from '../logger';
import type { StationSession } from '../stations/station-session';
import { backoffDelay } from './backoff';
import { isHistoryBehind, readAgainFromStart, runInitialSync, type InitialSyncOptions } from './initial-sync'; // initial sync by snapshot
import { countOutbox, readPending, recordPushResults } from './outbox';
import { pull, push, waitForChanges, type SyncServerAddress } from './sync-http-client';

export interface SyncEngineOptions {
  logger: Logger;
  onStatus: (status: SyncStatus) => void;
  random?: () => number;
  /** Initial sync by snapshot: threshold and chunk size (tests and benches lower them). */
  initialSync?: Omit<InitialSyncOptions, 'signal' | 'onProgress'>;
}

/**
 * Background sync for one open station: push the outbox in order, pull every page after the
 * cursor, then wait on the server's long-poll (or a local write) and go again. Failures back off
 * with jitter; a cut at any point resumes from the outbox and the durable cursor, so nothing is
 * sent twice as new or skipped.
 */
export class SyncEngine {
  private running = false;
  private abort = new AbortController();
  private wake: (() => void) | null = null;
  private nudged = false;
  private status: SyncStatus;

  constructor(
    private readonly session: StationSession,
    readonly address: SyncServerAddress,
    private readonly options: SyncEngineOptions,
  ) {
    this.status = { state: 'connecting', serverUrl: address.baseUrl, lastSyncAt: null, pending: 0, rejected: 0, pullProgress: null, error: null };
  }

  get current(): SyncStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    void this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
  }

  /** Whether the background loop runs (false after a stop, or a revoked device or too-old app). */
  get isRunning(): boolean {
    return this.running;
  }

  /** A local write happened: push it soon instead of waiting for the long-poll to end. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** One full round: push everything pending, then pull everything new. */
  async syncOnce(signal?: AbortSignal): Promise<void> {
    await this.pushAll(signal);
    try {
      await this.pullEverythingNew(signal);
    } catch (error) {
      if (!isHistoryBehind(error)) throw error;
      // The server was restored from an older backup: read its data again from the start.
      this.options.logger.warn({ err: error }, "the server's history is behind this device; reading it again from the start");
      await readAgainFromStart(this.session);
      await this.pullEverythingNew(signal);
    }
    await this.publish({ state: 'online', lastSyncAt: new Date().toISOString(), error: null, pullProgress: null });
  }

  private async pullEverythingNew(signal?: AbortSignal): Promise<void> {
    // --- initial sync by snapshot (main/sync/initial-sync.ts): a replica that never pulled loads the
    // tenant's current rows in chunks first, then pulls the log from the snapshot's cursor.
    if ((await this.session.pullCursor()) === '0') await this.initialSync(signal);
    // --- end initial sync
    await this.pullAll(signal);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const signal = this.abort.signal;
      try {
        this.nudged = false;
        await this.syncOnce(signal);
        failures = 0;
        if (!this.nudged) await this.waitForWork(signal);
      } catch (error) {
        if (!this.running) break;
        const appError = toAppError(error);
        failures += 1;
        const offline = appError.code === 'offline';
        if (!offline) this.options.logger.warn({ err: error }, 'sync round failed');
        await this.publish({ state: offline ? 'offline' : 'error', error: appError.message, pullProgress: null });
        if (appError.code === 'unauthorized' || appError.message.includes('Update Field Station')) {
          // Final until the user acts (new code, new version): the loop stops; start() runs it again.
          this.running = false;
          break;
        }
        await this.sleep(backoffDelay(failures, this.options.random ?? Math.random));
      }
    }
  }

  private async pushAll(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const changes = await readPending(this.session.replica, maxPushBatch);
      if (changes.length === 0) return;
      await this.publish({ state: 'syncing' });
      const response = await push(this.address, changes, signal);
      const answered = new Set(response.results.map((r) => r.changeId));
      if (changes.some((c) => !answered.has(c.changeId))) {
        throw new AppError('internal', 'The sync server did not answer for every change sent. Sync will try again.');
      }
      await recordPushResults(this.session.replica, response.results);
      if (await this.session.correctClockAhead(response.serverClock)) {
        this.options.logger.warn({ serverClock: response.serverClock }, "this computer's clock was ahead of the server's; new changes take the server's time");
      }
      if (response.results.every((r) => r.status === 'rejected')) {
        // Every pending change was refused: nothing more to send until the user acts on them.
        const remaining = await readPending(this.session.replica, 1);
        if (remaining.length === 0) return;
      }
    }
  }

  // --- initial sync by snapshot: progress as rows received of the snapshot's total.
  private async initialSync(signal?: AbortSignal): Promise<void> {
    let shown = Promise.resolve();
    await runInitialSync(this.session, this.address, {
      ...this.options.initialSync,
      signal,
      onProgress: ({ received, total }) => {
        shown = shown.then(() => this.publish({ state: 'syncing', pullProgress: { received, total } }));
      },
    });
    await shown;
  }
  // --- end initial sync

  private async pullAll(signal?: AbortSignal): Promise<void> {
    let done = 0;
    for (;;) {
      const cursor = await this.session.pullCursor();
      const page = await pull(this.address, cursor, maxPullPage, signal);
      if (page.changes.length > 0 || page.cursor !== cursor) await this.session.applyRemote(page.changes, page.cursor);
      done += page.changes.length;
      if (!page.hasMore) return;
      await this.publish({ state: 'syncing', pullProgress: { received: done } });
    }
  }

  private async waitForWork(signal: AbortSignal): Promise<void> {
    const cursor = await this.session.pullCursor();
    const waiting = new AbortController();
    const stopWaiting = (): void => waiting.abort();
    signal.addEventListener('abort', stopWaiting);
    try {
      await Promise.race([
        waitForChanges(this.address, cursor, waiting.signal).catch((error: unknown) => {
          if (!waiting.signal.aborted) throw error;
        }),
        new Promise<void>((resolve) => {
          this.wake = resolve;
          if (this.nudged || signal.aborted) resolve();
        }),
      ]);
    } finally {
      this.wake = null;
      signal.removeEventListener('abort', stopWaiting);
      waiting.abort();
    }
  }

  private async sleep(ms: number): Promise<void> {
    try {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    } finally {
      this.wake = null;
    }
  }

  private async publish(update: Partial<SyncStatus>): Promise<void> {
    const counts = await countOutbox(this.session.replica).catch(() => ({ pending: this.status.pending, rejected: this.status.rejected }));
    this.status = { ...this.status, ...update, ...counts };
    this.options.onStatus(this.status);
  }
}
