import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, entityNames, isMutable } from '../../common/entities';
import { snapshotHeaders, type SnapshotSummary } from '../../common/snapshot-protocol';
import { newId } from '../../common/ids';
import { revokeDevice } from '../../sync-server/admin-operations';
import { pgError } from '../../sync-server/db/pg-errors';
import { observation, seedEveryEntity, startSyncServerHarness, type SyncServerHarness, type TestDevice } from '../harness/sync-server-harness';

/** Every table that holds tenant data: each entity's table and the server's own. */
const tenantTables = [...entityNames.map((name) => entities[name].table), 'enrolment_codes', 'changes', 'tenant_sequences'];
const tenantColumn = (table: string): string => (table === 'tenants' ? 'id' : 'tenant_id');

describe('sync server: tenant isolation', () => {
  let harness: SyncServerHarness;
  let a: TestDevice;
  let b: TestDevice;
  let bRows: Awaited<ReturnType<typeof seedEveryEntity>>;
  let app: pg.Client;

  /** A fingerprint of all of a tenant's rows in every table, taken as the owner. */
  async function fingerprint(tenantId: string): Promise<Record<string, string>> {
    const prints: Record<string, string> = {};
    for (const table of tenantTables) {
      const result = await harness.owner.query<{ print: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS print FROM ${table} t WHERE ${tenantColumn(table)} = $1`,
        [tenantId],
      );
      prints[table] = result.rows[0]?.print ?? '';
    }
    return prints;
  }

  async function countAs(client: pg.ClientBase, table: string, where = ''): Promise<number> {
    const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} ${where}`);
    return result.rows[0]?.n ?? -1;
  }

  /** Runs a statement as fieldstation_app in tenant A's transaction; returns rows affected, or the SQLSTATE if refused. */
  async function asTenantA(sql: string, params: unknown[] = []): Promise<number | string> {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      const result = await app.query(sql, params);
      return result.rowCount ?? 0;
    } catch (error) {
      return error instanceof pg.DatabaseError ? (error.code ?? 'unknown') : 'not a database error';
    } finally {
      await app.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    harness = await startSyncServerHarness({ longPollTimeoutMs: 300 });
    a = await harness.newTenantDevice();
    b = await harness.newTenantDevice();
    await seedEveryEntity(a);
    bRows = await seedEveryEntity(b);
    app = new pg.Client({ connectionString: harness.central.appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await harness?.stop();
  });

  describe('in SQL, as the application role', () => {
    it('every table that holds tenant data has row-level security enabled and forced', async () => {
      const result = await harness.owner.query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
        `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = c.relname) AS policies
           FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
            AND c.relname NOT IN ('schema_migrations', 'spatial_ref_sys')
          ORDER BY c.relname`,
      );
      expect(result.rows.map((row) => row.table).sort()).toEqual([...tenantTables].sort());
      for (const row of result.rows) expect(row).toEqual({ table: row.table, enabled: true, forced: true, policies: 1 });
    });

    it('sees only its own tenant, even when a query forgets the tenant filter', async () => {
      for (const table of tenantTables) {
        if (table === 'enrolment_codes') {
          expect(await asTenantA(`SELECT 1 FROM enrolment_codes`)).toBe(pgError.insufficientPrivilege);
          continue;
        }
        const owned = await harness.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${tenantColumn(table)} = $1`, [a.tenantId]);
        expect({ table, rows: await asTenantA(`SELECT ${tenantColumn(table)} FROM ${table}`) }).toEqual({ table, rows: owned.rows[0]?.n });
        expect({ table, rows: await asTenantA(`SELECT ${tenantColumn(table)} FROM ${table} WHERE ${tenantColumn(table)} = $1`, [b.tenantId]) }).toEqual({ table, rows: 0 });
      }
    });

    it("cannot update or delete another tenant's rows, nor move its own rows into another tenant", async () => {
      const before = await fingerprint(b.tenantId);
      for (const table of tenantTables) {
        const column = tenantColumn(table);
        const update = await asTenantA(`UPDATE ${table} SET ${column} = ${column} WHERE ${column} = $1`, [b.tenantId]);
        const appendOnly = ['enrolment_codes', 'tenants', 'users', 'devices', 'observations', 'stock_movements', 'stock_count_lines', 'changes'];
        expect({ table, update }).toEqual({ table, update: appendOnly.includes(table) ? pgError.insufficientPrivilege : 0 });
        const forgetful = await asTenantA(`DELETE FROM ${table}`);
        expect({ table, forgetful }).toEqual({ table, forgetful: pgError.insufficientPrivilege });
        const moved = await asTenantA(`UPDATE ${table} SET ${column} = $1`, [b.tenantId]);
        expect({ table, moved }).toEqual({ table, moved: pgError.insufficientPrivilege });
      }
      expect(await fingerprint(b.tenantId)).toEqual(before);
    });

    it("cannot insert rows carrying another tenant's id", async () => {
      const before = await fingerprint(b.tenantId);
      for (const table of tenantTables) {
        const column = tenantColumn(table);
        const sample = await harness.owner.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE ${column} = $1 LIMIT 1`, [b.tenantId]);
        const row = { ...sample.rows[0]?.row };
        expect({ table, sampled: Object.keys(row).length > 0 }).toEqual({ table, sampled: true });
        for (const key of ['id', 'change_id', 'code_hash']) if (key in row) row[key] = key === 'code_hash' ? 'f'.repeat(64) : newId();
        if ('seq' in row) row['seq'] = 999_999;
        if ('geometry' in row) row['geometry'] = null;
        if ('token_hash' in row) row['token_hash'] = null;
        const inserted = await asTenantA(`INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, $1::jsonb)`, [JSON.stringify(row)]);
        expect({ table, inserted }).toEqual({ table, inserted: pgError.insufficientPrivilege });
      }
      expect(await fingerprint(b.tenantId)).toEqual(before);
    });

    it('sees nothing when no tenant is set, and a tenant set in one transaction does not outlive it', async () => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
      expect(await countAs(app, 'observations')).toBeGreaterThan(0);
      await app.query('COMMIT');
      for (const table of tenantTables.filter((t) => t !== 'enrolment_codes')) {
        expect({ table, rows: await countAs(app, table) }).toEqual({ table, rows: 0 });
      }
    });

    it('cannot read token hashes or enrolment codes directly', async () => {
      expect(await asTenantA('SELECT token_hash FROM devices')).toBe(pgError.insufficientPrivilege);
      expect(await asTenantA('SELECT code_hash FROM enrolment_codes')).toBe(pgError.insufficientPrivilege);
    });
  });

  describe('over HTTP, as a device of tenant A', () => {
    it("cannot change, reference or read tenant B's rows through a push", async () => {
      const before = await fingerprint(b.tenantId);
      const results = await a.pushOk([
        a.change('locations', 'update', bRows.stationId, { name: 'Taken over' }),
        a.change('observation_units', 'insert', newId(), { study_id: bRows.studyId, kind: 'plot', plot_number: 99 }),
        observation(a, bRows.unitIds[0] ?? '', bRows.heightId, '10.0'),
        a.change('trials', 'delete', bRows.trialId, {}),
        a.change('programs', 'insert', newId(), { name: 'Forged', tenant_id: b.tenantId }),
        a.change('stock_movements', 'insert', newId(), { batch_id: bRows.batchId, kind: 'dispose', quantity: 5000, occurred_at: '2026-03-01T00:00:00Z' }),
      ]);
      expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
        'unknown-reference', 'unknown-reference', 'unknown-reference', 'unknown-reference', 'invalid-field', 'unknown-reference',
      ]);
      expect(await fingerprint(b.tenantId)).toEqual(before);
    });

    it("creating a row with one of B's row ids makes A's own row and leaves B's untouched", async () => {
      const before = await fingerprint(b.tenantId);
      const [result] = await a.pushOk([a.change('programs', 'insert', bRows.programId, { name: 'Same id, other tenant' })]);
      expect(result?.status).toBe('applied');
      expect(await fingerprint(b.tenantId)).toEqual(before);
      const names = await harness.owner.query<{ tenant_id: string; name: string }>('SELECT tenant_id::text, name FROM programs WHERE id = $1 ORDER BY name', [bRows.programId]);
      expect(names.rows).toEqual([{ tenant_id: a.tenantId, name: 'Same id, other tenant' }, { tenant_id: b.tenantId, name: 'Wheat' }]);
    });

    it("pulls only A's changes, whatever the cursor", async () => {
      const bChanges = await harness.owner.query<{ change_id: string; row_id: string }>('SELECT change_id::text, row_id::text FROM changes WHERE tenant_id = $1', [b.tenantId]);
      const bChangeIds = new Set(bChanges.rows.map((row) => row.change_id));
      const head = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [a.tenantId]);
      for (const after of ['0', '3', '999999', '9223372036854775807']) {
        const pulled = await a.pull(after);
        const waited = await a.wait(after);
        if (BigInt(after) > BigInt(head.rows[0]?.last_seq ?? '0')) {
          // Past A's own log (even if B's log reaches that far): A is told its history is behind, nothing else.
          for (const answer of [pulled, waited]) expect(answer).toMatchObject({ status: 409, body: { error: { details: { reason: 'history-behind' } } } });
          continue;
        }
        expect(pulled.status).toBe(200);
        expect(pulled.body.changes.filter((c) => bChangeIds.has(c.changeId))).toEqual([]);
        expect(waited.body.changes.filter((c) => bChangeIds.has(c.changeId))).toEqual([]);
      }
      const all = await a.pull('0');
      expect(all.body.changes.some((c) => c.entity === 'tenants' && c.rowId === b.tenantId)).toBe(false);
      expect(all.body.changes.length).toBeGreaterThan(0);
    });

    it("reads none of B's rows through the snapshot, whatever it asks for", async () => {
      const summary = await harness.request('GET', '/v1/snapshot', { token: a.token });
      expect(summary.status).toBe(200);
      const head = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [a.tenantId]);
      expect((summary.body as SnapshotSummary).cursor).toBe(head.rows[0]?.last_seq);
      for (const entity of entityNames) {
        const table = entities[entity].table;
        const column = table === 'tenants' ? 'id' : 'tenant_id';
        const own = await harness.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [a.tenantId]);
        // (An id both tenants use, made in an earlier test, is A's own row too.)
        const theirs = await harness.owner.query<{ id: string }>(
          `SELECT id::text FROM ${table} t WHERE ${column} = $1 AND NOT EXISTS (SELECT 1 FROM ${table} o WHERE o.${column} = $2 AND o.id = t.id)`,
          [b.tenantId, a.tenantId],
        );
        expect((summary.body as SnapshotSummary).tables.find((t) => t.entity === entity)?.rows, entity).toBe(own.rows[0]?.n);
        // From the start, and from "after" one of B's own ids: only A's rows, never B's bytes.
        for (const after of [null, theirs.rows[0]?.id ?? null]) {
          const query = new URLSearchParams({ cursor: '0', ...(after === null ? {} : { after }) });
          const response = await fetch(`${harness.baseUrl}/v1/snapshot/${entity}?${query}`, { headers: { authorization: `Bearer ${a.token}` } });
          expect(response.status, entity).toBe(200);
          const data = Buffer.from(await response.arrayBuffer());
          expect(Number(response.headers.get(snapshotHeaders.rows))).toBeLessThanOrEqual(own.rows[0]?.n ?? 0);
          for (const { id } of theirs.rows) expect(data.indexOf(Buffer.from(id.replaceAll('-', ''), 'hex')), `${entity} ${id}`).toBe(-1);
        }
        if (!isMutable(entity)) continue;
        for (const { id } of theirs.rows) {
          const read = await harness.request('GET', `/v1/rows/${entity}/${id}`, { token: a.token });
          expect(read.status, `${entity} ${id}`).toBe(404);
        }
      }
    });

    it('is refused on every endpoint once its device is revoked, and writes nothing', async () => {
      const victim = await harness.enrolDevice(a.tenantId, a.userId);
      await revokeDevice(harness.owner, victim.deviceId);
      const before = await fingerprint(a.tenantId);
      const answers = [
        await victim.push([observation(victim, bRows.unitIds[0] ?? '', bRows.heightId, '10.0')]),
        await victim.pull('0'),
        await victim.wait('0'),
        await harness.request('GET', '/v1/snapshot', { token: victim.token }),
        await harness.request('GET', '/v1/snapshot/observations?cursor=0', { token: victim.token }),
        await harness.request('GET', `/v1/rows/locations/${bRows.stationId}`, { token: victim.token }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('revoked') } });
      }
      expect(await fingerprint(a.tenantId)).toEqual(before);
    });
  });
});
