// One seeded convergence scenario: 3–5 replicas of one tenant work offline, sync in random order
// (sometimes two at once, sometimes while still writing) through the fault proxy, meet server
// restarts and kills, then sync twice more without faults; the checks then compare everything.
import type { EntityName } from '../../common/entities';
import { AppError } from '../../common/errors';
import { SeededRandom } from '../../main/demo/seeded-random';
import { StationSession } from '../../main/stations/station-session';
import { SyncEngine } from '../../main/sync/sync-engine';
import { pushResponseSchema } from '../../common/sync-protocol';
import { explainRejections, foldLog, fullPushProblems, ledgerProblems, oracleProblems, readLog, readOutbox, type DeviceRecord } from './convergence-checks';
import { onDeviceClock } from './convergence-clock';
import { cleanPlan, planAttempt, SyncAttempt, type AttemptPlan } from './convergence-faults';
import { editWeights, prepareCreateOf, prepareOperation, weighted, type OperationContext, type OperationKind, type PreparedOperation } from './convergence-operations';
import { deviceToken, lastLedgerSeq, readLedger, readPulls, type ReplicaPool, type ReplicaSlot } from './convergence-replicas';
import type { RestartableServer } from './convergence-server';
import { replicaState, serverState, stateDifferences } from './convergence-state';
import { RowRegistry, type RowNaming } from './convergence-values';
import type { FaultAction, FaultKind, FaultProxy, ProxiedRequest, UpstreamAnswer } from './fault-proxy';
import { quietLogger } from './local-station';
import type { SyncServerHarness } from './sync-server-harness';

export interface ConvergenceEnvironment {
  harness: SyncServerHarness;
  server: RestartableServer;
  proxy: FaultProxy;
  pool: ReplicaPool;
  router: ScenarioRouter;
}

/** Sends the proxy's questions to the scenario that is running. */
export class ScenarioRouter {
  current: ConvergenceScenario | null = null;

  decide(request: ProxiedRequest): FaultAction {
    return this.current?.decide(request) ?? { kind: 'pass' };
  }

  answered(request: ProxiedRequest, answer: UpstreamAnswer): void {
    this.current?.answered(request, answer);
  }
}

interface Device {
  index: number;
  name: string;
  slot: ReplicaSlot;
  skewMs: number;
  token: string;
  deviceId: string;
  engine: SyncEngine;
  attempt: SyncAttempt | null;
  /** Ledger entries up to here were made before connecting (the full push replaced them). */
  connectedAtLedgerSeq: number;
  /** Ledger entries up to here are the full push queued on connecting. */
  fullPushUntilSeq: number;
}

export interface ScenarioResult {
  seed: number;
  replicas: number;
  operations: Map<OperationKind, number>;
  faults: Map<FaultKind, number>;
  attempts: number;
  failedAttempts: number;
  reopens: number;
  restarts: number;
  /** Changes the server refused for a reason the scenario caused on purpose (kept on the device). */
  rejections: number;
  loggedChanges: number;
  ms: number;
  /** Milliseconds spent setting the replicas up (reset, offline work, connecting), in the rounds and final syncs, and checking. */
  phases: { setUp: number; syncs: number; checks: number };
  problems: string[];
  log: string[];
}

const attemptTimeoutMs = 15_000;
const maxConcurrentOperations = 3;
const baseEntities: EntityName[] = [
  'programs', 'locations', 'trials', 'studies', 'observation_units', 'observation_units', 'observation_units',
  'observation_variables', 'observation_variables', 'germplasm', 'stock_batches',
];
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ConvergenceScenario {
  readonly log: string[] = [];
  private readonly rng: SeededRandom;
  private readonly registry = new RowRegistry();
  private readonly devices: Device[] = [];
  private readonly acknowledged = new Set<string>();
  private readonly problems: string[] = [];
  private readonly operations = new Map<OperationKind, number>();
  private readonly faults = new Map<FaultKind, number>();
  private tenantId = '';
  private hotEntity: EntityName = 'germplasm';
  private codes = 0;
  private attempts = 0;
  private failedAttempts = 0;
  private reopens = 0;
  private restarts = 0;
  private rejections = 0;

  constructor(
    private readonly env: ConvergenceEnvironment,
    readonly seed: number,
    private readonly verbose: boolean,
  ) {
    this.rng = new SeededRandom(seed);
  }

  async run(): Promise<ScenarioResult> {
    const started = performance.now();
    this.env.router.current = this;
    try {
      await this.setUp();
      const setUp = performance.now();
      const rounds = this.rng.int(2, 3);
      for (let round = 1; round <= rounds; round++) await this.round(round);
      for (const pass of [1, 2]) {
        this.note(`— final fault-free syncs, pass ${pass}`);
        for (const device of this.rng.shuffle(this.devices)) await this.attempt(device, cleanPlan);
      }
      await this.env.proxy.idle();
      const synced = performance.now();
      const loggedChanges = await this.check();
      return this.result(loggedChanges, { setUp: setUp - started, syncs: synced - setUp, checks: performance.now() - synced });
    } finally {
      this.env.router.current = null;
      await this.env.proxy.idle();
      await this.env.server.settled();
    }
  }

  decide(request: ProxiedRequest): FaultAction {
    const device = this.devices.find((candidate) => candidate.token === request.token);
    if (!device?.attempt) return { kind: 'pass' };
    const action = device.attempt.next(() => this.env.server.restart());
    if (action.kind !== 'pass') {
      this.faults.set(action.kind, (this.faults.get(action.kind) ?? 0) + 1);
      if (action.kind === 'restart-in-flight') this.restarts += 1;
      this.note(`  ${device.name} request ${action.index} (${request.method} ${request.path.split('?')[0]}): ${action.kind}`);
    }
    return action;
  }

  /** Every change the server answered applied or duplicate for, whether or not the answer got through. */
  answered(request: ProxiedRequest, answer: UpstreamAnswer): void {
    this.devices.find((candidate) => candidate.token === request.token)?.attempt?.answered(request.path);
    if (!request.path.startsWith('/v1/push') || answer.status !== 200) return;
    const parsed = pushResponseSchema.safeParse(JSON.parse(answer.body.toString('utf8')));
    if (!parsed.success) return;
    for (const result of parsed.data.results) if (result.status !== 'rejected') this.acknowledged.add(result.changeId);
  }

  private note(line: string): void {
    this.log.push(line);
    if (this.verbose) console.log(`[seed ${this.seed}] ${line}`);
  }

  private context(device: Pick<Device, 'index' | 'slot'>, during?: { rng: SeededRandom; registry: RowNaming }): OperationContext {
    return {
      rng: during?.rng ?? this.rng,
      session: device.slot.session,
      registry: during?.registry ?? this.registry,
      replica: device.index,
      hotEntity: this.hotEntity,
      uniqueCode: (prefix) => `${prefix}-${this.seed}-${device.index}-${++this.codes}`,
    };
  }

  /**
   * Fresh local stations (some used offline first), each connected to the scenario's tenant with its
   * own user. The random draws happen one replica after the other; the connecting, which draws
   * nothing, runs for all replicas at once.
   */
  private async setUp(): Promise<void> {
    const { harness, pool, proxy } = this.env;
    this.tenantId = await harness.createTenant(`Convergence ${this.seed}`);
    const count = this.rng.int(3, 5);
    this.note(`tenant ${this.tenantId}, ${count} replicas`);
    const joining: { index: number; name: string; slot: ReplicaSlot; skewMs: number; offline: number; role: string }[] = [];
    for (let index = 0; index < count; index++) {
      const slot = pool.slots[index];
      if (!slot) throw new Error(`the pool has no replica ${index + 1}`);
      const name = `replica ${index + 1}`;
      await pool.reset(slot);
      const skewMs = this.rng.chance(0.4) ? this.rng.int(-180, 180) * 1000 : 0;
      const offline = this.rng.chance(0.3) ? this.rng.int(2, 8) : 0;
      this.note(`${name}: clock ${skewMs >= 0 ? '+' : ''}${skewMs / 1000} s${offline ? `, ${offline} changes before it first connects` : ''}`);
      for (let i = 0; i < offline; i++) {
        const operation = await onDeviceClock(skewMs, () => prepareOperation(this.context({ index, slot })));
        await this.perform({ name, skewMs }, operation, false);
      }
      joining.push({ index, name, slot, skewMs, offline, role: this.rng.pick(['station-manager', 'agronomist', 'admin']) });
    }
    const connected = await Promise.all(
      joining.map(async ({ slot, skewMs, role }) => {
        const userId = await harness.createUser(this.tenantId, role);
        const connectedAtLedgerSeq = await lastLedgerSeq(slot.session);
        const { queued } = await onDeviceClock(skewMs, () => pool.connect(slot, harness.owner, proxy.url, this.tenantId, userId));
        return { userId, connectedAtLedgerSeq, queued };
      }),
    );
    for (const [i, { index, name, slot, skewMs, offline }] of joining.entries()) {
      const { userId, connectedAtLedgerSeq, queued } = connected[i] ?? { userId: '', connectedAtLedgerSeq: 0, queued: 0 };
      if (offline > 0) {
        this.note(`${name} connects and queues ${queued} rows for the full push`);
        this.problems.push(...(await fullPushProblems(slot.session, name, (id) => this.registry.label(id))));
      }
      const token = await deviceToken(slot.session);
      const device: Device = {
        index, name, slot, skewMs, connectedAtLedgerSeq, fullPushUntilSeq: await lastLedgerSeq(slot.session), attempt: null, token,
        deviceId: slot.session.identity.deviceId, engine: this.engineFor(slot, token),
      };
      this.registry.register('users', userId, index);
      this.registry.register('devices', device.deviceId, index);
      this.devices.push(device);
    }
    // One station starts the season's set-up offline, so the others soon have plots to score and lots to move.
    const founder = this.rng.pick(this.devices);
    for (const entity of baseEntities) {
      const operation = await onDeviceClock(founder.skewMs, () => prepareCreateOf(this.context(founder), entity));
      if (operation) await this.perform(founder, operation, false);
    }
  }

  private engineFor(slot: ReplicaSlot, token: string): SyncEngine {
    return new SyncEngine(slot.session, { baseUrl: this.env.proxy.url, token }, { logger: quietLogger, onStatus: () => undefined });
  }

  private async round(round: number): Promise<void> {
    this.hotEntity = weighted(this.rng, editWeights);
    this.note(`— round ${round}: offline work (edits gather on ${this.hotEntity})`);
    for (const device of this.rng.shuffle(this.devices)) {
      const count = this.rng.int(0, 4);
      for (let i = 0; i < count; i++) await this.perform(device, await this.prepare(device), false);
    }
    this.note(`— round ${round}: syncs`);
    const syncing = this.rng.shuffle(this.devices).filter(() => this.rng.chance(0.8));
    for (let i = 0; i < syncing.length; ) {
      if (this.rng.chance(0.06)) {
        this.note('server restarts');
        this.restarts += 1;
        await this.env.server.restart();
      }
      const size = i + 1 < syncing.length && this.rng.chance(0.35) ? 2 : 1;
      await this.step(syncing.slice(i, i + size));
      i += size;
    }
  }

  /** One device syncs, or two at once; each attempt meets its planned faults. */
  private async step(devices: Device[]): Promise<void> {
    const plans = devices.map(() => planAttempt(this.rng, devices.length > 1));
    const during = devices.map((device) => ({ rng: this.rng.fork(`during ${this.attempts} ${device.index}`), registry: this.registry.reserve(maxConcurrentOperations) }));
    const outcomes = await Promise.all(devices.map((device, i) => this.attempt(device, plans[i] ?? cleanPlan, during[i])));
    await this.env.server.settled();
    await this.env.proxy.idle();
    for (const [i, device] of devices.entries()) {
      const plan = plans[i] ?? cleanPlan;
      const outcome = outcomes[i];
      if (outcome?.killed && plan.reopenAfterKill) {
        this.note(`  ${device.name} is closed and reopened from disk`);
        await this.env.pool.reopen(device.slot);
        device.engine = this.engineFor(device.slot, device.token);
        this.reopens += 1;
      }
      if (outcome && !outcome.ok && plan.retryAfterFailure) await this.attempt(device, cleanPlan);
    }
  }

  /**
   * One syncOnce of the device through the proxy, with the plan's faults. Meanwhile the device may
   * keep writing: those changes are drawn one at a time from their own generator (what the replica
   * holds then depends on how far the sync got, and must not shift the rest of the scenario).
   */
  private async attempt(device: Device, plan: AttemptPlan, during?: { rng: SeededRandom; registry: RowNaming }): Promise<{ ok: boolean; killed: boolean }> {
    const attempt = new SyncAttempt(plan);
    const clean = plan.faults.size === 0;
    const faults = [...plan.faults].map(([index, spec]) => `${spec.kind}@${index}`).join(', ');
    const writes = during ? plan.concurrentOperations : 0;
    this.note(`  ${device.name} syncs${clean ? '' : ` (planned: ${faults})`}${writes ? ` while making ${writes} changes (${plan.concurrentStart})` : ''}`);
    device.attempt = attempt;
    this.attempts += 1;
    const signal = AbortSignal.any([attempt.controller.signal, AbortSignal.timeout(attemptTimeoutMs)]);
    const session = device.slot.session;
    // Observe (not change) the moment a pulled page starts being applied: a write then races its commit.
    session.applyRemote = (changes, cursor) => {
      const applying = StationSession.prototype.applyRemote.call(session, changes, cursor);
      attempt.applying();
      return applying;
    };
    const syncing = onDeviceClock(device.skewMs, () => device.engine.syncOnce(signal));
    const working = (async () => {
      for (let k = 0; k < writes && during; k++) {
        const operation = await onDeviceClock(device.skewMs, () => prepareOperation(this.context(device, during)));
        if (k === 0) await Promise.race([attempt.writesMayStart, syncing.catch(() => undefined)]);
        await this.perform(device, operation, true);
      }
    })();
    const [outcome] = await Promise.allSettled([syncing, working]);
    Reflect.deleteProperty(session, 'applyRemote');
    device.attempt = null;
    if (outcome.status === 'fulfilled') return { ok: true, killed: attempt.killed };
    this.failedAttempts += 1;
    this.note(`  ${device.name}'s sync failed: ${messageOf(outcome.reason)}`);
    if (clean) this.problems.push(`${device.name}'s fault-free sync failed: ${messageOf(outcome.reason)}`);
    return { ok: false, killed: attempt.killed };
  }

  private prepare(device: Device): Promise<PreparedOperation> {
    return onDeviceClock(device.skewMs, () => prepareOperation(this.context(device)));
  }

  /**
   * Runs a local write. One made during a sync was drawn before the pull landed, so the app may
   * now refuse it, as it would refuse the user: its plot was deleted, or its value is outside a
   * range narrowed meanwhile. Any other failure is a problem.
   */
  private async perform(device: Pick<Device, 'name' | 'skewMs'>, operation: PreparedOperation, duringSync: boolean): Promise<void> {
    this.note(`${duringSync ? '  ' : ''}${device.name}: ${operation.summary}`);
    try {
      await onDeviceClock(device.skewMs, () => operation.run());
      this.operations.set(operation.kind, (this.operations.get(operation.kind) ?? 0) + 1);
    } catch (error) {
      if (duringSync && error instanceof AppError && (error.code === 'not-found' || error.code === 'validation')) {
        this.note(`  ${device.name}: refused locally (${error.message})`);
        return;
      }
      this.problems.push(`${device.name} could not ${operation.summary}: ${messageOf(error)}`);
    }
  }

  private async check(): Promise<number> {
    const { owner } = this.env.harness;
    const label = (id: string): string => this.registry.label(id);
    const log = await readLog(owner, this.tenantId);
    const server = await serverState(owner, this.tenantId);
    this.problems.push(...oracleProblems(foldLog(log), server, label));
    const records: DeviceRecord[] = [];
    for (const device of this.devices) {
      const session = device.slot.session;
      const names = { actual: device.name, expected: 'the server' };
      const outbox = await readOutbox(session);
      const divergence = explainRejections(outbox, log);
      this.rejections += divergence.explained.size;
      this.problems.push(...stateDifferences(await replicaState(session), server, names, label, divergence));
      records.push({
        name: device.name, deviceId: device.deviceId, cursor: await session.pullCursor(), fullPushUntilSeq: device.fullPushUntilSeq,
        ledger: await readLedger(session, device.connectedAtLedgerSeq), pulls: await readPulls(session), outbox, divergence,
      });
    }
    this.problems.push(...ledgerProblems(log, records, this.acknowledged, label));
    return log.length;
  }

  private result(loggedChanges: number, phases: ScenarioResult['phases']): ScenarioResult {
    return {
      seed: this.seed, replicas: this.devices.length, operations: this.operations, faults: this.faults, attempts: this.attempts,
      failedAttempts: this.failedAttempts, reopens: this.reopens, restarts: this.restarts, rejections: this.rejections, loggedChanges,
      ms: phases.setUp + phases.syncs + phases.checks, phases, problems: this.problems, log: this.log,
    };
  }
}
