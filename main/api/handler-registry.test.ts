import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiArgumentSchemas } from '../../common/api-contract';
import { apiMethodNames } from '../../common/api-methods';
import { AppServices } from '../app-services';
import { createLogger } from '../logger';
import { stationHandlers } from '../stations/station-handlers';
import { createRegistry } from './handler-registry';
import { createAppRegistry } from './handlers';

const logger = createLogger('test', 'silent');

describe('the handler registry', () => {
  let folder: string;
  let services: AppServices;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'field-station-registry-'));
    services = new AppServices({ dataFolder: folder, mode: 'web', version: 'test', logger });
  });
  afterAll(async () => {
    await services.shutdown();
    await rm(folder, { recursive: true, force: true });
  });

  it('has exactly one handler and one argument schema for every method of the contract', () => {
    const registry = createAppRegistry(logger);
    expect(registry.methods().sort()).toEqual([...apiMethodNames].sort());
    expect(Object.keys(apiArgumentSchemas).sort()).toEqual([...apiMethodNames].sort());
  });

  it('refuses two handlers for the same method', () => {
    expect(() => createRegistry([stationHandlers, { 'stations:list': stationHandlers['stations:list'] }], logger)).toThrow(
      /Two handlers claim the method stations:list/,
    );
  });

  it('answers an unknown method with a validation error', async () => {
    const result = await createAppRegistry(logger).invoke('stations:drop-all', {}, { services });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', details: { field: 'method' } } });
  });

  it('answers bad arguments with a validation error naming the field', async () => {
    const result = await createAppRegistry(logger).invoke('studies:get', { studyId: 'not-an-id' }, { services });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', details: { field: 'studyId' } } });
  });

  it('names unknown fields instead of ignoring them', async () => {
    const result = await createAppRegistry(logger).invoke('stations:list', { tenantId: 'x' }, { services });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/unknown field tenantId/);
  });

  it('tells the user to open a station before asking for its trials', async () => {
    const result = await createAppRegistry(logger).invoke('trials:list', {}, { services });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/No station is open/) } });
  });

  it('lists no stations on a new computer', async () => {
    const result = await createAppRegistry(logger).invoke('stations:list', {}, { services });
    expect(result).toEqual({ ok: true, data: { stations: [], unreadableFolders: [] } });
  });
});
