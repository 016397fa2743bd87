import { describe, expect, it } from 'vitest';
import type { Scale } from '../../common/scale-validation';
import { importDatabaseFormat, type ObservationRow } from './database-import';
import { exportDatabaseFormat, type ExportObservation } from './fieldbook-export';
import { readTable, type Table } from './read-table';
import { observations, plots, variables } from './test-study';

const tableOf = (text: string, name = 'export.csv'): Promise<Table> => readTable(new TextEncoder().encode(text), name);
const errorsOf = (row: ObservationRow | undefined) => (row && !row.ok ? row.errors : []);

/** What an observation is, whatever order it was written in. */
const facts = (list: readonly Pick<ExportObservation, 'unitUniqueId' | 'variableName' | 'value' | 'observedAt' | 'collectorName' | 'deviceName' | 'timepoint'>[]) =>
  list
    .map((o) => ({
      unitUniqueId: o.unitUniqueId,
      variableName: o.variableName,
      value: o.value,
      observedAt: new Date(o.observedAt).toISOString(),
      collectorName: o.collectorName,
      deviceName: o.deviceName,
      timepoint: o.timepoint,
    }))
    .sort((a, b) => `${a.unitUniqueId}|${a.variableName}|${a.observedAt}`.localeCompare(`${b.unitUniqueId}|${b.variableName}|${b.observedAt}`));

const scales = new Map<string, Scale>(
  variables.map((v) => [v.name, { name: v.name, scaleType: v.scaleType, unit: v.unit ?? null, minimum: v.minimum ?? null, maximum: v.maximum ?? null, decimalPlaces: null, categories: v.categories ?? null }]),
);

describe('importDatabaseFormat: round trip', () => {
  it('gives back the same observations that were exported', async () => {
    const csv = exportDatabaseFormat(plots, variables, observations, { plotColumns: ['plot', 'pedigree', 'geo_coordinates'] });
    const imported = importDatabaseFormat(await tableOf(csv), { variables: scales, unitIds: new Set(plots.map((p) => p.uniqueId)) });
    expect(imported.errorCount).toBe(0);
    expect(imported.uniqueIdColumn).toBe('plot_id');
    expect(imported.timepointSource).toBe('column');
    expect(facts(imported.observations)).toEqual(facts(observations));
  });

  it('round-trips through a station time zone, without the formula guard, and with a BOM', async () => {
    const csv = exportDatabaseFormat(plots, variables, observations, { timeZone: 'America/Chicago', formulaGuard: 'none', byteOrderMark: true });
    const imported = importDatabaseFormat(await tableOf(csv), { formulaGuard: 'none' });
    expect(facts(imported.observations)).toEqual(facts(observations));
  });

  it('round-trips a study with no timepoints (no timepoint column written)', async () => {
    const untimed = observations.filter((o) => o.timepoint === null);
    const imported = importDatabaseFormat(await tableOf(exportDatabaseFormat(plots, variables, untimed)));
    expect(imported.timepointSource).toBe('none');
    expect(facts(imported.observations)).toEqual(facts(untimed));
  });
});

describe('importDatabaseFormat: Field Book files', () => {
  const fieldBookExport = [
    '"plot_id","row","plot","trait","value","timestamp","person","location","number"',
    '"13RPN00001","1","1","height","3","2021-08-05 11:52:45.379-05:00"," ","","1"',
    '"13RPN00001","1","1","height","4","2021-08-19 10:02:00.000-05:00","Jo Smith","36.6;-96.3","2"',
    '"13RPN00002","1","2","height","5","2021-08-05 11:53:01.002-05:00","Jo Smith","","1"',
  ].join('\n');

  it('reads the app’s export: person, location and repeated measures as numbered timepoints', async () => {
    const imported = importDatabaseFormat(await tableOf(fieldBookExport));
    expect(imported.timepointSource).toBe('number');
    expect(imported.notes).toContain('Repeated measures in the file became timepoints named by their number (1, 2, …).');
    expect(imported.observations[0]).toEqual({
      line: 2, unitUniqueId: '13RPN00001', variableName: 'height', value: '3', observedAt: '2021-08-05T16:52:45.379Z',
      collectorName: null, deviceName: null, timepoint: '1', repeat: 1, location: null, photo: null, video: null, audio: null,
    });
    expect(imported.observations[1]).toMatchObject({ collectorName: 'Jo Smith', location: '36.6;-96.3', timepoint: '2', repeat: 2 });
  });

  it('gives no timepoints when nothing was measured twice', async () => {
    const single = fieldBookExport.split('\n').filter((_, i) => i !== 2).join('\n');
    const imported = importDatabaseFormat(await tableOf(single));
    expect(imported.timepointSource).toBe('none');
    expect(imported.observations.map((o) => o.timepoint)).toEqual([null, null]);
  });

  it('takes the unique id column the person names, even when it is not first', async () => {
    const csv = 'row,barcode_id,trait,value,timestamp\n1,B-7,height,3,2021-08-05 11:52:45.379-05:00\n';
    expect(importDatabaseFormat(await tableOf(csv), { uniqueIdColumn: 'barcode_id' }).observations[0]?.unitUniqueId).toBe('B-7');
    await expect(tableOf(csv).then((t) => importDatabaseFormat(t, { uniqueIdColumn: 'plot' }))).rejects.toThrow(/no column named "plot"/);
  });

  it('refuses rows without unique id, trait, value or a readable timestamp', async () => {
    const csv = [
      'plot_id,trait,value,timestamp,number',
      ',height,3,2021-08-05 11:52:45.379-05:00,1',
      'A1,,3,2021-08-05 11:52:45.379-05:00,1',
      'A1,height,,2021-08-05 11:52:45.379-05:00,1',
      'A1,height,3,05/08/2021 11:52,1',
      'A1,height,3,2021-08-05 11:52:45.379-05:00,first',
    ].join('\n');
    const imported = importDatabaseFormat(await tableOf(csv));
    expect(imported.errorCount).toBe(5);
    expect(imported.rows.map((r) => errorsOf(r).map((e) => e.column))).toEqual([['plot_id'], ['trait'], ['value'], ['timestamp'], ['number']]);
    expect(errorsOf(imported.rows[3])[0]?.message).toBe('Line 5: "05/08/2021 11:52" is not a time written as yyyy-MM-dd HH:mm:ss.SSS±hh:mm.');
  });

  it('checks plots, traits and values against the study when it is given', async () => {
    const csv = [
      'plot_id,trait,value,timestamp',
      'FS-0001,HEIGHT,18.50,2026-06-01 08:00:00.000Z',
      'FS-0001,height,950,2026-06-01 08:00:00.000Z',
      'FS-0001,yield,3,2026-06-01 08:00:00.000Z',
      'FS-9999,height,3,2026-06-01 08:00:00.000Z',
    ].join('\n');
    const imported = importDatabaseFormat(await tableOf(csv), { variables: scales, unitIds: new Set(plots.map((p) => p.uniqueId)) });
    expect(imported.rows[0]?.ok && imported.rows[0].observation).toMatchObject({ variableName: 'height', value: '18.5' });
    expect(errorsOf(imported.rows[1])[0]?.message).toMatch(/^Line 3: 950 is outside the valid range for height/);
    expect(errorsOf(imported.rows[2])[0]?.message).toBe('Line 4: "yield" is not a variable of this study.');
    expect(errorsOf(imported.rows[3])[0]?.message).toBe('Line 5: no plot of this study has the unique id "FS-9999".');
  });

  it('refuses a file that is not a database export, and one without observations', async () => {
    const fieldFile = await tableOf('plot_id,row\nA1,1\n');
    expect(() => importDatabaseFormat(fieldFile)).toThrow(/not a Field Book database export: it has no "trait", "value", "timestamp" column/);
    const headerOnly = await tableOf('plot_id,trait,value,timestamp\n');
    expect(() => importDatabaseFormat(headerOnly)).toThrow(/has a header but no observations/);
  });
});
