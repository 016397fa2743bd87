import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../common/api-contract';
import type { ApiClient } from './api-client';
import { ApiQuery } from './api-query';

/** A client whose answers the test releases one by one, and whose data:changed the test fires. */
function controlledClient() {
  const pending: { resolve: (value: unknown) => void }[] = [];
  const changed = new Set<(payload: ApiEvents['data:changed']) => void>();
  const client = {
    mode: 'web',
    call: () => new Promise((resolve) => pending.push({ resolve })),
    on: (_name: string, callback: (payload: ApiEvents['data:changed']) => void) => {
      changed.add(callback);
      return () => changed.delete(callback);
    },
    watchLiveState: () => () => undefined,
  } as unknown as ApiClient;
  return {
    client,
    pending,
    fire: (tables: string[]) => {
      for (const callback of changed) callback({ tables });
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ApiQuery', () => {
  it('loads when watched and folds a burst of changes into one more load', async () => {
    const { client, pending, fire } = controlledClient();
    const query = new ApiQuery(client, 'trials:list', {}, ['trials']);
    const stop = query.subscribe(() => undefined);
    expect(pending).toHaveLength(1);
    fire(['trials']);
    fire(['observations']);
    fire(['*']);
    pending[0]?.resolve([]);
    await settle();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve([]);
    await settle();
    expect(pending).toHaveLength(2);
    expect(query.getSnapshot()).toMatchObject({ data: [], loading: false, error: null });
    stop();
  });

  it('does not let a load that started before a patch undo it', async () => {
    const { client, pending } = controlledClient();
    const query = new ApiQuery(client, 'stations:list', {}, []);
    const stop = query.subscribe(() => undefined);
    pending[0]?.resolve({ stations: [], unreadableFolders: [] });
    await settle();
    query.reload();
    const station = { id: 'a', name: 'North', origin: 'local' as const, createdAt: '2026-01-01' };
    query.patch(() => ({ stations: [station], unreadableFolders: [] }));
    pending[1]?.resolve({ stations: [], unreadableFolders: [] });
    await settle();
    expect(query.getSnapshot().data).toEqual({ stations: [station], unreadableFolders: [] });
    pending[2]?.resolve({ stations: [station], unreadableFolders: [] });
    await settle();
    expect(query.getSnapshot().data).toEqual({ stations: [station], unreadableFolders: [] });
    stop();
  });

  it('with settle, reloads after saves once they have paused, and at once after any other change', async () => {
    const { client, pending, fire } = controlledClient();
    const query = new ApiQuery(client, 'trials:list', {}, ['trials', 'studies'], { ms: 40, tables: ['trials'] });
    const stop = query.subscribe(() => undefined);
    pending[0]?.resolve([]);
    await settle();
    for (let i = 0; i < 5; i++) {
      fire(['trials']);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(pending).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(pending).toHaveLength(2);
    pending[1]?.resolve([]);
    await settle();
    fire(['studies']);
    expect(pending).toHaveLength(3);
    stop();
  });

  it('waits before the first load when told to, and loads at once when its data changes meanwhile', async () => {
    const { client, pending, fire } = controlledClient();
    const query = new ApiQuery(client, 'trials:list', {}, ['trials'], null, 30);
    const stop = query.subscribe(() => undefined);
    expect(pending).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(pending).toHaveLength(1);
    stop();

    const early = new ApiQuery(client, 'trials:list', {}, ['trials'], null, 10_000);
    const stopEarly = early.subscribe(() => undefined);
    fire(['trials']);
    expect(pending).toHaveLength(2);
    stopEarly();

    // Nobody watching any more: the waiting load never starts.
    const dropped = new ApiQuery(client, 'trials:list', {}, ['trials'], null, 20);
    dropped.subscribe(() => undefined)();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(pending).toHaveLength(2);
  });
});
