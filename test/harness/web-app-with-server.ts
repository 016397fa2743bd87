// Web mode talking to a real sync server: the server's lifecycle as the device sees it (cut and
// back on the same address), and the web API shortcuts an end-to-end test uses to arrange data.
import { createEnrolmentCode } from '../../sync-server/admin-operations';
import { createSyncServer, type SyncServer } from '../../sync-server/create-server';
import type { SyncServerHarness } from './sync-server-harness';

/** Starts a new sync server process-in-process on the harness's database and on the same port as before. */
export async function restartSyncServer(harness: SyncServerHarness): Promise<SyncServer> {
  const port = Number(new URL(harness.baseUrl).port);
  const server = await createSyncServer({ logLevel: 'silent', databaseUrl: harness.central.appUrl });
  try {
    await server.app.listen({ host: '127.0.0.1', port });
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

/** A one-time enrolment code for a new user of `role` in `tenantId`, as the admin would issue it. */
export async function issueCode(harness: SyncServerHarness, tenantId: string, role: string): Promise<{ code: string; userId: string }> {
  const userId = await harness.createUser(tenantId, role);
  const { code } = await createEnrolmentCode(harness.owner, { tenantId, userId });
  return { code, userId };
}

export { invokeWeb } from './web-app';
