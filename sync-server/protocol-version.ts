import { AppError } from '../common/errors';
import { oldestSupportedProtocolVersion, protocolVersion } from '../common/sync-protocol';

/**
 * The server accepts protocol versions oldestSupportedProtocolVersion…protocolVersion. An older
 * app is told to update (426); a newer one is told the server must be updated (400).
 */
export function checkProtocolVersion(version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new AppError('validation', 'The request does not say which sync protocol version it speaks (protocolVersion). Update Field Station.', { reason: 'protocol-version-missing' });
  }
  if (version < oldestSupportedProtocolVersion) {
    throw new AppError(
      'validation',
      `This version of Field Station is too old for this sync server (it speaks sync protocol ${version}; the server needs ${oldestSupportedProtocolVersion} or later). Update Field Station, then sync again. Your work is kept on this device.`,
      { reason: 'update-required', protocolVersion: version, oldestSupported: oldestSupportedProtocolVersion, newestSupported: protocolVersion },
    );
  }
  if (version > protocolVersion) {
    throw new AppError(
      'validation',
      `This device speaks sync protocol ${version}, newer than this server knows (up to ${protocolVersion}). The server must be updated: ask your administrator. Your work is kept on this device.`,
      { reason: 'server-too-old', protocolVersion: version, newestSupported: protocolVersion },
    );
  }
}

/** Reads `protocolVersion` from a JSON body before the rest is validated (its shape may differ between versions). */
export function checkBodyProtocolVersion(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('validation', 'The request body must be a JSON object. Nothing was applied; update Field Station if this keeps happening.', { reason: 'malformed-body' });
  }
  checkProtocolVersion('protocolVersion' in body ? body.protocolVersion : undefined);
}

/** GET requests may carry `protocolVersion` in the query; when they do, it is checked the same way. */
export function checkQueryProtocolVersion(value: string | undefined): void {
  if (value === undefined) return;
  checkProtocolVersion(/^\d{1,6}$/.test(value) ? Number(value) : NaN);
}
