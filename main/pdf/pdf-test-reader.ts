import { inflateSync } from 'node:zlib';

/**
 * A small PDF reader for tests: enough of the format to check that what the builders write is a
 * well-formed file (header, cross-reference table whose every offset points at its object, trailer,
 * page tree) and to read back each page's size, its text (with positions) and its filled rectangles.
 * It reads what pdfkit writes (classic xref table, direct /Length) and is not a general parser.
 */

export interface PageText {
  text: string;
  x: number;
  /** Distance of the baseline from the top of the page, in points. */
  y: number;
}

export interface PageRect {
  x: number;
  /** From the top of the page (pdfkit's coordinates). */
  y: number;
  width: number;
  height: number;
}

export interface ReadPage {
  width: number;
  height: number;
  texts: PageText[];
  rects: PageRect[];
}

export interface ReadPdf {
  version: string;
  pageCount: number;
  pages: ReadPage[];
  info: Record<string, string>;
}

/** Windows-1252 bytes 0x80–0x9F (Node's TextDecoder reads them as Latin-1 control codes). */
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWinAnsi(bytes: Iterable<number>): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? cp1252High[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

function fail(message: string): never {
  throw new Error(`Not a well-formed PDF: ${message}`);
}

function decodeHexString(hex: string): string {
  const clean = hex.replace(/\s/g, '');
  const bytes = new Uint8Array(Math.ceil(clean.length / 2));
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2).padEnd(2, '0'), 16);
  return decodeWinAnsi(bytes);
}

function decodeLiteralString(body: string): string {
  const unescaped = body.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[e] ?? String.fromCharCode(parseInt(e, 8));
  });
  return decodeWinAnsi(Array.from(unescaped, (c) => c.charCodeAt(0)));
}

/** Text and rectangles of one content stream; pdfkit flips the page once so y runs down from the top. */
function readContent(content: string, pageHeight: number): { texts: PageText[]; rects: PageRect[] } {
  const texts: PageText[] = [];
  const rects: PageRect[] = [];
  const ops = /BT([\s\S]*?)ET|(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\b/g;
  for (const match of content.matchAll(ops)) {
    if (match[1] === undefined) {
      rects.push({ x: Number(match[2]), y: Number(match[3]), width: Number(match[4]), height: Number(match[5]) });
      continue;
    }
    const block = match[1];
    const tm = /(-?[\d.]+) (-?[\d.]+) Tm/.exec(block);
    let text = '';
    for (const shown of block.matchAll(/\[((?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      if (shown[2] !== undefined) text += decodeHexString(shown[2]);
      else if (shown[3] !== undefined) text += decodeLiteralString(shown[3]);
      else for (const part of (shown[1] ?? '').matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) text += part[1] !== undefined ? decodeHexString(part[1]) : decodeLiteralString(part[2] ?? '');
    }
    texts.push({ text, x: Number(tm?.[1] ?? 0), y: pageHeight - Number(tm?.[2] ?? 0) });
  }
  return { texts, rects };
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = buffer.toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(raw)?.[1] ?? fail('no %PDF header');
  if (!/%%EOF\s*$/.test(raw)) fail('no %%EOF at the end');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1] ?? fail('no startxref'));
  if (!raw.startsWith('xref', startxref)) fail('startxref does not point at the xref table');
  const table = /^xref\s+(\d+) (\d+)\s+/.exec(raw.slice(startxref)) ?? fail('unreadable xref table');
  const first = Number(table[1]);
  const count = Number(table[2]);
  const offsets = new Map<number, number>();
  let at = startxref + table[0].length;
  for (let i = 0; i < count; i++) {
    const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(raw.slice(at, at + 20)) ?? fail(`xref entry ${first + i} unreadable`);
    if (entry[3] === 'n') offsets.set(first + i, Number(entry[1]));
    at += 20;
  }
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(raw.slice(at))?.[1] ?? fail('no trailer');

  const objects = new Map<number, string>();
  for (const [num, offset] of offsets) {
    const head = new RegExp(`^${num} 0 obj\\s*`).exec(raw.slice(offset, offset + 40)) ?? fail(`xref offset of object ${num} does not point at it`);
    const end = raw.indexOf('endobj', offset);
    if (end < 0) fail(`object ${num} has no endobj`);
    objects.set(num, raw.slice(offset + head[0].length, end));
  }
  const object = (num: number): string => objects.get(num) ?? fail(`object ${num} is referenced but missing`);
  const ref = (dict: string, key: string): number => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1] ?? fail(`no /${key} reference`));
  const stream = (num: number): string => {
    const body = object(num);
    const start = /stream\r?\n/.exec(body) ?? fail(`object ${num} is not a stream`);
    const length = Number(/\/Length (\d+)/.exec(body)?.[1] ?? fail(`stream ${num} has no /Length`));
    const offset = (offsets.get(num) ?? 0) + (new RegExp(`^${num} 0 obj\\s*`).exec(raw.slice(offsets.get(num) ?? 0))?.[0].length ?? 0) + start.index + start[0].length;
    const data = buffer.subarray(offset, offset + length);
    return (/\/Filter \/FlateDecode/.test(body) ? inflateSync(data) : data).toString('latin1');
  };

  const catalog = object(ref(trailer, 'Root'));
  if (!/\/Type \/Catalog/.test(catalog)) fail('the root is not a catalog');
  const pageNums: number[] = [];
  const walk = (num: number): void => {
    const node = object(num);
    if (/\/Type \/Page\b(?!s)/.test(node)) {
      pageNums.push(num);
      return;
    }
    const kids = /\/Kids \[([^\]]*)\]/.exec(node)?.[1] ?? fail(`pages node ${num} has no kids`);
    for (const kid of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
  };
  const pagesRoot = object(ref(catalog, 'Pages'));
  walk(ref(catalog, 'Pages'));
  const declared = Number(/\/Count (\d+)/.exec(pagesRoot)?.[1] ?? fail('the page tree has no count'));
  if (declared !== pageNums.length) fail(`the page tree counts ${declared} pages but holds ${pageNums.length}`);

  const pages = pageNums.map((num) => {
    const page = object(num);
    const box = (/\/MediaBox \[([^\]]*)\]/.exec(page)?.[1] ?? fail(`page ${num} has no MediaBox`)).trim().split(/\s+/).map(Number);
    const [, , width = 0, height = 0] = box;
    const contents = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => stream(Number(m[1])));
    return { width, height, ...readContent(contents.join('\n'), height) };
  });

  const info: Record<string, string> = {};
  const infoRef = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
  if (infoRef !== undefined) {
    for (const entry of object(Number(infoRef)).matchAll(/\/(\w+) (?:(\d+) 0 R|\(((?:\\.|[^\\)])*)\))/g)) {
      const value = entry[2] !== undefined ? /^\s*\(((?:\\.|[^\\)])*)\)/.exec(object(Number(entry[2])))?.[1] : entry[3];
      if (entry[1] !== undefined && value !== undefined) info[entry[1]] = decodeLiteralString(value);
    }
  }
  return { version, pageCount: pages.length, pages, info };
}

/** All text of a page, in the order it was written, one piece per line. */
export function pageText(page: ReadPage): string {
  return page.texts.map((t) => t.text).join('\n');
}

/**
 * Paints rectangles black on white, as RGBA pixels (what a QR decoder takes): the part of the page
 * from (`left`, `top`) spanning `width` × `height` points, at `scale` pixels a point.
 */
export function rasterize(
  rects: readonly PageRect[],
  area: { left: number; top: number; width: number; height: number },
  scale: number,
): { data: Uint8ClampedArray; width: number; height: number } {
  const width = Math.ceil(area.width * scale);
  const height = Math.ceil(area.height * scale);
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const r of rects) {
    const x0 = Math.max(0, Math.round((r.x - area.left) * scale));
    const x1 = Math.min(width, Math.round((r.x + r.width - area.left) * scale));
    const y0 = Math.max(0, Math.round((r.y - area.top) * scale));
    const y1 = Math.min(height, Math.round((r.y + r.height - area.top) * scale));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * width + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, width, height };
}
