import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { httpStatusOf } from '../common/error-status';
import { AppError, toAppError } from '../common/errors';
import { isDatabaseUnavailable } from './db/pg-errors';

/**
 * The few answers whose HTTP status is more specific than their code's: the code stays in the
 * closed set, `details.reason` says which, and this is the one place that maps it.
 */
const statusOfReason: Record<string, number> = { 'update-required': 426, 'too-large': 413, 'unsupported-media-type': 415 };

function statusOf(error: AppError): number {
  const reason = error.details?.['reason'];
  return (typeof reason === 'string' ? statusOfReason[reason] : undefined) ?? httpStatusOf[error.code];
}

export function tooLargeError(limitBytes: number): AppError {
  const megabytes = Math.round(limitBytes / (1024 * 1024));
  return new AppError(
    'validation',
    `The request is larger than the server accepts (${megabytes} MB). Send fewer changes per push; nothing in this request was applied.`,
    { reason: 'too-large', limitBytes },
  );
}

/** Errors raised by fastify itself before a handler runs (body parsing), in words. */
function fromFastifyError(error: FastifyError, bodyLimit: number): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tooLargeError(bodyLimit);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation', 'The request body is not valid JSON, so nothing was applied. Send the request again; if it keeps failing, update Field Station.', { reason: 'malformed-json' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('validation', 'The server only accepts JSON (Content-Type: application/json). Nothing was applied.', { reason: 'unsupported-media-type' });
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return new AppError('validation', `The request could not be read (${error.message}). Nothing was applied.`);
      }
      return null;
  }
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('FST_');
}

export const databaseUnavailable = (): AppError =>
  new AppError('offline', 'The sync server cannot reach its database right now. Your work is kept on the device; sync will try again.');

/** A request that did not match its schema, in words, with the first few problems as details. */
export function invalidRequest(what: string, error: z.ZodError): AppError {
  const issues = error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new AppError('validation', `The ${what} is not in the form the server expects (${listed}). Nothing was applied; update Field Station if this keeps happening.`, { issues });
}

/** One error handler for every route: AppError codes → statuses; bodies `{ error: { code, message, details } }`. */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error, request, reply) => {
    const known = error instanceof AppError ? error : isFastifyError(error) ? fromFastifyError(error, bodyLimit) : null;
    const appError = known ?? (isDatabaseUnavailable(error) ? databaseUnavailable() : toAppError(error));
    const status = statusOf(appError);
    if (status >= 500) request.log.error({ err: error }, appError.message);
    else request.log.info({ code: appError.code, status, reason: appError.details?.['reason'] }, appError.message);
    return reply.status(status).send({ error: appError.toPayload() });
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not-found', `There is nothing at ${request.method} ${request.url.split('?')[0]}. Check the server address in Field Station's "Connect to server" screen.`);
    return reply.status(404).send({ error: error.toPayload() });
  });
}

/**
 * The device has read further than the tenant's log now reaches: the server was restored from an
 * older backup. The device reads everything again from the start (see docs/sync-protocol.md).
 */
export function historyBehind(): AppError {
  return new AppError(
    'conflict',
    "The sync server's history is behind this device: it was probably restored from a backup. This device will read the server's data again from the start; your pending changes are kept and sent again.",
    { reason: 'history-behind' },
  );
}
