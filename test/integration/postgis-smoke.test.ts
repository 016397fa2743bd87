import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../harness/pg-cluster';

// Two greenhouses side by side (lon/lat, WGS 84), roughly 50 m x 20 m each.
const GREENHOUSE_A = 'POLYGON((5.6600 51.9800, 5.6607 51.9800, 5.6607 51.9802, 5.6600 51.9802, 5.6600 51.9800))';
const GREENHOUSE_B = 'POLYGON((5.6610 51.9800, 5.6617 51.9800, 5.6617 51.9802, 5.6610 51.9802, 5.6610 51.9800))';

describe('PostGIS on a throwaway Postgres cluster', () => {
  let cluster: PgCluster;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = await startPgCluster();
    client = new pg.Client({ connectionString: await cluster.createDatabase('postgis_smoke') });
    await client.connect();
    await client.query('CREATE EXTENSION postgis');
    await client.query(`
      CREATE TABLE greenhouse (
        id   text PRIMARY KEY,
        name text NOT NULL,
        footprint geometry(Polygon, 4326) NOT NULL
      )`);
    await client.query('CREATE INDEX greenhouse_footprint_gist ON greenhouse USING gist (footprint)');
    await client.query(
      'INSERT INTO greenhouse (id, name, footprint) VALUES ($1, $2, ST_GeomFromText($3, 4326)), ($4, $5, ST_GeomFromText($6, 4326))',
      ['gh-a', 'Greenhouse A', GREENHOUSE_A, 'gh-b', 'Greenhouse B', GREENHOUSE_B],
    );
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await cluster?.stop();
  }, 30_000);

  async function greenhousesContaining(lon: number, lat: number): Promise<string[]> {
    const result = await client.query<{ id: string }>(
      'SELECT id FROM greenhouse WHERE ST_Contains(footprint, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id',
      [lon, lat],
    );
    return result.rows.map((row) => row.id);
  }

  it('has the postgis extension installed', async () => {
    const result = await client.query<{ version: string }>('SELECT postgis_lib_version() AS version');
    expect(result.rows[0]?.version).toMatch(/^3\./);
  });

  it('finds the greenhouse that contains a GPS point', async () => {
    expect(await greenhousesContaining(5.66035, 51.9801)).toEqual(['gh-a']);
    expect(await greenhousesContaining(5.66135, 51.9801)).toEqual(['gh-b']);
  });

  it('finds no greenhouse for a GPS point outside both', async () => {
    expect(await greenhousesContaining(5.66085, 51.9801)).toEqual([]); // in the path between them
    expect(await greenhousesContaining(5.6700, 51.9900)).toEqual([]);
  });

  it('can use the GiST index for the point-in-polygon lookup', async () => {
    await client.query('SET enable_seqscan = off');
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      "EXPLAIN SELECT id FROM greenhouse WHERE ST_Contains(footprint, ST_SetSRID(ST_MakePoint(5.66035, 51.9801), 4326))",
    );
    await client.query('RESET enable_seqscan');
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('greenhouse_footprint_gist');
  });
});
