import { AppError } from '../../common/errors';

/** Postgres error codes the replica turns into words (SQLSTATE). */
export const pgErrorCodes = {
  uniqueViolation: '23505',
  notNullViolation: '23502',
  checkViolation: '23514',
} as const;

interface DatabaseErrorLike {
  code?: unknown;
  constraint?: unknown;
  column?: unknown;
  detail?: unknown;
}

/** A refusal by a database rule becomes an AppError a person can act on; anything else is rethrown as is. */
export function translateDatabaseError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { code, column, detail } = error as DatabaseErrorLike;
  const key = typeof detail === 'string' ? /Key \(([^)]*)\)=\(([^)]*)\)/.exec(detail) : null;
  switch (code) {
    case pgErrorCodes.uniqueViolation:
      return new AppError(
        'conflict',
        key ? `Another record already has ${key[1]?.replace(/tenant_id, /, '')} “${key[2]?.split(', ').pop()}”. Choose a different value.` : 'Another record already has that value. Choose a different one.',
        { field: key?.[1]?.split(', ').pop() },
      );
    case pgErrorCodes.notNullViolation:
      return new AppError('validation', `${typeof column === 'string' ? column.replace(/_/g, ' ') : 'A required value'} is required.`, { field: column });
    case pgErrorCodes.checkViolation:
      return new AppError('validation', 'That value is not one this field accepts.');
    default:
      return error;
  }
}
