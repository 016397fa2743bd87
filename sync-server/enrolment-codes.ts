import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford base 32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeLength = 12;

export const enrolmentCodeLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** A one-time code such as `7KQ4-M2XD-9TBR` (60 random bits). */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Case, spaces and dashes do not matter; O is read as 0 and I or L as 1. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A device token: 256 random bits, base64url. Only its hash is stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 in hex: what the server keeps of tokens and codes. They are random, so no salt is needed. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
