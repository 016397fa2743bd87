import type { ApiMethod } from '../../common/api-methods';
import type { ErrorCode, ErrorPayload } from '../../common/errors';

/** A refusal or failure answered by the services, with their message for the user. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly method: ApiMethod;

  constructor(method: ApiMethod, error: ErrorPayload) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
    this.method = method;
  }
}

/** Anything caught from `api.call` as an ApiCallError (a bug in the renderer becomes `internal`). */
export function asApiCallError(error: unknown, method: ApiMethod): ApiCallError {
  if (error instanceof ApiCallError) return error;
  return new ApiCallError(method, {
    code: 'internal',
    message: 'Something went wrong in this window. Reload it (Ctrl+R); your saved data is safe.',
  });
}
