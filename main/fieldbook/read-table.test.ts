import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { AppError } from '../../common/errors';
import { readTable } from './read-table';
import { notUtf8Warning } from './text-decoding';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = bom ? `\uFEFF${text}` : text;
  for (let i = 0; i < units.length; i++) {
    const code = units.charCodeAt(i);
    bytes[i * 2 + (endian === 'le' ? 0 : 1)] = code & 0xff;
    bytes[i * 2 + (endian === 'le' ? 1 : 0)] = code >> 8;
  }
  return bytes;
}

describe('readTable: CSV', () => {
  it('reads quoted commas, doubled quotes and line breaks inside a value', async () => {
    const table = await readTable(utf8('plot_id,notes,row\nA1,"lodged, after storm",1\nA2,"said ""ok""\nthen left",2\n'), 'field.csv');
    expect(table.delimiter).toBe(',');
    expect(table.headers).toEqual(['plot_id', 'notes', 'row']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['A1', 'lodged, after storm', '1'] },
      { line: 3, cells: ['A2', 'said "ok"\nthen left', '2'] },
    ]);
  });

  it('detects a semicolon delimiter even when values use decimal commas', async () => {
    const table = await readTable(utf8('plot_id;height;notes\nA1;18,5;ok\nA2;20,25;"a;b"\n'), 'field.csv');
    expect(table.delimiter).toBe(';');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['A1', '18,5', 'ok'],
      ['A2', '20,25', 'a;b'],
    ]);
  });

  it('detects a tab delimiter in .txt files and always uses tabs for .tsv', async () => {
    const txt = await readTable(utf8('plot_id\trow\tcol\nA1\t1\t2\n'), 'field.txt');
    expect(txt.delimiter).toBe('\t');
    expect(txt.rows[0]?.cells).toEqual(['A1', '1', '2']);
    const tsv = await readTable(utf8('plot_id\tnotes\nA1\tx, y\n'), 'field.tsv');
    expect(tsv.rows[0]?.cells).toEqual(['A1', 'x, y']);
  });

  it('drops a UTF-8 byte order mark from the first column name', async () => {
    const table = await readTable(utf8('\uFEFFplot_id,name\nA1,Café\n'), 'field.csv');
    expect(table.headers[0]).toBe('plot_id');
    expect(table.encoding).toBe('utf-8');
    expect(table.rows[0]?.cells[1]).toBe('Café');
    expect(table.warnings).toEqual([]);
  });

  it('reads UTF-16 little- and big-endian files by their byte order mark', async () => {
    for (const endian of ['le', 'be'] as const) {
      const table = await readTable(utf16('plot_id\tname\r\nA1\tJosé\r\n', endian), 'field.txt');
      expect(table.encoding).toBe(`utf-16${endian}`);
      expect(table.rows[0]?.cells).toEqual(['A1', 'José']);
    }
  });

  it('reads UTF-16 without a byte order mark from its zero bytes', async () => {
    const table = await readTable(utf16('plot_id,name\nA1,Zoë\n', 'le', false), 'field.csv');
    expect(table.rows[0]?.cells).toEqual(['A1', 'Zoë']);
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says so', async () => {
    const bytes = new Uint8Array([...utf8('plot_id,germplasm\nA1,Caf'), 0xe9, ...utf8(' '), 0x93, ...utf8('Gr'), 0xfc, ...utf8('n'), 0x94, 0x0a]);
    const table = await readTable(bytes, 'field.csv');
    expect(table.encoding).toBe('windows-1252');
    expect(table.rows[0]?.cells[1]).toBe('Café “Grün”');
    expect(table.warnings).toContain(notUtf8Warning);
  });

  it('numbers rows as a spreadsheet does, skipping blank rows without renumbering', async () => {
    const table = await readTable(utf8('\n\nplot_id,row\nA1,1\n\n,\nA2,2\n'), 'field.csv');
    expect(table.headerLine).toBe(3);
    expect(table.rows.map((r) => r.line)).toEqual([4, 7]);
  });

  it('pads short rows and warns about values beyond the last column', async () => {
    const table = await readTable(utf8('plot_id,row,col\nA1,1\nA2,2,3,extra\nA3,3,3,,\n'), 'field.csv');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['A1', '1', ''],
      ['A2', '2', '3'],
      ['A3', '3', '3'],
    ]);
    expect(table.warnings.join(' ')).toMatch(/Rows 3 have more values/);
  });

  it('keeps a header-only file as a table with no rows', async () => {
    const table = await readTable(utf8('plot_id,row,col\n'), 'field.csv');
    expect(table.headers).toEqual(['plot_id', 'row', 'col']);
    expect(table.rows).toEqual([]);
  });

  it('ignores trailing empty columns but refuses unnamed columns that hold data', async () => {
    const trailing = await readTable(utf8('plot_id,row,,\nA1,1,,\n'), 'field.csv');
    expect(trailing.headers).toEqual(['plot_id', 'row']);
    const error = await refusal(readTable(utf8('plot_id,,row\nA1,x,1\n'), 'field.csv'));
    expect(error.details).toMatchObject({ reason: 'missing-header', columns: [2] });
    expect(error.message).toMatch(/column 2 has none/);
  });

  it('refuses column names used twice, whatever their case', async () => {
    const error = await refusal(readTable(utf8('plot_id,Row,row\nA1,1,1\n'), 'field.csv'));
    expect(error.details).toMatchObject({ reason: 'duplicate-header' });
    expect(error.message).toMatch(/"Row" \(columns 2 and 3\)/);
  });

  it('refuses empty and blank files', async () => {
    expect((await refusal(readTable(new Uint8Array(), 'field.csv'))).details?.reason).toBe('empty-file');
    expect((await refusal(readTable(utf8('\n\n  \n'), 'field.csv'))).details?.reason).toBe('empty-file');
    expect((await refusal(readTable(utf8('\uFEFF'), 'field.csv'))).details?.reason).toBe('empty-file');
  });

  it('refuses binary content, unknown extensions and old Excel files', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect((await refusal(readTable(png, 'field.csv'))).details?.reason).toBe('binary-file');
    expect((await refusal(readTable(utf8('a,b\n1,2\n'), 'field.pdf'))).details?.reason).toBe('unsupported-file');
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(readTable(xls, 'field.xls'))).details?.reason).toBe('old-excel');
    expect((await refusal(readTable(xls, 'field.csv'))).details?.reason).toBe('old-excel');
  });

  it('refuses a quote that is never closed instead of swallowing the rest of the file', async () => {
    const error = await refusal(readTable(utf8('plot_id,notes\nA1,ok\nA2,"never closed\nA3,x\n'), 'field.csv'));
    expect(error.details?.reason).toBe('unclosed-quote');
  });
});

describe('readTable: xlsx', () => {
  async function workbook(): Promise<Uint8Array> {
    return writeXlsxFile(
      [
        ['plot_id', 'row', 'height', 'sown', 'scored', 'border', 'notes'],
        ['A1', 1, 0.1 + 0.2, new Date(Date.UTC(2026, 4, 14)), { value: new Date(Date.UTC(2026, 4, 14, 10, 30)), type: Date, format: 'yyyy-mm-dd hh:mm' }, true, 'Café'],
        [null, null, null, null, null, null, null],
        ['A2', 2, 1234567.891, null, null, false, '  spaced  '],
      ],
      { dateFormat: 'yyyy-mm-dd' },
    ).toBuffer();
  }

  it('reads the first sheet with every cell as text: numbers as Excel shows them, dates as ISO dates', async () => {
    const table = await readTable(await workbook(), 'field.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.headers).toEqual(['plot_id', 'row', 'height', 'sown', 'scored', 'border', 'notes']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['A1', '1', '0.3', '2026-05-14', '2026-05-14T10:30:00', 'TRUE', 'Café'] },
      { line: 4, cells: ['A2', '2', '1234567.891', '', '', 'FALSE', 'spaced'] },
    ]);
  });

  it('reads a workbook saved with a .csv name as a workbook', async () => {
    const table = await readTable(await workbook(), 'field.csv');
    expect(table.format).toBe('xlsx');
    expect(table.rows).toHaveLength(2);
  });

  it('refuses a file named .xlsx that is not a workbook', async () => {
    expect((await refusal(readTable(utf8('plot_id,row\nA1,1\n'), 'field.xlsx'))).details?.reason).toBe('unreadable-xlsx');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect((await refusal(readTable(broken, 'field.xlsx'))).details?.reason).toBe('unreadable-xlsx');
  });

  it('refuses duplicate column names in a workbook too', async () => {
    const bytes = await writeXlsxFile([['plot_id', 'row', 'ROW'], ['A1', 1, 2]]).toBuffer();
    expect((await refusal(readTable(bytes, 'field.xlsx'))).details?.reason).toBe('duplicate-header');
  });
});
