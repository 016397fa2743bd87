import { toWinAnsi } from './win-ansi';

/** The printed width of a piece of text, in points, in one font at one size. */
export type Measure = (text: string) => number;

const ellipsis = '…';

/** Cuts `text` to fit `width`, ending it with an ellipsis when anything had to go. */
export function truncateText(text: string, width: number, measure: Measure): string {
  const line = toWinAnsi(text);
  if (measure(line) <= width) return line;
  let low = 0;
  let high = line.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(line.slice(0, mid).trimEnd() + ellipsis) <= width) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? (measure(ellipsis) <= width ? ellipsis : '') : line.slice(0, low).trimEnd() + ellipsis;
}

/** The longest prefix of a word that fits `width` (at least one character, so wrapping always advances). */
function fittingPrefix(word: string, width: number, measure: Measure): number {
  let low = 1;
  let high = word.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(word.slice(0, mid)) <= width) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Wraps `text` into lines no wider than `width`: at spaces, at line breaks in the text, and inside
 * words too long for a line (codes and paths have no spaces). Past `maxLines` the last line is cut
 * with an ellipsis, so a long explanation never pushes a table row off the page.
 */
export function wrapText(text: string, width: number, measure: Measure, maxLines: number): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const raw of toWinAnsi(paragraph).split(' ')) {
      if (raw === '') continue;
      let word = raw;
      let wordWidth = measure(word);
      // Summed word widths ignore kerning across the join, so a near miss is measured whole.
      if (line !== '' && (lineWidth + space + wordWidth <= width || (lineWidth + space + wordWidth <= width + 2 && measure(`${line} ${word}`) <= width))) {
        line += ' ' + word;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      while (wordWidth > width && word.length > 1) {
        const cut = fittingPrefix(word, width, measure);
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
        wordWidth = measure(word);
      }
      line = word;
      lineWidth = wordWidth;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const marked = (kept[maxLines - 1] ?? '') + ellipsis;
  kept[maxLines - 1] = measure(marked) <= width ? marked : truncateText(marked, width, measure);
  return kept;
}
