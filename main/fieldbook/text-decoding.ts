import { AppError } from '../../common/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

export const notUtf8Warning =
  "The file is not UTF-8; read it as Windows-1252 (Excel's default). Check accented names in the preview.";

const notATable = (fileName: string): AppError =>
  new AppError(
    'validation',
    `"${fileName}" does not look like a table. Save it from your spreadsheet as CSV (UTF-8) or Excel .xlsx and choose it again.`,
    { reason: 'binary-file' },
  );

/**
 * UTF-16 without a byte order mark: text in Latin scripts has a zero in every other byte. Excel's
 * "Unicode Text" always writes the mark, but other tools do not.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Windows-1252 by table: bytes 0x80–0x9F are typographic characters (€, “ ”, –, …), the rest are
 * Latin-1. Node's TextDecoder('windows-1252') decodes plain Latin-1 in some builds, so it is not used.
 */
const windows1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      codes[i - start] = byte >= 0x80 && byte <= 0x9f ? (windows1252High[byte - 0x80] ?? byte) : byte;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Control characters other than tab, newlines and form feed mean the bytes are not text. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) controls++;
  }
  return controls > Math.max(8, sample.length * 0.01);
}

/**
 * Decodes a text file the way a person expects: a byte order mark decides (UTF-8, UTF-16 LE/BE);
 * otherwise UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what Excel writes on Windows)
 * with a warning. Throws a validation error for bytes that are not text at all.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  let encoding: TextEncodingName;
  let start = 0;
  const warnings: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else {
    encoding = guessUtf16WithoutBom(bytes) ?? 'utf-8';
  }
  const body = bytes.subarray(start);
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      encoding = 'windows-1252';
      text = decodeWindows1252(body);
      warnings.push(notUtf8Warning);
    }
  } else {
    text = new TextDecoder(encoding).decode(body);
  }
  if (looksBinary(text)) throw notATable(fileName);
  return { text, encoding, warnings };
}
