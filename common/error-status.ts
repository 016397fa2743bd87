import type { ErrorCode } from './errors';

/** The one mapping from error codes to HTTP statuses (web mode and the sync server). */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  offline: 503,
  internal: 500,
};
