import pg from 'pg';

/** The Postgres error codes (SQLSTATE) the server reacts to, by name. */
export const pgError = {
  notNullViolation: '23502',
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  insufficientPrivilege: '42501',
} as const;

/** SQLSTATE class 22: data exceptions (bad number, date, text encoding, geometry parse and so on). */
export const dataExceptionClass = '22';

export type DatabaseError = InstanceType<typeof pg.DatabaseError>;

export function asDatabaseError(error: unknown): DatabaseError | null {
  return error instanceof pg.DatabaseError ? error : null;
}

/** Errors after which the whole transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const code = asDatabaseError(error)?.code;
  return code === pgError.deadlockDetected || code === pgError.serializationFailure;
}

/** Connection-level failures: the database is down or unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (asDatabaseError(error)) {
    const code = asDatabaseError(error)?.code ?? '';
    return code.startsWith('08') || code === '57P01' || code === '57P03';
  }
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code) ||
    (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message));
}
