import type { z } from 'zod';
import { AppError, isErrorCode } from '../../common/errors';
import {
  enrolResponseSchema,
  protocolVersion,
  pullResponseSchema,
  pushResponseSchema,
  serverRowSchema,
  type Change,
  type EnrolResponse,
  type PullResponse,
  type PushResponse,
  type ServerRow,
} from '../../common/sync-protocol';

/** How the device talks to the central server: plain HTTPS/HTTP with the device token. */
export interface SyncServerAddress {
  baseUrl: string;
  token: string | null;
}

const requestTimeoutMs = 30_000;

async function readErrorBody(response: Response): Promise<{ code: string; message: string; reason: string | undefined } | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: { reason?: unknown } } };
    const reason = typeof body.error?.details?.reason === 'string' ? body.error.details.reason : undefined;
    if (typeof body.error?.message === 'string') return { code: String(body.error.code), message: body.error.message, reason };
  } catch {
    // not JSON: fall through to a generic message
  }
  return null;
}

function networkError(baseUrl: string, error: unknown): AppError {
  const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  return new AppError(
    'offline',
    aborted
      ? `The sync server at ${baseUrl} did not answer in time. Your work is kept on this computer; sync will try again.`
      : `The sync server at ${baseUrl} cannot be reached. Your work is kept on this computer; sync will try again when the link is up.`,
  );
}

async function call<T>(
  address: SyncServerAddress,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal; timeoutMs?: number },
  schema: z.ZodType<T>,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (address.token) headers['Authorization'] = `Bearer ${address.token}`;
  const timeout = AbortSignal.timeout(init.timeoutMs ?? requestTimeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(new URL(path, address.baseUrl), {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw new AppError('offline', 'Sync was stopped.');
    throw networkError(address.baseUrl, error);
  }
  if (!response.ok) {
    const body = await readErrorBody(response);
    const code = body && isErrorCode(body.code) ? body.code : response.status >= 500 ? 'offline' : 'validation';
    const message =
      response.status === 426
        ? (body?.message ?? 'This version of Field Station is too old for the sync server. Update Field Station, then sync again.')
        : (body?.message ?? `The sync server answered ${response.status}. Try again later.`);
    throw new AppError(code, message, { status: response.status, ...(body?.reason === undefined ? {} : { reason: body.reason }) });
  }
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    throw new AppError('internal', 'The sync server sent an answer this version of Field Station does not understand. Update Field Station.');
  }
  return parsed.data;
}

export function enrol(baseUrl: string, code: string, deviceName: string): Promise<EnrolResponse> {
  return call({ baseUrl, token: null }, '/v1/enrol', { method: 'POST', body: { protocolVersion, code, deviceName } }, enrolResponseSchema);
}

export function push(address: SyncServerAddress, changes: Change[], signal?: AbortSignal): Promise<PushResponse> {
  return call(address, '/v1/push', { method: 'POST', body: { protocolVersion, changes }, signal }, pushResponseSchema);
}

export function pull(address: SyncServerAddress, after: string, limit: number, signal?: AbortSignal): Promise<PullResponse> {
  const query = new URLSearchParams({ after, limit: String(limit), protocolVersion: String(protocolVersion) });
  return call(address, `/v1/pull?${query}`, { method: 'GET', signal }, pullResponseSchema);
}

/** Long-poll: resolves when the server has changes after `after` (or after its own wait limit). */
export function waitForChanges(address: SyncServerAddress, after: string, signal?: AbortSignal): Promise<PullResponse> {
  const query = new URLSearchParams({ after, protocolVersion: String(protocolVersion) });
  return call(address, `/v1/changes/wait?${query}`, { method: 'GET', signal, timeoutMs: 60_000 }, pullResponseSchema);
}

/** The server's current version of one mutable row, or null when the server does not have it. */
export async function fetchServerRow(address: SyncServerAddress, entity: string, rowId: string): Promise<ServerRow | null> {
  try {
    return await call(address, `/v1/rows/${encodeURIComponent(entity)}/${encodeURIComponent(rowId)}`, { method: 'GET' }, serverRowSchema);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') return null;
    throw error;
  }
}
