// Which faults a sync attempt meets, drawn up front from the scenario's generator: a fault is tied
// to the n-th request of that device's attempt (a device's requests are sequential, so the n-th is
// the same request on every replay, even when two devices sync at once).
import type { SeededRandom } from '../../main/demo/seeded-random';
import type { FaultAction, FaultKind } from './fault-proxy';

export interface FaultSpec {
  kind: FaultKind;
  delayMs: number;
  answerWithSecond: boolean;
}

export interface AttemptPlan {
  /** Fault per request index (0 = the attempt's first request); no entry is a clean request. */
  faults: Map<number, FaultSpec>;
  /** When the client was killed: close the station and open it again from disk before going on. */
  reopenAfterKill: boolean;
  /** When the attempt failed: sync again at once, without faults (that sync must succeed). */
  retryAfterFailure: boolean;
  /** Local writes made while this sync runs (the user keeps recording). */
  concurrentOperations: number;
  /** When the first of those writes goes in: with the sync, as its push is answered, or as a pulled page is applied. */
  concurrentStart: 'with-sync' | 'on-push-answer' | 'while-pull-applies';
}

const killKinds: ReadonlySet<FaultKind> = new Set(['kill-before', 'kill-after-commit', 'kill-after-response']);

const soloWeights: [FaultKind, number][] = [
  ['drop-request', 3], ['black-hole', 2], ['drop-response', 4], ['duplicate', 3], ['duplicate-concurrent', 2], ['delay', 2],
  ['kill-before', 2], ['kill-after-commit', 3], ['kill-after-response', 2], ['restart-in-flight', 2],
];
// A restart under one device's request would also cut the other device's clean sync, so pairs do not restart.
const pairedWeights: [FaultKind, number][] = [
  ...soloWeights.filter(([kind]) => kind !== 'restart-in-flight'),
  ['hold-for-partner', 6],
];

function weighted<T>(rng: SeededRandom, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = rng.next() * total;
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw < 0) return item;
  }
  return items[items.length - 1]?.[0] as T;
}

export function planAttempt(rng: SeededRandom, paired: boolean): AttemptPlan {
  const faults = new Map<number, FaultSpec>();
  if (rng.chance(0.55)) {
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const kind = weighted(rng, paired ? pairedWeights : soloWeights);
      faults.set(rng.int(0, 2), { kind, delayMs: kind === 'hold-for-partner' ? 150 : rng.int(5, 60), answerWithSecond: rng.chance(0.5) });
    }
  }
  return {
    faults,
    reopenAfterKill: rng.chance(0.25),
    retryAfterFailure: rng.chance(0.6),
    concurrentOperations: rng.chance(0.3) ? rng.int(1, 3) : 0,
    concurrentStart: rng.pick(['with-sync', 'on-push-answer', 'while-pull-applies'] as const),
  };
}

export const cleanPlan: AttemptPlan = {
  faults: new Map(), reopenAfterKill: false, retryAfterFailure: false, concurrentOperations: 0, concurrentStart: 'with-sync',
};

/** One run of syncOnce: its abort switch, its request count, and whether the client was killed. */
export class SyncAttempt {
  readonly controller = new AbortController();
  requests = 0;
  killed = false;
  readonly applied: FaultKind[] = [];
  /** Resolves when the device's concurrent writes should start (see AttemptPlan.concurrentStart). */
  readonly writesMayStart: Promise<void>;
  private startWrites: () => void = () => undefined;

  constructor(readonly plan: AttemptPlan) {
    this.writesMayStart = new Promise((resolve) => (this.startWrites = resolve));
    if (plan.concurrentStart === 'with-sync') this.startWrites();
  }

  /** The server answered one of this attempt's requests (whether or not the answer gets through). */
  answered(path: string): void {
    if (this.plan.concurrentStart === 'on-push-answer' && path.startsWith('/v1/push')) this.startWrites();
  }

  /** The device has started applying a pulled page. */
  applying(): void {
    if (this.plan.concurrentStart === 'while-pull-applies') this.startWrites();
  }

  /** The proxy's decision for this device's next request. */
  next(restartServer: () => Promise<void>): FaultAction & { index: number } {
    const index = this.requests++;
    const spec = this.plan.faults.get(index);
    if (!spec) return { kind: 'pass', index };
    this.applied.push(spec.kind);
    return {
      ...spec,
      index,
      abortClient: () => {
        if (killKinds.has(spec.kind)) this.killed = true;
        const reason = spec.kind === 'black-hole' ? new DOMException('The sync request timed out', 'TimeoutError') : new Error('client killed');
        this.controller.abort(reason);
      },
      restartServer,
    };
  }
}
