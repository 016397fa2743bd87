import { entityNames, type EntityName } from '../../common/entities';
import { AppError, isErrorCode } from '../../common/errors';
import { snapshotHeaders, snapshotSummarySchema, type SnapshotSummary } from '../../common/snapshot-protocol';
import { protocolVersion } from '../../common/sync-protocol';
import type { SyncServerAddress } from './sync-http-client';

/** One chunk of a table: its rows as a binary COPY stream, and where the next chunk starts. */
export interface SnapshotChunk {
  entity: EntityName;
  /** The `after` this chunk was asked with (null for the table's first chunk). */
  after: string | null;
  columns: string[];
  rows: number;
  lastId: string | null;
  hasMore: boolean;
  maxHlc: string | null;
  data: Uint8Array;
}

/** A chunk of 100,000 rows is tens of megabytes: give it time on a slow link. */
const chunkTimeoutMs = 120_000;
const summaryTimeoutMs = 60_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function errorFor(response: Response): Promise<AppError> {
  interface ErrorBody {
    error?: { code?: unknown; message?: unknown; details?: { reason?: unknown } };
  }
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const code = body?.error?.code;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `The sync server answered ${response.status}. Sync will try again.`;
  const known = isErrorCode(code) ? code : response.status >= 500 ? 'offline' : 'validation';
  const reason = body?.error?.details?.reason;
  return new AppError(known, message, { status: response.status, ...(typeof reason === 'string' ? { reason } : {}) });
}

async function get(address: SyncServerAddress, path: string, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {};
  if (address.token) headers['Authorization'] = `Bearer ${address.token}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, address.baseUrl), { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw new AppError('offline', 'Sync was stopped.');
    const late = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    throw new AppError(
      'offline',
      late
        ? `The sync server at ${address.baseUrl} did not answer in time. What was received so far is kept; sync will carry on from there.`
        : `The sync server at ${address.baseUrl} cannot be reached. What was received so far is kept; sync will carry on from there.`,
    );
  }
  if (!response.ok) throw await errorFor(response);
  return response;
}

const unreadable = (): AppError =>
  new AppError('internal', 'The sync server sent a snapshot this version of Field Station does not understand. Update Field Station.');

/** GET /v1/snapshot: the tenant's log position and its row counts. */
export async function fetchSnapshotSummary(address: SyncServerAddress, signal?: AbortSignal): Promise<SnapshotSummary> {
  const response = await get(address, `/v1/snapshot?protocolVersion=${protocolVersion}`, summaryTimeoutMs, signal);
  const parsed = snapshotSummarySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unreadable();
  return parsed.data;
}

/** GET /v1/snapshot/:entity: the rows after `after`, in id order, read to the end. */
export async function fetchSnapshotChunk(
  address: SyncServerAddress,
  request: { entity: EntityName; cursor: string; after: string | null; limit: number },
  signal?: AbortSignal,
): Promise<SnapshotChunk> {
  if (!entityNames.includes(request.entity)) throw unreadable();
  const query = new URLSearchParams({ cursor: request.cursor, limit: String(request.limit), protocolVersion: String(protocolVersion) });
  if (request.after !== null) query.set('after', request.after);
  const response = await get(address, `/v1/snapshot/${request.entity}?${query}`, chunkTimeoutMs, signal);
  const header = (name: string): string | null => response.headers.get(name);
  const rows = Number(header(snapshotHeaders.rows));
  const lastId = header(snapshotHeaders.lastId);
  const columns = (header(snapshotHeaders.columns) ?? '').split(',').filter((name) => name !== '');
  if (!Number.isSafeInteger(rows) || rows < 0 || (lastId !== null && !uuidPattern.test(lastId)) || (rows > 0 && lastId === null)) throw unreadable();
  let data: Uint8Array;
  try {
    data = new Uint8Array(await response.arrayBuffer());
  } catch {
    if (signal?.aborted) throw new AppError('offline', 'Sync was stopped.');
    throw new AppError('offline', `The connection to ${address.baseUrl} broke while receiving data. What was received so far is kept; sync will carry on from there.`);
  }
  return {
    entity: request.entity,
    after: request.after,
    columns,
    rows,
    lastId,
    hasMore: header(snapshotHeaders.hasMore) === 'true',
    maxHlc: header(snapshotHeaders.maxHlc),
    data,
  };
}
