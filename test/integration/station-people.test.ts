import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import type { StationSession } from '../../main/stations/station-session';
import { currentUser, listGermplasm } from '../../main/stations/station-people';
import { openLocalStation } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

describe('who works on the station, and its germplasm', () => {
  let folder: { path: string; remove: () => Promise<void> };
  let session: StationSession;

  beforeAll(async () => {
    folder = await makeTempFolder('station-people');
    session = await openLocalStation(folder.path);
  });
  afterAll(async () => {
    await session?.close();
    await folder?.remove();
  });

  it('names the user and role changes are recorded under (a local station: its station manager)', async () => {
    expect(await currentUser(session)).toMatchObject({ userId: session.identity.userId, deviceId: session.identity.deviceId, name: 'Station user', role: 'station-manager' });
  });

  it('lists live germplasm by name, not deleted ones', async () => {
    const [apex, brio, gone] = [newId(), newId(), newId()];
    await session.write([
      { entity: 'germplasm', operation: 'insert', rowId: brio, fields: { name: 'Brio', species: 'Triticum aestivum' } },
      { entity: 'germplasm', operation: 'insert', rowId: apex, fields: { name: 'Apex', accession_number: 'ACC-1' } },
      { entity: 'germplasm', operation: 'insert', rowId: gone, fields: { name: 'Abandoned' } },
    ]);
    await session.write([{ entity: 'germplasm', operation: 'delete', rowId: gone, fields: {} }]);
    expect(await listGermplasm(session)).toEqual([
      { id: apex, name: 'Apex', accessionNumber: 'ACC-1', species: null },
      { id: brio, name: 'Brio', accessionNumber: null, species: 'Triticum aestivum' },
    ]);
  });
});
