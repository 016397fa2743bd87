import { z } from 'zod';
import type { SyncStatus } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import type { Logger } from '../logger';
import { readState, type StationSession } from '../stations/station-session';
import { adoptServerIdentity, type StoredConnection } from './adopt-server-identity';
import type { SecretBox } from './secret-box';
import { enrol } from './sync-http-client';
import { SyncEngine } from './sync-engine';

const connectionSchema = z.object({
  serverUrl: z.string(),
  tenantName: z.string(),
  userName: z.string(),
  role: z.string(),
  stationIds: z.array(z.uuid()).nullable(),
  token: z.object({ encoding: z.enum(['keychain', 'plain']), value: z.string() }),
}) satisfies z.ZodType<StoredConnection>;

export const notConnected: SyncStatus = {
  state: 'not-connected',
  serverUrl: null,
  lastSyncAt: null,
  pending: 0,
  rejected: 0,
  pullProgress: null,
  error: null,
};

export async function readConnection(session: StationSession): Promise<StoredConnection | null> {
  return readState(session.replica, 'connection', connectionSchema);
}

/** Normalises what the user typed as the server address, or says what is wrong with it. */
export function parseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
  } catch {
    throw new AppError('validation', `"${input}" is not a server address. Type it as your office gave it, e.g. https://sync.example.org`, { field: 'serverUrl' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('validation', 'The server address must start with https:// (or http:// on a local network).', { field: 'serverUrl' });
  }
  return url.origin;
}

/**
 * Enrols this device with the code the admin issued and makes the station part of the server's
 * tenant (see adoptServerIdentity). The caller reopens the station afterwards: its identity changed.
 */
export async function connectStation(
  session: StationSession,
  input: { serverUrl: string; code: string; deviceName: string },
  secretBox: SecretBox,
): Promise<{ queued: number }> {
  const serverUrl = parseServerUrl(input.serverUrl);
  const enrolment = await enrol(serverUrl, input.code.trim(), input.deviceName).catch((error: unknown) => {
    // The server's "unknown, used or expired code" is about what the user typed, not a sign-in.
    if (error instanceof AppError && error.code === 'unauthorized') throw new AppError('validation', error.message, { field: 'code' });
    throw error;
  });
  const neverSynced = (await readState(session.replica, 'never_synced', z.boolean())) ?? true;
  const connection: StoredConnection = {
    serverUrl,
    tenantName: enrolment.tenantName,
    userName: enrolment.userName,
    role: enrolment.role,
    stationIds: enrolment.stationIds,
    token: { encoding: secretBox.kind, value: secretBox.seal(enrolment.token) },
  };
  const { queued } = await session.bulkLoad(['*'], (tx) =>
    adoptServerIdentity(tx, { ...session.identity, neverSynced, clock: session.clock }, enrolment, connection),
  );
  return { queued };
}

/** Starts background sync for a station that has a stored connection; null when it has none. */
export async function startSync(
  session: StationSession,
  secretBox: SecretBox,
  options: { logger: Logger; onStatus: (status: SyncStatus) => void },
): Promise<SyncEngine | null> {
  const connection = await readConnection(session);
  if (!connection) return null;
  if (connection.token.encoding !== secretBox.kind) {
    throw new AppError('unauthorized', 'The saved sign-in for the sync server cannot be read on this computer. Connect the station again with a new code from your admin.');
  }
  const engine = new SyncEngine(session, { baseUrl: connection.serverUrl, token: secretBox.open(connection.token.value) }, options);
  engine.start();
  return engine;
}
