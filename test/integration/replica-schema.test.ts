import { PGlite } from '@electric-sql/pglite';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, entities, entityNames, type FieldType } from '../../common/entities';
import { replicaMigrations } from '../../main/replica/migrations';
import type { StationSession } from '../../main/stations/station-session';
import { openLocalStation } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

/** How each entity field type is stored in the replica (PGlite). */
const replicaTypes: Record<FieldType, string> = {
  uuid: 'uuid',
  'uuid[]': 'ARRAY',
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  numeric: 'numeric',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
  geometry: 'jsonb',
  bytea: 'bytea',
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

describe('the replica schema', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;
  let columns: ColumnRow[];

  beforeAll(async () => {
    temp = await makeTempFolder('schema');
    session = await openLocalStation(temp.path);
    columns = await session.replica.query<ColumnRow>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it.each(entityNames)('stores %s with exactly the fields its entity definition declares', (name) => {
    const table = entities[name].table;
    const actual = columns.filter((c) => c.table_name === table);
    const expected = Object.entries(columnsOf(name)).map(([column, field]) => ({
      column,
      type: replicaTypes[field.type],
      nullable: field.nullable === true,
    }));
    expect(actual.map((c) => c.column_name).sort()).toEqual(expected.map((e) => e.column).sort());
    for (const e of expected) {
      const column = actual.find((c) => c.column_name === e.column);
      expect({ column: e.column, type: column?.data_type, nullable: column?.is_nullable === 'YES' }).toEqual(e);
    }
  });

  it('matches the committed schema snapshot', async () => {
    const indexes = await session.replica.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`,
    );
    const constraints = await session.replica.query<{ def: string }>(
      `SELECT conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`,
    );
    const snapshot = [
      ...columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === 'NO' ? ' not null' : ''}`),
      '',
      ...indexes.map((i) => i.indexdef),
      '',
      ...constraints.map((c) => c.def),
      '',
    ].join('\n');
    await expect(snapshot).toMatchFileSnapshot('./__snapshots__/replica-schema.txt');
  });
});

describe('opening a replica', () => {
  it('refuses a database that holds a migration this version does not know, and leaves it untouched', async () => {
    const temp = await makeTempFolder('newer');
    try {
      const first = await openLocalStation(temp.path);
      const station = first.station;
      await first.close();
      const dataDir = join(temp.path, 'stations', station.id, 'pgdata');
      const raw = await PGlite.create(dataDir);
      await raw.query(`INSERT INTO schema_migrations (id, name) VALUES (999, '999-from-the-future')`);
      await raw.close();

      await expect(openLocalStation(temp.path, station)).rejects.toThrow(/newer version of Field Station/);

      const check = await PGlite.create(dataDir);
      const ids = await check.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      await check.close();
      expect(ids.rows.map((r) => r.id)).toEqual([...replicaMigrations.map((m) => m.id), 999]);
    } finally {
      await temp.remove();
    }
  });

  it('reports a damaged database in words and does not overwrite it', async () => {
    const temp = await makeTempFolder('corrupt');
    try {
      const first = await openLocalStation(temp.path);
      await first.close();
      const control = join(temp.path, 'stations', first.station.id, 'pgdata', 'global', 'pg_control');
      const damaged = await readFile(control);
      damaged.fill(0x41, 0, 512);
      await writeFile(control, damaged);

      await expect(openLocalStation(temp.path, first.station)).rejects.toThrow(/looks damaged.*has not changed it/);
      expect((await readFile(control)).equals(damaged)).toBe(true);
    } finally {
      await temp.remove();
    }
  });

  it('refuses a second open of the same station while the first is open', async () => {
    const temp = await makeTempFolder('lock');
    try {
      const first = await openLocalStation(temp.path);
      await expect(openLocalStation(temp.path, first.station)).rejects.toThrow(/already open in another Field Station window/);
      await first.close();
      const again = await openLocalStation(temp.path, first.station);
      await again.close();
    } finally {
      await temp.remove();
    }
  });
});
