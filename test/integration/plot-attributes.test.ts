import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlotAttributeName, PlotAttributeValue } from '../../common/api-contract';
import type { ErrorPayload } from '../../common/errors';
import { newId } from '../../common/ids';
import { createAppRegistry } from '../../main/api/handlers';
import type { Registry } from '../../main/api/handler-registry';
import { AppServices } from '../../main/app-services';
import type { StationSession } from '../../main/stations/station-session';
import { quietLogger, seedMinimalStudy } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Four plots from a Field Book field file: tray_id and accession are kept as attributes; two share a tray. */
const fieldFile = [
  'plot_id,plot,row,col,tray_id,accession',
  'WH-001,1,1,1,T-01,PI 1001',
  'WH-002,2,1,2,T-02,PI 1002',
  'WH-003,3,2,1,T-02,',
  'WH-004,4,2,2,T-04,PI 1004',
].join('\n');

/** Through the registry, as the renderer calls: arguments checked by zod, then the study looked up. */
describe('a study’s plot attributes, for matching scans', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let services: AppServices;
  let registry: Registry;
  let session: StationSession;
  let studyId: string;
  let unitIds: Map<string, string>;

  async function call<T>(method: string, args: unknown): Promise<T> {
    const result = await registry.invoke(method, args, { services });
    if (!result.ok) throw new Error(`${method} was refused: ${result.error.message}`);
    return result.data as T;
  }
  async function refusal(method: string, args: unknown): Promise<ErrorPayload> {
    const result = await registry.invoke(method, args, { services });
    if (result.ok) throw new Error(`${method} was accepted: ${JSON.stringify(result.data).slice(0, 200)}`);
    return result.error;
  }

  beforeAll(async () => {
    temp = await makeTempFolder('plot-attributes');
    services = new AppServices({ dataFolder: temp.path, mode: 'web', version: 'test', logger: quietLogger });
    await services.createStation('Attribute checks', 'local');
    session = services.requireSession();
    registry = createAppRegistry(quietLogger);
    ({ studyId } = await seedMinimalStudy(session));
    const mapping = { uniqueId: 'plot_id', plotNumber: 'plot', row: 'row', column: 'col' };
    await call('fieldbook:import-field-file', { studyId, fileName: 'trays.csv', content: base64(fieldFile), mapping, takeGoodRows: false, updateExisting: false });
    const rows = await session.replica.query<{ id: string; plot_id: string }>(
      `SELECT id, attributes->>'plot_id' AS plot_id FROM observation_units WHERE study_id = $1 AND attributes ? 'plot_id'`,
      [studyId],
    );
    unitIds = new Map(rows.map((r) => [r.plot_id, r.id]));
  });
  afterAll(async () => {
    await services.shutdown();
    await temp.remove();
  });

  it('lists the attribute names the study’s plots have, with how many plots have a value for each', async () => {
    // The seeded plot has no attributes; WH-003's accession is empty, which is no value.
    expect(await call<PlotAttributeName[]>('plots:list-attribute-names', { studyId })).toEqual([
      { name: 'accession', plotCount: 3 },
      { name: 'plot_id', plotCount: 4 },
      { name: 'tray_id', plotCount: 4 },
    ]);
  });

  it('gives one attribute’s value for every plot that has it, in plot-number order', async () => {
    expect(await call<PlotAttributeValue[]>('plots:list-attribute-values', { studyId, name: 'tray_id' })).toEqual([
      { unitId: unitIds.get('WH-001'), value: 'T-01' },
      { unitId: unitIds.get('WH-002'), value: 'T-02' },
      { unitId: unitIds.get('WH-003'), value: 'T-02' },
      { unitId: unitIds.get('WH-004'), value: 'T-04' },
    ]);
    expect(await call<PlotAttributeValue[]>('plots:list-attribute-values', { studyId, name: 'no_such_attribute' })).toEqual([]);
  });

  it('gives values that are not strings as their JSON text, and leaves out nulls and deleted plots', async () => {
    const [first, second, third, fourth] = ['WH-001', 'WH-002', 'WH-003', 'WH-004'].map((id) => unitIds.get(id) ?? '');
    await session.write([
      { entity: 'observation_units', operation: 'update', rowId: first ?? '', fields: { attributes: { plot_id: 'WH-001', seeds: 120 } } },
      { entity: 'observation_units', operation: 'update', rowId: second ?? '', fields: { attributes: { plot_id: 'WH-002', seeds: [1, 'a'] } } },
      { entity: 'observation_units', operation: 'update', rowId: third ?? '', fields: { attributes: { plot_id: 'WH-003', seeds: null } } },
      { entity: 'observation_units', operation: 'update', rowId: fourth ?? '', fields: { attributes: { plot_id: 'WH-004', seeds: true } } },
    ]);
    await session.write([{ entity: 'observation_units', operation: 'delete', rowId: fourth ?? '', fields: {} }]);
    expect(await call<PlotAttributeValue[]>('plots:list-attribute-values', { studyId, name: 'seeds' })).toEqual([
      { unitId: first, value: '120' },
      { unitId: second, value: '[1,"a"]' },
    ]);
    expect(await call<PlotAttributeName[]>('plots:list-attribute-names', { studyId })).toEqual([
      { name: 'plot_id', plotCount: 3 },
      { name: 'seeds', plotCount: 2 },
    ]);
  });

  it('answers a study that is not in the station as not found, and refuses bad arguments', async () => {
    const missing = newId();
    for (const [method, args] of [
      ['plots:list-attribute-names', { studyId: missing }],
      ['plots:list-attribute-values', { studyId: missing, name: 'tray_id' }],
    ] as const) {
      expect(await refusal(method, args)).toMatchObject({ code: 'not-found', message: expect.stringMatching(/study is not in this station/) });
    }
    expect(await refusal('plots:list-attribute-names', { studyId: 'plot-7' })).toMatchObject({ code: 'validation', details: { field: 'studyId' } });
    expect(await refusal('plots:list-attribute-values', { studyId })).toMatchObject({ code: 'validation', details: { field: 'name' } });
    expect(await refusal('plots:list-attribute-values', { studyId, name: '' })).toMatchObject({ code: 'validation', message: 'name: name the attribute' });
    expect(await refusal('plots:list-attribute-values', { studyId, name: 'tray_id', extra: 1 })).toMatchObject({ code: 'validation' });
  });
});
