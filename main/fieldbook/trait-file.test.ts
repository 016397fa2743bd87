import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { readTable } from './read-table';
import { parseTraitFile, supportedFieldBookFormats, traitFileHeaders, type TraitFilePreview, type TraitRow } from './trait-file';

const header = traitFileHeaders.join(',');

async function traits(...lines: string[]): Promise<TraitFilePreview> {
  const table = await readTable(new TextEncoder().encode([header, ...lines].join('\n')), 'traits.trt');
  return parseTraitFile(table);
}

const errorsOf = (row: TraitRow | undefined) => (row && !row.ok ? row.errors : []);

describe('parseTraitFile: formats', () => {
  const cases: { format: string; categories?: string; scaleType: string; unit?: string | null; noted?: RegExp }[] = [
    { format: 'numeric', scaleType: 'numeric' },
    { format: 'categorical', categories: 'Red/Green/Blue', scaleType: 'categorical' },
    { format: 'qualitative', categories: 'low/high', scaleType: 'categorical' },
    { format: 'multicat', categories: 'Yellow/Purple/Axil', scaleType: 'text', noted: /multi-category trait is kept as text/ },
    { format: 'date', scaleType: 'date' },
    { format: 'percent', scaleType: 'percent' },
    { format: 'boolean', scaleType: 'boolean' },
    { format: 'text', scaleType: 'text' },
    { format: 'barcode', scaleType: 'text' },
    { format: 'counter', scaleType: 'counter' },
    { format: 'photo', scaleType: 'photo' },
    { format: 'usb camera', scaleType: 'photo', noted: /USB camera/ },
    { format: 'gopro', scaleType: 'photo', noted: /GoPro/ },
    { format: 'canon', scaleType: 'photo', noted: /Canon/ },
    { format: 'angle', scaleType: 'numeric', unit: '°', noted: /degrees/ },
    { format: 'disease rating', scaleType: 'text', noted: /kept as text/ },
    { format: 'rust rating', scaleType: 'text', noted: /kept as text/ },
  ];
  for (const c of cases) {
    it(`maps "${c.format}" to ${c.scaleType}`, async () => {
      const preview = await traits(`"trait one","${c.format}","","","","","${c.categories ?? ''}","true","1"`);
      const row = preview.rows[0];
      expect(row?.ok).toBe(true);
      if (!row?.ok) return;
      expect(row.variable).toMatchObject({ name: 'trait one', trait: 'trait one', scaleType: c.scaleType, fieldBookFormat: c.format });
      if (c.unit !== undefined) expect(row.variable.unit).toBe(c.unit);
      if (c.noted) expect(row.notes.join(' ')).toMatch(c.noted);
      else expect(row.notes).toEqual([]);
    });
  }

  it('keeps the categories of a categorical trait as values and labels', async () => {
    const preview = await traits('color,categorical,,,,Colour of the spike,Red/ Orange /Yellow,true,2');
    expect(preview.variables[0]).toMatchObject({
      categories: [{ value: 'Red', label: 'Red' }, { value: 'Orange', label: 'Orange' }, { value: 'Yellow', label: 'Yellow' }],
      description: 'Colour of the spike',
    });
  });

  it('lists the categories of a multicat trait in its description', async () => {
    const preview = await traits('type,multicat,,,,Seed type,Round/Wrinkled,true,1');
    expect(preview.variables[0]).toMatchObject({ scaleType: 'text', categories: null, description: 'Seed type Categories: Round, Wrinkled.' });
  });

  for (const format of ['audio', 'location', 'gnss', 'zebra label print', 'video', 'spectral', 'stop_watch', 'colour wheel']) {
    it(`refuses "${format}", naming it and the supported formats`, async () => {
      const preview = await traits(`sample,${format},,,,,,true,1`);
      expect(errorsOf(preview.rows[0])).toEqual([
        {
          line: 2,
          column: 'format',
          message: `Trait "sample" has format "${format}", which Field Station cannot record. Supported formats: ${supportedFieldBookFormats.join(', ')}.`,
        },
      ]);
    });
  }

  it('refuses a trait without a format', async () => {
    expect(errorsOf((await traits('sample,,,,,,,true,1')).rows[0])[0]?.message).toMatch(/^Trait "sample" has no format\. Supported formats: numeric/);
  });
});

describe('parseTraitFile: checks', () => {
  it('reads minimum and maximum as numbers and refuses a minimum above the maximum', async () => {
    const preview = await traits('height,numeric,,0,250.5,cm,,true,1', 'lodging,percent,,80,20,,,true,2', 'yield,numeric,,low,high,,,true,3');
    expect(preview.rows[0]?.ok && preview.rows[0].variable).toMatchObject({ minimum: 0, maximum: 250.5 });
    expect(errorsOf(preview.rows[1])).toEqual([{ line: 3, column: 'maximum', message: 'The minimum of "lodging" (80) is above its maximum (20).' }]);
    expect(errorsOf(preview.rows[2]).map((e) => [e.column, e.message])).toEqual([
      ['minimum', 'The minimum of "yield" is "low", which is not a number.'],
      ['maximum', 'The maximum of "yield" is "high", which is not a number.'],
    ]);
  });

  it('refuses a categorical trait without categories or with a category twice', async () => {
    const preview = await traits('color,categorical,,,,,,true,1', 'shape,categorical,,,,,round/Round,true,2');
    expect(errorsOf(preview.rows[0])[0]).toMatchObject({ column: 'categories', message: expect.stringMatching(/lists no categories/) });
    expect(errorsOf(preview.rows[1])[0]?.message).toBe('"shape" lists the category "Round" more than once.');
  });

  it('refuses the same trait name twice, naming both lines', async () => {
    const preview = await traits('height,numeric,,,,,,true,1', 'Height,numeric,,,,,,true,2');
    expect(errorsOf(preview.rows[0])[0]?.message).toBe('Trait "height" is on line 2 and also on line 3. Trait names must be unique.');
    expect(errorsOf(preview.rows[1])[0]?.message).toMatch(/on line 3 and also on line 2/);
  });

  it('checks the default value against the scale and keeps its canonical form', async () => {
    const preview = await traits('insect damage,boolean,FALSE,,,,,true,1', 'height,numeric,300,0,250,,,true,2', 'plants,counter,-1,,,,,true,3');
    expect(preview.rows[0]?.ok && preview.rows[0].variable.defaultValue).toBe('false');
    expect(errorsOf(preview.rows[1])[0]).toMatchObject({ column: 'defaultValue', message: expect.stringMatching(/^Default value: 300 is outside/) });
    expect(errorsOf(preview.rows[2])[0]?.column).toBe('defaultValue');
  });

  it('orders variables by realPosition and keeps their visibility', async () => {
    const preview = await traits('c,text,,,,,,true,3', 'a,text,,,,,,FALSE,1', 'b,text,,,,,,,2', 'd,text,,,,,,true,');
    expect(preview.variables.map((v) => [v.name, v.position, v.visible])).toEqual([
      ['a', 1, false],
      ['b', 2, true],
      ['c', 3, true],
      ['d', 4, true],
    ]);
  });

  it('refuses isVisible and realPosition values it cannot read', async () => {
    const preview = await traits('a,text,,,,,,maybe,1', 'b,text,,,,,,true,second');
    expect(errorsOf(preview.rows[0])[0]).toMatchObject({ column: 'isVisible' });
    expect(errorsOf(preview.rows[1])[0]).toMatchObject({ column: 'realPosition', message: 'realPosition of "b" is "second"; it must be a whole number.' });
  });

  it('refuses a file that is not a trait file, and one with no traits', async () => {
    const notTraits = await readTable(new TextEncoder().encode('plot_id,row\nA1,1\n'), 'field.trt');
    expect(() => parseTraitFile(notTraits)).toThrow(AppError);
    expect(() => parseTraitFile(notTraits)).toThrow(/no "trait" or "format" column/);
    const empty = await readTable(new TextEncoder().encode(`${header}\n`), 'traits.trt');
    expect(() => parseTraitFile(empty)).toThrow(/has a header but no traits/);
  });
});
