import { formatCount } from '../format/value-text';
import { bytesToBase64 } from './base64';

/** The services take files up to about 20 MB (28,000,000 characters of base64). */
const largestFile = 21_000_000;

/** Why a chosen file cannot be imported before it is even read (it is too big), or null. `advice` says what to do instead. */
export function tooBigToImport(file: File, advice: string): string | null {
  if (file.size <= largestFile) return null;
  const size = `${formatCount(Math.round(file.size / 100_000) / 10)} MB`;
  return `The file is ${size}; files of up to 20 MB can be imported. ${advice}`;
}

/** The chosen file's bytes in base64, as the services take them; or why it could not be read. */
export async function readForImport(file: File): Promise<{ content: string } | { problem: string }> {
  try {
    return { content: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch {
    return { problem: 'The file could not be read from the disk. Check that it is still there and not open in another program, then choose it again.' };
  }
}
