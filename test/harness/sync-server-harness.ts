// A real sync server for integration tests: a throwaway Postgres + PostGIS cluster, a central
// database migrated as the owner role, and the server in-process on a free port as fieldstation_app.
import pg from 'pg';
import type { EntityName } from '../../common/entities';
import { encodeClock, tick, type ClockState } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import { protocolVersion, type Change, type PullResponse, type PushResponse } from '../../common/sync-protocol';
import { createEnrolmentCode, createTenant, createUser } from '../../sync-server/admin-operations';
import { createSyncServer, type SyncServer, type SyncServerConfig } from '../../sync-server/create-server';
import { provisionCentralDatabase, type CentralDatabase } from '../../sync-server/local-database';
import { ServerClock } from '../../sync-server/server-clock';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { emptyNoteState } from '../../common/notes/note-document';
import { explanationRowId } from '../../common/stock/count-ids';

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed JSON); `body` is ignored when set. */
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Operation = Change['operation'];

/** An enrolled device: its token, its own hybrid clock, and helpers to talk to the server. */
export class TestDevice {
  private clock: ClockState = { wallMs: 0, counter: 0 };

  constructor(
    private readonly harness: SyncServerHarness,
    readonly token: string,
    readonly deviceId: string,
    readonly tenantId: string,
    readonly userId: string,
  ) {}

  /** The next clock value of this device (monotonic, like the app's). */
  nextHlc(): string {
    this.clock = tick(this.clock, Date.now());
    return encodeClock(this.clock, this.deviceId);
  }

  /** A clock value at a chosen wall time, for changes that must arrive "out of order". */
  hlcAt(wallMs: number, counter = 0): string {
    return encodeClock({ wallMs, counter }, this.deviceId);
  }

  change(entity: EntityName, operation: Operation, rowId: string, fields: Record<string, unknown>, hlc = this.nextHlc()): Change {
    return { changeId: newId(), entity, operation, rowId, fields, hlc, schemaVersion: 1 };
  }

  push(changes: Change[], version = protocolVersion): Promise<HttpAnswer<PushResponse>> {
    return this.harness.request('POST', '/v1/push', { token: this.token, body: { protocolVersion: version, changes } }) as Promise<HttpAnswer<PushResponse>>;
  }

  /** Pushes and insists on HTTP 200; returns the per-change statuses in order. */
  async pushOk(changes: Change[]): Promise<PushResponse['results']> {
    const answer = await this.push(changes);
    if (answer.status !== 200) throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.results;
  }

  pull(after = '0', limit?: number): Promise<HttpAnswer<PullResponse>> {
    const query = new URLSearchParams({ after, ...(limit === undefined ? {} : { limit: String(limit) }) });
    return this.harness.request('GET', `/v1/pull?${query}`, { token: this.token }) as Promise<HttpAnswer<PullResponse>>;
  }

  wait(after: string, signal?: AbortSignal): Promise<HttpAnswer<PullResponse>> {
    return this.harness.request('GET', `/v1/changes/wait?after=${after}`, { token: this.token, signal }) as Promise<HttpAnswer<PullResponse>>;
  }
}

export interface SyncServerHarness {
  cluster: PgCluster;
  central: CentralDatabase;
  /** The owner's pool: for arranging and checking rows behind the server's back. */
  owner: pg.Pool;
  server: SyncServer;
  baseUrl: string;
  request(method: 'GET' | 'POST', path: string, options?: RequestOptions): Promise<HttpAnswer>;
  createTenant(name?: string): Promise<string>;
  createUser(tenantId: string, role?: string): Promise<string>;
  /** Issues a code as the admin would, and redeems it over HTTP as the app would. */
  enrolDevice(tenantId: string, userId: string, stationIds?: string[]): Promise<TestDevice>;
  /** A new tenant with one user of the role and one enrolled device. */
  newTenantDevice(role?: string): Promise<TestDevice>;
  stop(): Promise<void>;
}

export async function startSyncServerHarness(config: Partial<SyncServerConfig> = {}): Promise<SyncServerHarness> {
  const cluster = await startPgCluster();
  try {
    const central = await provisionCentralDatabase(cluster.superuserUrl(), 'fieldstation_test');
    const owner = new pg.Pool({ connectionString: central.ownerUrl, max: 4 });
    owner.on('error', () => undefined); // idle connections are cut when the cluster stops
    const server = await createSyncServer({ logLevel: 'silent', ...config, databaseUrl: central.appUrl });
    const baseUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const clock = new ServerClock();

    const request = async (method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<HttpAnswer> => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: options.signal });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed };
    };

    const harness: SyncServerHarness = {
      cluster,
      central,
      owner,
      server,
      baseUrl,
      request,
      createTenant: (name = `Tenant ${newId().slice(-6)}`) => createTenant(owner, clock, name),
      createUser: (tenantId, role = 'agronomist') => createUser(owner, clock, { tenantId, name: `User ${role}`, role }),
      async enrolDevice(tenantId, userId, stationIds) {
        const { code } = await createEnrolmentCode(owner, { tenantId, userId, stationIds: stationIds ?? null });
        const answer = await request('POST', '/v1/enrol', { body: { protocolVersion, code, deviceName: 'Test laptop' } });
        if (answer.status !== 200) throw new Error(`enrol answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        const enrolled = answer.body as { token: string; deviceId: string };
        return new TestDevice(harness, enrolled.token, enrolled.deviceId, tenantId, userId);
      },
      async newTenantDevice(role = 'agronomist') {
        const tenantId = await harness.createTenant();
        const userId = await harness.createUser(tenantId, role);
        return harness.enrolDevice(tenantId, userId);
      },
      async stop() {
        await server.close().catch(() => undefined);
        await owner.end().catch(() => undefined);
        await cluster.stop();
      },
    };
    return harness;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Row ids of a small but complete trial set-up, so observation tests have something to score. */
export interface TrialFixture {
  stationId: string;
  trialId: string;
  studyId: string;
  unitIds: string[];
  heightId: string;
  diseaseId: string;
}

/** The changes that create a station, a trial, a study with plots, and two variables. */
export function trialFixtureChanges(device: TestDevice, plots = 3): { fixture: TrialFixture; changes: Change[] } {
  const fixture: TrialFixture = {
    stationId: newId(),
    trialId: newId(),
    studyId: newId(),
    unitIds: Array.from({ length: plots }, () => newId()),
    heightId: newId(),
    diseaseId: newId(),
  };
  const changes = [
    device.change('locations', 'insert', fixture.stationId, {
      kind: 'station', code: `ST-${fixture.stationId.slice(-6)}`, name: 'North station',
      geometry: { type: 'Polygon', coordinates: [[[5.66, 51.98], [5.67, 51.98], [5.67, 51.99], [5.66, 51.99], [5.66, 51.98]]] },
    }),
    device.change('trials', 'insert', fixture.trialId, { name: 'Wheat yield 2026', start_date: '2026-03-01' }),
    device.change('studies', 'insert', fixture.studyId, { trial_id: fixture.trialId, location_id: fixture.stationId, name: 'Wheat at North', layout_rows: 1, layout_columns: plots }),
    ...fixture.unitIds.map((id, i) => device.change('observation_units', 'insert', id, { study_id: fixture.studyId, kind: 'plot', plot_number: i + 1, barcode: `P${i + 1}` })),
    device.change('observation_variables', 'insert', fixture.heightId, {
      name: 'Plant height', trait: 'height', scale_type: 'numeric', unit: 'cm', minimum: 0, maximum: 300, decimal_places: 1,
    }),
    device.change('observation_variables', 'insert', fixture.diseaseId, {
      name: 'Disease score', trait: 'disease', scale_type: 'ordinal', minimum: 1, maximum: 9,
    }),
  ];
  return { fixture, changes };
}

/** Pushes the trial fixture and insists that every change applied. */
export async function seedTrial(device: TestDevice, plots = 3): Promise<TrialFixture> {
  const { fixture, changes } = trialFixtureChanges(device, plots);
  const results = await device.pushOk(changes);
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length > 0) throw new Error(`fixture not applied: ${JSON.stringify(refused)}`);
  return fixture;
}

export function observation(device: TestDevice, unitId: string, variableId: string, value: string, extra: Record<string, unknown> = {}): Change {
  return device.change('observations', 'insert', newId(), {
    unit_id: unitId, variable_id: variableId, value, observed_at: new Date().toISOString(), device_id: device.deviceId, collector_id: device.userId, ...extra,
  });
}

/** One row in every entity table a device may write (the trial fixture plus the rest), all applied. */
export async function seedEveryEntity(device: TestDevice): Promise<TrialFixture & Record<'germplasmId' | 'programId' | 'studyVariableId' | 'observationId' | 'batchId' | 'movementId' | 'photoId' | 'noteId' | 'countId', string>> {
  const fixture = await seedTrial(device, 2);
  const ids = {
    germplasmId: newId(), programId: newId(), studyVariableId: newId(), observationId: newId(),
    batchId: newId(), movementId: newId(), photoId: newId(), noteId: newId(), countId: newId(),
  };
  const unitId = fixture.unitIds[0] ?? '';
  const changes = [
    device.change('germplasm', 'insert', ids.germplasmId, { name: 'Apex', accession_number: 'ACC-1', species: 'Triticum aestivum' }),
    device.change('programs', 'insert', ids.programId, { name: 'Wheat', description: 'Winter wheat' }),
    device.change('study_variables', 'insert', ids.studyVariableId, { study_id: fixture.studyId, variable_id: fixture.heightId, position: 1 }),
    device.change('observations', 'insert', ids.observationId, {
      unit_id: unitId, variable_id: fixture.heightId, value: '42.5', value_number: 42.5, observed_at: '2026-05-14T09:30:00Z', device_id: device.deviceId, collector_id: device.userId,
    }),
    device.change('stock_batches', 'insert', ids.batchId, { code: `LOT-${ids.batchId.slice(-6)}`, kind: 'seed-lot', unit: 'seeds', germplasm_id: ids.germplasmId, unit_cost: '0.25', received_on: '2026-02-01' }),
    device.change('stock_movements', 'insert', ids.movementId, {
      batch_id: ids.batchId, kind: 'receive', quantity: 5000, to_location_id: fixture.stationId, occurred_at: '2026-02-01T08:00:00Z', recorded_by: device.userId, device_id: device.deviceId,
    }),
    device.change('photos', 'insert', ids.photoId, {
      sha256: 'a'.repeat(64), mime_type: 'image/jpeg', byte_size: 123456, latitude: 51.98, longitude: 5.66, subject_kind: 'observation-unit', subject_id: unitId, created_by: device.userId,
    }),
    device.change('notes', 'insert', ids.noteId, { subject_kind: 'study', subject_id: fixture.studyId, ydoc: Buffer.from(emptyNoteState()).toString('base64') }),
    device.change('observation_units', 'update', unitId, { germplasm_id: ids.germplasmId, geometry: { type: 'Point', coordinates: [5.661, 51.981] }, attributes: { shade: true } }),
    device.change('stock_counts', 'insert', ids.countId, { location_id: fixture.stationId, name: 'Spring count', snapshot_at: '2026-03-01T12:00:00Z', status: 'open' }),
    device.change('stock_count_lines', 'insert', newId(), { count_id: ids.countId, batch_id: ids.batchId, location_id: fixture.stationId, quantity: 4990, counted_at: '2026-03-01T12:30:00Z' }),
    device.change('stock_count_explanations', 'insert', explanationRowId(ids.countId, ids.batchId, fixture.stationId), {
      count_id: ids.countId, batch_id: ids.batchId, location_id: fixture.stationId, explanation: 'Ten seeds spilled',
    }),
  ];
  const results = await device.pushOk(changes);
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length > 0) throw new Error(`seed not applied: ${JSON.stringify(refused)}`);
  return { ...fixture, ...ids };
}
