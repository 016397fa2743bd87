import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorPayload, Result } from '../../common/errors';
import { createAppRegistry } from '../../main/api/handlers';
import type { Registry } from '../../main/api/handler-registry';
import { AppServices } from '../../main/app-services';
import type { StationSession } from '../../main/stations/station-session';
import { archiveLocation } from '../../main/stock/locations';
import { quietLogger } from '../harness/local-station';
import { receiveSeedLot, seedStockSite, type StockSite } from '../harness/stock-fixture';
import { makeTempFolder } from '../harness/temp-folder';

/** Through the registry, as the renderer calls: arguments checked by zod, then by the domain. */
describe('stock: bad input is refused with the field and the fix', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let services: AppServices;
  let registry: Registry;
  let session: StationSession;
  let site: StockSite;

  async function refusal(method: string, args: unknown): Promise<ErrorPayload> {
    const result: Result<unknown> = await registry.invoke(method, args, { services });
    if (result.ok) throw new Error(`${method} was accepted: ${JSON.stringify(result.data).slice(0, 200)}`);
    return result.error;
  }

  async function setRole(role: string): Promise<void> {
    await session.replica.write(['users'], (tx) => tx.query('UPDATE users SET role = $1 WHERE id = $2', [role, session.identity.userId]));
  }

  beforeAll(async () => {
    temp = await makeTempFolder('stock-bad-input');
    services = new AppServices({ dataFolder: temp.path, mode: 'web', version: 'test', logger: quietLogger });
    await services.createStation('Stock checks', 'local');
    session = services.requireSession();
    registry = createAppRegistry(quietLogger);
    site = await seedStockSite(session);
    await receiveSeedLot(session, site, 'SL-1', 500, 'BIN-A');
    await receiveSeedLot(session, site, 'SL-2', 500, 'BIN-D');
  });
  afterAll(async () => {
    await services.shutdown();
    await temp.remove();
  });

  const receive = (extra: Record<string, unknown>): Record<string, unknown> => ({
    code: 'SL-NEW', kind: 'seed-lot', germplasmId: '', unit: 'seeds', quantity: 100, location: 'BIN-A', ...extra,
  });
  const transfer = (extra: Record<string, unknown>): Record<string, unknown> => ({ kind: 'transfer', batch: 'SL-1', from: 'BIN-A', to: 'BIN-B', quantity: 10, ...extra });

  it('refuses quantities that are not numbers, not positive, or not whole for items counted whole', async () => {
    const germplasmId = site.germplasmId;
    expect(await refusal('stock:receive', receive({ germplasmId, quantity: 'abc' }))).toMatchObject({
      code: 'validation', message: expect.stringMatching(/^quantity: enter a number with a dot for decimals/), details: { field: 'quantity' },
    });
    expect(await refusal('stock:receive', receive({ germplasmId, quantity: '1,250' }))).toMatchObject({ details: { field: 'quantity' } });
    expect(await refusal('stock:receive', receive({ germplasmId, quantity: '0.0001' }))).toMatchObject({ message: 'quantity: use at most 3 decimal places' });
    expect(await refusal('stock:move', transfer({ quantity: -5 }))).toMatchObject({
      code: 'validation', message: expect.stringMatching(/must be above zero \(got -5\)/), details: { field: 'quantity' },
    });
    expect(await refusal('stock:move', transfer({ quantity: '12.5' }))).toMatchObject({
      message: expect.stringMatching(/Seeds are counted in whole numbers/), details: { field: 'quantity' },
    });
    expect(await refusal('stock:move', { kind: 'sow', batch: 'SL-1', from: 'BIN-A', studyId: site.studyId, quantityPerPlot: 0 })).toMatchObject({
      details: { field: 'quantityPerPlot' },
    });
  });

  it('refuses unknown batch and bin codes or barcodes, naming the field', async () => {
    expect(await refusal('stock:move', transfer({ batch: 'NOPE-7' }))).toMatchObject({
      code: 'validation', message: expect.stringMatching(/No batch has the code or barcode “NOPE-7”.*or receive it as a new batch/), details: { field: 'batch', offerCreateBatch: true },
    });
    expect(await refusal('stock:move', transfer({ to: 'BIN-Z' }))).toMatchObject({
      message: expect.stringMatching(/No location has the code “BIN-Z”/), details: { field: 'to' },
    });
    expect(await refusal('stock:move', transfer({ from: '' }))).toMatchObject({ message: 'from: scan or type a code', details: { field: 'from' } });
  });

  it('refuses a transfer into an archived bin, or to where the stock already is', async () => {
    await archiveLocation(session, { locationId: site.binIds.C });
    expect(await refusal('stock:move', transfer({ to: 'BIN-C' }))).toMatchObject({
      message: expect.stringMatching(/BIN-C \(Bin C\) is archived, so stock cannot be put there/), details: { field: 'to' },
    });
    expect(await refusal('stock:move', transfer({ to: 'BIN-A' }))).toMatchObject({ message: expect.stringMatching(/already in BIN-A/), details: { field: 'to' } });
  });

  it('refuses a unit that is not the batch’s, and units that do not fit the kind', async () => {
    expect(await refusal('stock:move', transfer({ unit: 'grams' }))).toMatchObject({
      message: 'Batch SL-1 is kept in seeds, not grams. Enter the quantity in seeds.', details: { field: 'unit' },
    });
    expect(await refusal('stock:receive', receive({ kind: 'plant-batch', germplasmId: null }))).toMatchObject({
      message: expect.stringMatching(/A plant-batch is kept in plants or trays, not seeds/), details: { field: 'unit' },
    });
    expect(await refusal('stock:move', transfer({ unit: 'kilos' }))).toMatchObject({ details: { field: 'unit' } });
  });

  it('refuses a seed lot without germplasm, a code or barcode already used, and a date in the future', async () => {
    expect(await refusal('stock:receive', receive({ germplasmId: null }))).toMatchObject({
      message: expect.stringMatching(/A seed lot needs its germplasm/), details: { field: 'germplasmId' },
    });
    const germplasmId = site.germplasmId;
    expect(await refusal('stock:receive', receive({ germplasmId, code: 'SL-1' }))).toMatchObject({ details: { field: 'code' } });
    expect(await refusal('stock:receive', receive({ germplasmId, barcode: 'SL-2' }))).toMatchObject({
      message: expect.stringMatching(/barcode SL-2 already belongs to batch SL-2/), details: { field: 'barcode' },
    });
    expect(await refusal('stock:receive', receive({ germplasmId, occurredAt: '2099-01-01T00:00:00Z' }))).toMatchObject({
      message: expect.stringMatching(/is in the future/), details: { field: 'occurredAt' },
    });
    expect(await refusal('stock:receive', receive({ germplasmId, occurredAt: 'yesterday' }))).toMatchObject({ details: { field: 'occurredAt' } });
  });

  it('refuses sowing anything but seed, a movement of no known kind, and a location with a broken outline', async () => {
    await registry.invoke('stock:receive', { code: 'PB-1', kind: 'plant-batch', unit: 'plants', quantity: 20, location: 'BIN-A' }, { services });
    expect(await refusal('stock:move', { kind: 'sow', batch: 'PB-1', from: 'BIN-A', studyId: site.studyId, quantityPerPlot: 1 })).toMatchObject({
      message: expect.stringMatching(/PB-1 is a plant-batch, not a seed lot/), details: { field: 'batch' },
    });
    expect(await refusal('stock:move', { kind: 'borrow', batch: 'SL-1' })).toMatchObject({ details: { field: 'kind' } });
    const outline = { type: 'Polygon', coordinates: [[[5.6, 51.9], [5.7, 51.9], [5.7, 52.0]]] };
    expect(await refusal('locations:create', { parentId: site.benchId, kind: 'bin', code: 'BIN-X', name: 'X', geometry: outline })).toMatchObject({
      details: { field: 'geometry' },
    });
    expect(await refusal('locations:create', { parentId: site.benchId, kind: 'bin', code: 'BIN-A', name: 'Another A' })).toMatchObject({
      message: 'Location code BIN-A is already used by the location “Bin A” in this organisation. Choose another code.', details: { field: 'code' },
    });
    expect(await refusal('locations:create', { parentId: site.binIds.A, kind: 'bin', code: 'BIN-Y', name: 'Y' })).toMatchObject({
      message: expect.stringMatching(/A bin cannot sit inside a bin \(BIN-A\)/), details: { field: 'parentId' },
    });
  });

  it('refuses count lines outside the count, below zero, and an adjustment of nothing', async () => {
    const started = await registry.invoke('counts:start', { location: 'GH1' }, { services });
    if (!started.ok) throw new Error(started.error.message);
    const countId = (started.data as { id: string }).id;
    expect(await refusal('counts:record-line', { countId, batch: 'SL-2', location: 'BIN-D', quantity: 3 })).toMatchObject({
      message: expect.stringMatching(/BIN-D is not part of this count/), details: { field: 'location' },
    });
    expect(await refusal('counts:record-line', { countId, batch: 'SL-1', location: 'BIN-A', quantity: -1 })).toMatchObject({
      message: expect.stringMatching(/cannot be negative/), details: { field: 'quantity' },
    });
    expect(await refusal('stock:move', { kind: 'adjust', batch: 'SL-1', location: 'BIN-A', quantity: 0, reason: 'x' })).toMatchObject({ details: { field: 'quantity' } });
    expect(await refusal('stock:move', { kind: 'adjust', batch: 'SL-1', location: 'BIN-A', quantity: 3 })).toMatchObject({ details: { field: 'reason' } });
  });

  it('refuses an agronomist’s adjustment and approval locally, in words, and a viewer any stock work', async () => {
    await setRole('agronomist');
    try {
      expect(await refusal('stock:move', { kind: 'adjust', batch: 'SL-1', location: 'BIN-A', quantity: -3, reason: 'Spilled' })).toEqual({
        code: 'forbidden',
        message: 'Only a station manager can post stock adjustments. Your role is agronomist: ask your station manager to do it, or record a count for them to approve.',
        details: { role: 'agronomist' },
      });
      const counts = await registry.invoke('counts:list', {}, { services });
      const countId = counts.ok ? (counts.data as { id: string }[])[0]?.id : undefined;
      expect(await refusal('counts:approve', { countId })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only a station manager can approve stock counts/) });
      expect((await registry.invoke('stock:move', transfer({}), { services })).ok).toBe(true);
      await setRole('viewer');
      expect(await refusal('stock:move', transfer({}))).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/viewer\) can look at stock but not change it/) });
    } finally {
      await setRole('station-manager');
    }
  });
});
