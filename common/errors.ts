/** The closed set of error codes every boundary (IPC, HTTP, sync) speaks. */
export const errorCodes = [
  'validation',
  'not-found',
  'conflict',
  'unauthorized',
  'forbidden',
  'offline',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The one error class. Messages are for people: what happened and what to do next. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Anything thrown becomes an AppError; unknown failures become `internal` without leaking internals. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'internal',
    'Something went wrong inside Field Station. Your saved data is safe; try again, and if it keeps happening, restart the app.',
  );
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
