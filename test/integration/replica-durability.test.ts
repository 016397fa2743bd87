import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationSummary } from '../../common/api-contract';
import { spawnWithLines, tsNodeArgs } from '../harness/child-process';
import { openLocalStation, seedMinimalStudy } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

const rounds = 20;

interface Fixture {
  dataFolder: string;
  station: StationSummary;
  unitId: string;
  variableId: string;
  remove: () => Promise<void>;
}

async function makeFixture(name: string): Promise<Fixture> {
  const temp = await makeTempFolder(name);
  const session = await openLocalStation(temp.path);
  const { unitId, variableId } = await seedMinimalStudy(session);
  const station = session.station;
  await session.close();
  return { dataFolder: temp.path, station, unitId, variableId, remove: temp.remove };
}

function childEnv(fixture: Fixture, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATA_FOLDER: fixture.dataFolder,
    STATION: JSON.stringify(fixture.station),
    UNIT_ID: fixture.unitId,
    VARIABLE_ID: fixture.variableId,
    FIELD_STATION_LOG_LEVEL: 'silent',
    ...extra,
  };
}

async function storedObservationIds(fixture: Fixture): Promise<Set<string>> {
  const session = await openLocalStation(fixture.dataFolder, fixture.station);
  try {
    const rows = await session.replica.query<{ id: string }>('SELECT id FROM observations');
    return new Set(rows.map((r) => r.id));
  } finally {
    await session.close();
  }
}

describe('a station killed at a random moment', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await makeFixture('kill');
  });
  afterAll(async () => fixture.remove());

  it(`keeps every observation it acknowledged as saved (${rounds} SIGKILL rounds)`, async () => {
    let acknowledged = 0;
    for (let round = 0; round < rounds; round += 1) {
      const child = spawnWithLines(process.execPath, tsNodeArgs('test/harness/durability-child.ts'), childEnv(fixture));
      await child.waitForLine((line) => line === 'READY');
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
      child.child.kill('SIGKILL');
      await child.exited;
      const acked = child.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4));
      acknowledged += acked.length;
      const stored = await storedObservationIds(fixture);
      const lost = acked.filter((id) => !stored.has(id));
      expect(lost, `round ${round}: acknowledged but missing after restart`).toEqual([]);
    }
    expect(acknowledged).toBeGreaterThan(rounds);
  });
});

describe('a commit', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await makeFixture('strace');
  });
  afterAll(async () => fixture.remove());

  it('reaches the disk (fdatasync of the WAL segment) before it is acknowledged', async () => {
    const trace = join(fixture.dataFolder, 'commit.strace');
    execFileSync(
      'strace',
      ['-f', '-y', '-qq', '-o', trace, '-e', 'trace=pwrite64,fdatasync,fsync,write', process.execPath, ...tsNodeArgs('test/harness/durability-child.ts')],
      { env: { ...process.env, ...childEnv(fixture, { LIMIT: '5' }) }, stdio: 'ignore', timeout: 60_000 },
    );
    const lines = (await readFile(trace, 'utf8')).split('\n');
    const acks = lines.map((line, index) => ({ line, index })).filter(({ line }) => /write\(1<[^>]*>, "ACK /.test(line));
    expect(acks).toHaveLength(5);
    let previous = lines.findIndex((line) => line.includes('"READY'));
    for (const ack of acks) {
      const between = lines.slice(previous + 1, ack.index);
      const walWrite = between.findIndex((line) => /pwrite64\(\d+<[^>]*\/pg_wal\/[0-9A-F]{24}>/.test(line));
      const walSync = between.findIndex((line, i) => i > walWrite && /f(data)?sync\(\d+<[^>]*\/pg_wal\/[0-9A-F]{24}>/.test(line));
      expect(walWrite, 'the commit writes the WAL').toBeGreaterThanOrEqual(0);
      expect(walSync, 'the WAL segment is synced after the write and before the acknowledgement').toBeGreaterThan(walWrite);
      previous = ack.index;
    }
  });
});
