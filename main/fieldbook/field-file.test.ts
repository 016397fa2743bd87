import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { previewFieldFile, suggestMapping, type FieldMapping, type PreviewRow } from './field-file';
import { readTable, type Table } from './read-table';

const table = (csv: string): Promise<Table> => readTable(new TextEncoder().encode(csv), 'field.csv');

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const errorsOf = (row: PreviewRow | undefined) => (row && !row.ok ? row.errors : []);

const fieldCsv = [
  'plot_id,row,column,plot,rep,seed_name,pedigree,geo_coordinates',
  'FS-0001,1,1,101,1,Kharkof,Kharkof,45.5017;-73.5673',
  'FS-0002,1,2,102,1,Nekota,"KS87/ARAPAHOE, sel",',
  'FS-0003,2,1,103,2,Trego,Trego,45.5018;-73.5671',
].join('\n');

const mapping: FieldMapping = { uniqueId: 'plot_id', row: 'row', column: 'column', plotNumber: 'plot', replicate: 'rep', germplasmName: 'seed_name' };

describe('suggestMapping', () => {
  it("proposes Field Book's usual columns whatever their case", () => {
    expect(suggestMapping(['Plot_ID', 'ROW', 'Col', 'Plot', 'Rep', 'Block', 'Accession', 'Entry', 'Barcode', 'notes'])).toEqual({
      uniqueId: 'Plot_ID',
      plotNumber: 'Plot',
      row: 'ROW',
      column: 'Col',
      replicate: 'Rep',
      block: 'Block',
      germplasmName: 'Accession',
      entryNumber: 'Entry',
      barcode: 'Barcode',
    });
  });

  it('knows the longer spellings and leaves unknown roles empty', () => {
    expect(suggestMapping(['unique_id', 'plot_number', 'column', 'replicate', 'germplasmName', 'x'])).toEqual({
      uniqueId: 'unique_id',
      plotNumber: 'plot_number',
      row: null,
      column: 'column',
      replicate: 'replicate',
      block: null,
      germplasmName: 'germplasmName',
      entryNumber: null,
      barcode: null,
    });
    expect(suggestMapping(['name', 'value']).uniqueId).toBeNull();
  });
});

describe('previewFieldFile', () => {
  it('turns each row into a plot draft, unmapped columns into attributes and geo_coordinates into a point', async () => {
    const preview = previewFieldFile(await table(fieldCsv), mapping);
    expect(preview.errorCount).toBe(0);
    expect(preview.plotNumberSource).toBe('column');
    expect(preview.geometryColumn).toBe('geo_coordinates');
    expect(preview.attributeColumns).toEqual(['pedigree']);
    expect(preview.rows[0]).toEqual({
      line: 2,
      ok: true,
      plot: {
        uniqueId: 'FS-0001',
        plotNumber: 101,
        row: 1,
        column: 1,
        replicate: 1,
        block: null,
        germplasmName: 'Kharkof',
        entryNumber: null,
        barcode: null,
        attributes: { pedigree: 'Kharkof' },
        geometry: { type: 'Point', coordinates: [-73.5673, 45.5017] },
      },
    });
    const second = preview.rows[1];
    expect(second?.ok && second.plot).toMatchObject({ attributes: { pedigree: 'KS87/ARAPAHOE, sel' }, geometry: null });
  });

  it('numbers plots in file order when no plot number column is chosen, and says so', async () => {
    const preview = previewFieldFile(await table(fieldCsv), { uniqueId: 'plot_id' });
    expect(preview.plotNumberSource).toBe('line-order');
    expect(preview.rows.map((r) => r.ok && r.plot.plotNumber)).toEqual([1, 2, 3]);
    expect(preview.notes.join(' ')).toMatch(/numbered 1 to 3 in the order of the file/);
    expect(preview.rows[0]?.ok && preview.rows[0].plot.attributes).toEqual({
      row: '1', column: '1', plot: '101', rep: '1', seed_name: 'Kharkof', pedigree: 'Kharkof',
    });
  });

  it('refuses rows without a unique id', async () => {
    const preview = previewFieldFile(await table('plot_id,plot\nA1,1\n,2\nA3,3\n'), { uniqueId: 'plot_id', plotNumber: 'plot' });
    expect(preview.validCount).toBe(2);
    expect(errorsOf(preview.rows[1])).toEqual([{ line: 3, column: 'plot_id', message: 'Line 3 has no unique id in "plot_id". Every plot needs one.' }]);
  });

  it('refuses every row of a repeated unique id, naming the other lines', async () => {
    const preview = previewFieldFile(await table('plot_id,plot\nA1,1\nA2,2\nA1,3\nA1,4\n'), { uniqueId: 'plot_id', plotNumber: 'plot' });
    expect(preview.rows.map((r) => r.ok)).toEqual([false, true, false, false]);
    expect(errorsOf(preview.rows[0])[0]?.message).toBe('Unique id "A1" is on line 2 and also on line 4, 5. Each plot needs its own.');
    expect(errorsOf(preview.rows[2])[0]?.message).toMatch(/on line 4 and also on line 2, 5/);
  });

  it('refuses text and fractions in numeric columns, naming the column', async () => {
    const csv = 'plot_id,row,column,plot,entry\nA1,one,1,1,1\nA2,2,1.5,2,2\nA3,3,3,3b,x\nA4,4,4.0,4,\n';
    const preview = previewFieldFile(await table(csv), { uniqueId: 'plot_id', row: 'row', column: 'column', plotNumber: 'plot', entryNumber: 'entry' });
    expect(errorsOf(preview.rows[0])).toEqual([
      { line: 2, column: 'row', message: '"one" in "row" is not a number; the row must be a whole number.' },
    ]);
    expect(errorsOf(preview.rows[1])[0]).toMatchObject({ column: 'column', message: expect.stringMatching(/not a whole number/) });
    expect(errorsOf(preview.rows[2]).map((e) => e.column)).toEqual(['plot', 'entry']);
    expect(preview.rows[3]?.ok && preview.rows[3].plot).toMatchObject({ column: 4, entryNumber: null });
  });

  it('refuses a mapped plot number column left empty', async () => {
    const preview = previewFieldFile(await table('plot_id,plot\nA1,\n'), { uniqueId: 'plot_id', plotNumber: 'plot' });
    expect(errorsOf(preview.rows[0])[0]?.message).toBe('Line 2 has no plot number in "plot".');
  });

  it('refuses geo_coordinates that are not "lat;lon" or are out of range', async () => {
    const csv = 'plot_id,geo_coordinates\nA1,45.5;-73.5;12\nA2,-73.5 45.5\nA3,95.1;10\nA4,45.5;-190\nA5, 45.5 ; -73.5 \n';
    const preview = previewFieldFile(await table(csv), { uniqueId: 'plot_id' });
    expect(preview.rows.map((r) => r.ok)).toEqual([false, false, false, false, true]);
    expect(errorsOf(preview.rows[0])[0]).toMatchObject({ column: 'geo_coordinates', message: expect.stringMatching(/latitude;longitude/) });
    expect(errorsOf(preview.rows[2])[0]?.message).toMatch(/latitude 95.1 .* outside -90 to 90/);
    expect(errorsOf(preview.rows[3])[0]?.message).toMatch(/longitude -190/);
    expect(preview.rows[4]?.ok && preview.rows[4].plot.geometry).toEqual({ type: 'Point', coordinates: [-73.5, 45.5] });
  });

  it('refuses a mapping without a unique id or naming a column the file lacks', async () => {
    const t = await table(fieldCsv);
    expect(refusal(() => previewFieldFile(t, { uniqueId: '' })).details).toEqual({ field: 'uniqueId' });
    expect(refusal(() => previewFieldFile(t, { uniqueId: 'plot_id', block: 'block' })).message).toBe(
      'The file has no column named "block". Choose one of its columns for that role.',
    );
  });

  it('refuses a file with a header and no plots', async () => {
    const headerOnly = await table('plot_id,row\n');
    expect(refusal(() => previewFieldFile(headerOnly, { uniqueId: 'plot_id' })).details).toEqual({ reason: 'no-rows' });
  });
});
