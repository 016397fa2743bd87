import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { csvCell, guardFormula, unguardFormula } from './csv-writing';
import { exportDatabaseFormat, exportTableFormat, plotColumnValue } from './fieldbook-export';
import { exportJson } from './json-export';
import { observations, plots, variables } from './test-study';

const parse = (csv: string): string[][] => Papa.parse<string[]>(csv.replace(/\n$/, ''), { delimiter: ',' }).data;

describe('CSV cells', () => {
  it('quotes cells with commas, quotes or line breaks and doubles their quotes', () => {
    expect(csvCell('plain', 'none')).toBe('plain');
    expect(csvCell('a,b', 'none')).toBe('"a,b"');
    expect(csvCell('say "hi"', 'none')).toBe('"say ""hi"""');
    expect(csvCell('one\ntwo', 'none')).toBe('"one\ntwo"');
    expect(csvCell('one\r\ntwo', 'none')).toBe('"one\r\ntwo"');
  });

  it('defuses cells a spreadsheet would run as formulas, but leaves numbers alone', () => {
    for (const formula of ['=SUM(A1:A9)', '+cmd', '-2+3', '@SUM(1)', '\t=1', '- lodged', "'=already"]) {
      expect(guardFormula(formula)).toBe(`'${formula}`);
      expect(unguardFormula(guardFormula(formula))).toBe(formula);
    }
    for (const data of ['-5', '+3.2', '-1e-3', '18.5', 'Kharkof', "it's", '2026-05-14', '']) {
      expect(guardFormula(data)).toBe(data);
      expect(unguardFormula(data)).toBe(data);
    }
    expect(csvCell('=A1,B1', 'quote-prefix')).toBe(`"'=A1,B1"`);
    expect(csvCell('=A1', 'none')).toBe('=A1');
  });
});

describe('exportDatabaseFormat', () => {
  const csv = exportDatabaseFormat(plots, variables, observations, { plotColumns: ['plot', 'row', 'col', 'pedigree', 'germplasm', 'geo_coordinates'] });
  const rows = parse(csv);

  it('writes the unique id, the chosen plot columns, then Field Book’s observation columns and our timepoint', () => {
    expect(rows[0]).toEqual([
      'plot_id', 'plot', 'row', 'col', 'pedigree', 'germplasm', 'geo_coordinates',
      'trait', 'value', 'timestamp', 'person', 'location', 'number', 'attached_photo', 'attached_video', 'attached_audio', 'device_name',
      'timepoint',
    ]);
  });

  it('writes one row per observation, by plot order, variable order and time', () => {
    expect(rows.slice(1).map((r) => [r[0], r[7], r[8], r[12], r[17]])).toEqual([
      ['FS-0001', 'height', '18.5', '1', '14 DAS'],
      ['FS-0001', 'height', '42', '2', '28 DAS'],
      ['FS-0001', 'height', '43', '2', '28 DAS'],
      ['FS-0001', 'notes', `'=HYPERLINK("http://x","y")`, '1', '14 DAS'],
      ['FS-0002', 'notes', 'lodged, after "storm"\nsecond line', '1', '14 DAS'],
      ['FS-0003', 'notes', "''@not a formula", '1', ''],
      ['FS-0003', 'rust, leaf', '20MR/40S', '1', ''],
      ['FS-0003', 'canopy ΔT', '-5', '1', ''],
    ]);
  });

  it('fills plot columns from attributes and plot fields, geometry as lat;lon', () => {
    expect(rows[1]?.slice(0, 7)).toEqual(['FS-0001', '101', '1', '1', "'=KS87/ARAPAHOE", 'Kharkof', '45.5017;-73.5673']);
    expect(rows[5]?.slice(0, 7)).toEqual(['FS-0002', '102', '1', '2', 'Trego', 'Nekota, sel. "B"', '']);
    const [first] = plots;
    if (!first) throw new Error('the test study has plots');
    expect(plotColumnValue({ ...first, attributes: { row: 'R7' } }, 'row')).toBe('R7');
    expect(plotColumnValue(first, 'row')).toBe('1');
  });

  it('writes timestamps, people and devices as Field Book does', () => {
    expect(rows[1]?.slice(9, 17)).toEqual(['2026-06-01 08:00:00.000Z', 'Ana', '', '1', '', '', '', 'tab-01']);
    expect(rows[3]?.slice(9, 11)).toEqual(['2026-06-15 08:05:00.000Z', '']);
    const paris = parse(exportDatabaseFormat(plots, variables, observations.slice(1, 2), { timeZone: 'Europe/Paris' }));
    expect(paris[1]?.[3]).toBe('2026-06-01 10:00:00.000+02:00');
  });

  it('leaves out the timepoint column when no observation has one, and writes a BOM on request', () => {
    const untimed = observations.filter((o) => o.timepoint === null);
    const text = exportDatabaseFormat(plots, variables, untimed, { byteOrderMark: true });
    expect(text.startsWith('\uFEFFplot_id,trait,value,timestamp,person,location,number,attached_photo,attached_video,attached_audio,device_name\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('writes formulas unchanged when the guard is off', () => {
    const raw = parse(exportDatabaseFormat(plots, variables, observations, { formulaGuard: 'none' }));
    expect(raw.find((r) => r[2]?.startsWith('=HYPERLINK'))).toBeDefined();
  });

  it('refuses observations of plots or variables that are not exported', () => {
    const stray = observations.slice(0, 1).map((o) => ({ ...o, unitUniqueId: 'FS-9999' }));
    expect(() => exportDatabaseFormat(plots, variables, stray)).toThrow(AppError);
    expect(() => exportDatabaseFormat(plots, variables.slice(0, 1), observations)).toThrow(/"notes", which is not among the exported variables/);
  });
});

describe('exportTableFormat', () => {
  it('writes every plot once with the latest value of each variable', () => {
    const rows = parse(exportTableFormat(plots, variables, observations, { plotColumns: ['plot'], uniqueIdColumn: 'unique_id' }));
    expect(rows).toEqual([
      ['unique_id', 'plot', 'height', 'notes', 'rust, leaf', 'canopy ΔT'],
      ['FS-0001', '101', '43', `'=HYPERLINK("http://x","y")`, '', ''],
      ['FS-0002', '102', '', 'lodged, after "storm"\nsecond line', '', ''],
      ['FS-0003', '103', '', "''@not a formula", '20MR/40S', '-5'],
    ]);
  });

  it('writes plots without observations and a study without variables', () => {
    expect(exportTableFormat(plots, [], [])).toBe('plot_id\nFS-0001\nFS-0002\nFS-0003\n');
  });
});

describe('exportJson', () => {
  it('holds the study, variables, plots and observations as given', () => {
    const doc = JSON.parse(exportJson({ name: 'Wheat 2026' }, plots, variables, observations, new Date('2026-07-01T00:00:00Z'))) as Record<string, unknown>;
    expect(doc).toMatchObject({ format: 'field-station.study-export', version: 1, exportedAt: '2026-07-01T00:00:00.000Z', study: { name: 'Wheat 2026' } });
    expect(doc.plots).toEqual(plots);
    expect(doc.variables).toEqual(variables);
    expect(doc.observations).toEqual(observations.map((o) => ({ ...o, location: null, photo: null, video: null, audio: null })));
  });
});
