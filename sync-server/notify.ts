/**
 * Wakes long-polls when their tenant gets new changes. Fed in-process after each push commits, and
 * from Postgres LISTEN (change-listener.ts) so that a push to any server process wakes them all.
 */
export type WakeReason = 'changed' | 'timeout' | 'aborted' | 'closed';

interface Waiter {
  after: bigint;
  woken: WakeReason | null;
  wake: (reason: WakeReason) => void;
}

export interface Subscription {
  /** Resolves on the first change after the cursor, the timeout, the signal, or shutdown. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<WakeReason>;
  cancel(): void;
}

export class TenantNotifier {
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** Subscribe before reading the log, so a change that commits in between is not missed. */
  subscribe(tenantId: string, after: bigint): Subscription {
    const waiter: Waiter = { after, woken: null, wake: (reason) => (waiter.woken ??= reason) };
    const set = this.waiters.get(tenantId) ?? new Set<Waiter>();
    set.add(waiter);
    this.waiters.set(tenantId, set);
    const cancel = (): void => {
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(tenantId) === set) this.waiters.delete(tenantId);
    };
    const wait = (timeoutMs: number, signal: AbortSignal): Promise<WakeReason> =>
      new Promise<WakeReason>((resolve) => {
        if (waiter.woken) return resolve(waiter.woken);
        if (signal.aborted) return resolve('aborted');
        const finish = (reason: WakeReason): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          waiter.woken ??= reason;
          cancel();
          resolve(reason);
        };
        const onAbort = (): void => finish('aborted');
        const timer = setTimeout(() => finish('timeout'), timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.wake = finish;
      });
    return { wait, cancel };
  }

  /** The tenant's log now reaches `seq`: wake every waiter whose cursor is before it. */
  publish(tenantId: string, seq: bigint): void {
    for (const waiter of [...(this.waiters.get(tenantId) ?? [])]) {
      if (waiter.after < seq) waiter.wake('changed');
    }
  }

  /** Wakes everyone: after the LISTEN connection was lost (they read the log again) or at shutdown. */
  wakeAll(reason: 'changed' | 'closed'): void {
    for (const set of [...this.waiters.values()]) for (const waiter of [...set]) waiter.wake(reason);
  }

  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }
}
