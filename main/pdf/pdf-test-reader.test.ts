import { describe, expect, it } from 'vitest';
import { labelsPdf } from './labels-pdf';
import { readPdf } from './pdf-test-reader';

// The reader is what the other tests trust to say "this PDF opens": it must refuse broken files.
describe('readPdf', () => {
  const pdf = labelsPdf([{ code: 'BIN-01', title: 'Bench 1', symbology: 'code128' }]);

  it('reads a PDF the builders wrote', async () => {
    const read = readPdf(await pdf);
    expect(read.version).toBe('1.4');
    expect(read.pageCount).toBe(1);
    expect(read.pages[0]?.texts.map((t) => t.text)).toEqual(['Bench 1', 'BIN-01']);
  });

  it('refuses a file cut short', async () => {
    const bytes = await pdf;
    expect(() => readPdf(bytes.subarray(0, bytes.length - 200))).toThrow(/Not a well-formed PDF/);
  });

  it('refuses a file whose cross-reference table points off its objects', async () => {
    const text = Buffer.from(await pdf).toString('latin1');
    const broken = text.replace(/(xref\s+0 \d+\s+0000000000 65535 f \s+)(\d{10})/, (_, head: string, offset: string) => head + String(Number(offset) + 3).padStart(10, '0'));
    expect(broken).not.toBe(text);
    expect(() => readPdf(new Uint8Array(Buffer.from(broken, 'latin1')))).toThrow(/does not point at it/);
  });
});
