import type { ApiArgs, ApiResults } from '../../common/api-contract';
import type { ApiMethod } from '../../common/api-methods';
import { asApiCallError, type ApiCallError } from './api-call-error';
import type { ApiClient } from './api-client';
import { replaceEqual } from './replace-equal';

export interface QueryState<T> {
  data: T | null;
  error: ApiCallError | null;
  loading: boolean;
}

/**
 * One method's answer for one set of arguments, kept current: it loads when first watched and
 * loads again when `data:changed` names one of its tables (or `*`). Reloads that arrive while one
 * is running are folded into one more, so a burst of saves costs at most two queries.
 */
export class ApiQuery<M extends ApiMethod> {
  readonly key: string;
  private state: QueryState<ApiResults[M]> = { data: null, error: null, loading: true };
  private readonly listeners = new Set<() => void>();
  private running = false;
  private again = false;
  private stopEvents: (() => void) | null = null;
  /** Orders loads and patches: a load that started before the latest patch must not undo it. */
  private sequence = 0;
  private patchedAt = 0;

  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private firstLoadTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `settle`: for a heavy query whose screen patches itself after each save (a study's plots), a
   * change that touches only `settle.tables` reloads once changes have paused `settle.ms`, so fast
   * scoring does not queue a full reload behind every save; any other change reloads at once.
   * `firstLoadAfterMs`: for an answer the screen can do without for a moment, the first load
   * waits, so it does not queue on the replica ahead of what the screen needs to be drawn.
   */
  constructor(
    private readonly client: ApiClient,
    private readonly method: M,
    private readonly args: ApiArgs<M>,
    private readonly tables: readonly string[],
    private readonly settle: { ms: number; tables: readonly string[] } | null = null,
    private readonly firstLoadAfterMs = 0,
  ) {
    this.key = ApiQuery.keyOf(method, args);
  }

  static keyOf(method: ApiMethod, args: unknown): string {
    return `${method} ${JSON.stringify(args)}`;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.stopEvents = this.client.on('data:changed', ({ tables }) => {
        if (tables.includes('*') || tables.some((t) => this.tables.includes(t))) this.reloadAfter(tables);
      });
      if (this.firstLoadAfterMs > 0 && this.state.data === null && !this.running) {
        this.firstLoadTimer = setTimeout(() => {
          this.firstLoadTimer = null;
          this.reload();
        }, this.firstLoadAfterMs);
      } else {
        this.reload();
      }
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stopEvents?.();
        this.stopEvents = null;
        if (this.settleTimer !== null) clearTimeout(this.settleTimer);
        this.settleTimer = null;
        if (this.firstLoadTimer !== null) clearTimeout(this.firstLoadTimer);
        this.firstLoadTimer = null;
      }
    };
  };

  readonly getSnapshot = (): QueryState<ApiResults[M]> => this.state;

  readonly reload = (): void => {
    if (this.firstLoadTimer !== null) clearTimeout(this.firstLoadTimer);
    this.firstLoadTimer = null;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  };

  private reloadAfter(changed: readonly string[]): void {
    const settle = this.settle;
    if (settle === null || this.state.data === null || !changed.every((table) => settle.tables.includes(table))) {
      if (this.settleTimer !== null) clearTimeout(this.settleTimer);
      this.settleTimer = null;
      this.reload();
      return;
    }
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.reload();
    }, settle.ms);
  }

  /** Applies a change the services already confirmed, without waiting for the reload. */
  readonly patch = (update: (data: ApiResults[M]) => ApiResults[M]): void => {
    if (this.state.data === null) return;
    this.patchedAt = ++this.sequence;
    this.set({ ...this.state, data: update(this.state.data) });
  };

  private async run(): Promise<void> {
    this.running = true;
    do {
      this.again = false;
      if (this.state.data === null && !this.state.loading) this.set({ ...this.state, loading: true });
      const startedAt = ++this.sequence;
      try {
        const data = await this.client.call(this.method, this.args);
        if (this.patchedAt > startedAt) {
          this.again = true; // it may predate the patched change: load once more instead
          continue;
        }
        this.set({ data: replaceEqual(this.state.data, data), error: null, loading: false });
      } catch (error) {
        this.set({ data: this.state.data, error: asApiCallError(error, this.method), loading: false });
      }
    } while (this.again && this.listeners.size > 0);
    this.running = false;
  }

  private set(state: QueryState<ApiResults[M]>): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
