import { isErrorCode, type ErrorCode, type Result } from '../../common/errors';

/** Whether a parsed response body is the contract's Result envelope. */
export function isResultEnvelope(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const ok: unknown = Reflect.get(body, 'ok');
  if (ok === true) return 'data' in body;
  if (ok !== false) return false;
  const error: unknown = Reflect.get(body, 'error');
  return (
    typeof error === 'object' &&
    error !== null &&
    isErrorCode(Reflect.get(error, 'code')) &&
    typeof Reflect.get(error, 'message') === 'string'
  );
}

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
