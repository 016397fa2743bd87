/**
 * Text for the PDF standard fonts (Helvetica and friends), which are built into every PDF reader and
 * so need nothing fetched or embedded, but can show only the Windows-1252 ("WinAnsi") characters:
 * the Latin alphabets of western and most central European languages. Anything else is brought to
 * the nearest character it can show (accents dropped: "ő" is shown as "o", "ł" as "l") or else "?",
 * so a name in another script prints as question marks rather than as broken glyphs.
 */

/** The Windows-1252 characters between 0x80 and 0x9F, which the standard fonts also carry. */
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters and signs that have no accent to drop but an obvious plain form. */
const plainForms: Readonly<Record<string, string>> = {
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i', ŀ: 'l', Ŀ: 'L', ŧ: 't', Ŧ: 'T', ĸ: 'k',
  ŋ: 'n', Ŋ: 'N', ſ: 's', ə: 'e', Ə: 'E', 'ǀ': '|',
  '‐': '-', '‑': '-', '‒': '-', '−': '-', '―': '—', '⁄': '/', '′': "'", '″': '"', '‛': "'", '‟': '"',
  '≤': '<=', '≥': '>=', '≠': '!=', '→': '->', '←': '<-', '✓': 'v', '✔': 'v', '✗': 'x', '✘': 'x',
};

function showable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(char);
}

/** True when every character of `text` prints as itself in the standard fonts. */
export function isWinAnsi(text: string): boolean {
  for (const char of text) if (!showable(char)) return false;
  return true;
}

function nearest(char: string): string {
  if (/\s/u.test(char)) return ' ';
  const plain = plainForms[char];
  if (plain !== undefined) return plain;
  const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped !== '' && isWinAnsi(stripped)) return stripped;
  const composed = char.normalize('NFKC');
  if (composed !== char && isWinAnsi(composed)) return composed;
  if (/\p{Cc}|\p{Cf}/u.test(char)) return '';
  return '?';
}

/** One line of text the standard fonts can show: line breaks and tabs become spaces. */
export function toWinAnsi(text: string): string {
  const composed = text.normalize('NFC');
  if (isWinAnsi(composed)) return composed;
  let out = '';
  for (const char of composed) out += showable(char) ? char : nearest(char);
  return out;
}
