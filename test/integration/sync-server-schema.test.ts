import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, entities, entityNames, type FieldType } from '../../common/entities';
import { protocolVersion } from '../../common/sync-protocol';
import { createEnrolmentCode } from '../../sync-server/admin-operations';
import { createSyncServer } from '../../sync-server/create-server';
import { migrate } from '../../sync-server/migrate';
import { centralMigrations } from '../../sync-server/migrations';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';

/** How each entity field type is stored on the server (format_type). */
const serverTypes: Record<FieldType, string> = {
  uuid: 'uuid',
  'uuid[]': 'uuid[]',
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  numeric: 'numeric',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
  geometry: 'geometry(Geometry,4326)',
  bytea: 'bytea',
};

/** Server-only columns of entity tables. */
const serverOnlyColumns: Record<string, Record<string, string>> = {
  devices: { token_hash: 'text', revoked_at: 'timestamp with time zone' },
};

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
}

describe('sync server: central schema', () => {
  let harness: SyncServerHarness;
  let columns: ColumnRow[];

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    const result = await harness.owner.query<ColumnRow>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    columns = result.rows;
  });
  afterAll(async () => harness?.stop());

  it.each(entityNames)('stores %s with the columns of its entity definition', (name) => {
    const table = entities[name].table;
    const actual = columns.filter((c) => c.table === table).map(({ column, type, nullable }) => ({ column, type, nullable }));
    const expected = [
      ...Object.entries(columnsOf(name)).map(([column, field]) => ({ column, type: serverTypes[field.type], nullable: field.nullable === true })),
      ...Object.entries(serverOnlyColumns[table] ?? {}).map(([column, type]) => ({ column, type, nullable: true })),
    ];
    const byName = (a: { column: string }, b: { column: string }): number => a.column.localeCompare(b.column);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });

  it('indexes every geometry column with GiST', async () => {
    const geometryColumns = columns.filter((c) => c.type.startsWith('geometry')).map((c) => `${c.table}.${c.column}`);
    const result = await harness.owner.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%USING gist%'`);
    expect(geometryColumns.sort()).toEqual(['locations.geometry', 'observation_units.geometry']);
    for (const column of geometryColumns) {
      const [table, name] = column.split('.');
      expect(result.rows.some((row) => row.def.includes(`ON public.${table} USING gist (${name})`))).toBe(true);
    }
  });

  it('gives the application role no table, no superuser and no way around row-level security', async () => {
    const role = await harness.owner.query(
      `SELECT rolsuper, rolbypassrls, (SELECT count(*)::int FROM pg_tables WHERE tableowner = 'fieldstation_app') AS owned
         FROM pg_roles WHERE rolname = 'fieldstation_app'`,
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  it('refuses to serve through a role that bypasses row-level security', async () => {
    await expect(createSyncServer({ databaseUrl: harness.central.ownerUrl, logLevel: 'silent' })).rejects.toThrow(/bypasses row-level security/);
  });

  it('runs the two lookups before the tenant is known as owner-defined functions with a pinned search_path', async () => {
    const result = await harness.owner.query<{ name: string; definer: boolean; config: string[]; owner: string; public_can_run: boolean }>(
      `SELECT p.proname AS name, p.prosecdef AS definer, p.proconfig AS config, pg_get_userbyid(p.proowner) AS owner,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public_can_run
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname IN ('device_for_token', 'redeem_enrolment_code')
        ORDER BY p.proname`,
    );
    expect(result.rows).toEqual([
      { name: 'device_for_token', definer: true, config: ['search_path=pg_catalog, pg_temp'], owner: 'fieldstation_owner', public_can_run: false },
      { name: 'redeem_enrolment_code', definer: true, config: ['search_path=pg_catalog, pg_temp'], owner: 'fieldstation_owner', public_can_run: false },
    ]);
  });

  it('keeps only the SHA-256 of device tokens and enrolment codes', async () => {
    const tenantId = await harness.createTenant();
    const userId = await harness.createUser(tenantId);
    const { code } = await createEnrolmentCode(harness.owner, { tenantId, userId });
    const answer = await harness.request('POST', '/v1/enrol', { body: { protocolVersion, code, deviceName: 'Bench laptop' } });
    const { token, deviceId } = answer.body as { token: string; deviceId: string };
    const stored = await harness.owner.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE id = $1', [deviceId]);
    expect(stored.rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const codes = await harness.owner.query<{ code_hash: string }>('SELECT code_hash FROM enrolment_codes WHERE tenant_id = $1', [tenantId]);
    expect(codes.rows.map((row) => row.code_hash)).toEqual([createHash('sha256').update(code.replace(/-/g, '')).digest('hex')]);
  });

  it('migrating again changes nothing', async () => {
    const client = new pg.Client({ connectionString: harness.central.ownerUrl });
    await client.connect();
    try {
      expect(await migrate(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('refuses a database holding a migration it does not know, leaves it untouched, and reports not ready', async () => {
    const client = new pg.Client({ connectionString: harness.central.ownerUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO schema_migrations (id, name) VALUES (999, '999-from-the-future')`);
      await expect(migrate(client)).rejects.toThrow(/migrated by a newer Field Station sync server/);
      const ids = await client.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(ids.rows.map((row) => row.id)).toEqual([...centralMigrations.map((m) => m.id), 999]);
      const ready = await harness.request('GET', '/ready');
      expect(ready).toMatchObject({ status: 503, body: { error: { code: 'offline', message: expect.stringContaining('newer sync server') } } });
    } finally {
      await client.query('DELETE FROM schema_migrations WHERE id = 999');
      await client.end();
    }
    expect((await harness.request('GET', '/ready')).status).toBe(200);
  });
});
