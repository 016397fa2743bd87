import { formatCount } from '../format/value-text';
import { bytesToBase64 } from './base64';

/** The services take files up to about 20 MB (28,000,000 characters of base64). */
const largestFile = 21_000_000;

/**
 * The chosen file's bytes in base64, as the services take them; or why it cannot be imported: too
 * big (`tooBigAdvice` says what to do instead), or unreadable.
 */
export async function readForImport(file: File, tooBigAdvice: string): Promise<{ content: string } | { problem: string }> {
  if (file.size > largestFile) {
    const size = `${formatCount(Math.round(file.size / 100_000) / 10)} MB`;
    return { problem: `The file is ${size}; files of up to 20 MB can be imported. ${tooBigAdvice}` };
  }
  try {
    return { content: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch {
    return { problem: 'The file could not be read from the disk. Check that it is still there and not open in another program, then choose it again.' };
  }
}
