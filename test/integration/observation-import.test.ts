import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationFilePreview } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { exportStudy, importFieldFile } from '../../main/fieldbook/study-files';
import { importObservationFile, previewObservationFile } from '../../main/fieldbook/study-observations';
import { observationHistory } from '../../main/observations/observation-history';
import { recordObservation } from '../../main/observations/record-observation';
import type { StationSession } from '../../main/stations/station-session';
import { listPlotsWithLatest } from '../../main/trials/trial-queries';
import { openLocalStation } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

// Importing a Field Book database-format file (one row per value) into a study, on a real PGlite
// replica: matching rows to plots and variables, refusing bad rows and replacements unless asked,
// and adding nothing that is already there.

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const fieldFile = ['plot_id,plot,row,col,rep', 'OBS-01,1,1,1,1', 'OBS-02,2,1,2,1', 'OBS-03,3,1,3,1', 'OBS-04,4,2,1,2'].join('\n');
const mapping = { uniqueId: 'plot_id', plotNumber: 'plot', row: 'row', column: 'col', replicate: 'rep' };

/** A study with four plots (OBS-01…04), Plant height (numeric, 0–250 cm) and Lodging (none/some/flat). */
async function seedStudy(session: StationSession, name: string): Promise<{ studyId: string; height: string; lodging: string; unitOf: (plotId: string) => Promise<string> }> {
  const trialId = newId();
  const studyId = newId();
  const existing = await session.replica.query<{ id: string; name: string }>('SELECT id, name FROM observation_variables');
  const height = existing.find((v) => v.name === 'Plant height')?.id ?? newId();
  const lodging = existing.find((v) => v.name === 'Lodging')?.id ?? newId();
  await session.write([
    { entity: 'trials', operation: 'insert', rowId: trialId, fields: { name: `Import trial ${name}` } },
    { entity: 'studies', operation: 'insert', rowId: studyId, fields: { trial_id: trialId, name } },
    ...(existing.length > 0
      ? []
      : [
          {
            entity: 'observation_variables' as const,
            operation: 'insert' as const,
            rowId: height,
            fields: { name: 'Plant height', trait: 'Plant height', scale_type: 'numeric', unit: 'cm', minimum: 0, maximum: 250, decimal_places: 1 },
          },
          {
            entity: 'observation_variables' as const,
            operation: 'insert' as const,
            rowId: lodging,
            fields: { name: 'Lodging', trait: 'Lodging', scale_type: 'categorical', categories: [{ value: 'none', label: 'none' }, { value: 'some', label: 'some' }, { value: 'flat', label: 'flat' }] },
          },
        ]),
    { entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: studyId, variable_id: height, position: 1 } },
    { entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: studyId, variable_id: lodging, position: 2 } },
  ]);
  await importFieldFile(session, { studyId, fileName: 'plots.csv', content: base64(fieldFile), mapping, takeGoodRows: false, updateExisting: false });
  const unitOf = async (plotId: string): Promise<string> => {
    const [row] = await session.replica.query<{ id: string }>(`SELECT id FROM observation_units WHERE study_id = $1 AND attributes->>'plot_id' = $2`, [studyId, plotId]);
    if (!row) throw new Error(`no plot ${plotId}`);
    return row.id;
  };
  return { studyId, height, lodging, unitOf };
}

const databaseHeader = 'plot_id,row,col,trait,value,timestamp,person,location,number,attached_photo,attached_video,attached_audio,device_name';

/** As Field Book writes it: a repeated measure of height on OBS-01 (number 1 and 2), people, a location. */
const fieldBookFile = [
  databaseHeader,
  'OBS-01,1,1,Plant height,31.5,2026-05-04 09:12:45.379-05:00,Station user,36.6;-96.3,1,,,,This computer',
  'OBS-01,1,1,Plant height,44,2026-05-18 09:02:00.000-05:00,Jo Smith,,2,,,,tab-07',
  'OBS-02,1,2,Plant height,29,2026-05-04 09:13:01.002-05:00,Jo Smith,,1,,,,tab-07',
  'OBS-02,1,2,Lodging,some,2026-05-04 09:13:05.000-05:00,Jo Smith,,1,,,,tab-07',
  // A slip corrected in Field Book on the day: the later value is the current one.
  'OBS-03,1,3,Plant height,12,2026-05-04 09:14:00.000-05:00,Jo Smith,,1,,,,tab-07',
  'OBS-03,1,3,Plant height,21,2026-05-04 09:15:00.000-05:00,Jo Smith,,1,,,,tab-07',
].join('\n');

const countObservations = async (session: StationSession): Promise<number> =>
  Number((await session.replica.query<{ n: string }>('SELECT count(*) AS n FROM observations'))[0]?.n ?? 0);
const countOutbox = async (session: StationSession): Promise<number> =>
  Number((await session.replica.query<{ n: string }>('SELECT count(*) AS n FROM sync_outbox'))[0]?.n ?? 0);
const counts = (p: ObservationFilePreview): Record<string, number> => ({ new: p.newCount, there: p.alreadyThereCount, replace: p.replaceCount, bad: p.errorCount });

describe('importing observations from a Field Book database file', () => {
  let folder: { path: string; remove: () => Promise<void> };
  let session: StationSession;

  beforeAll(async () => {
    folder = await makeTempFolder('observation-import');
    session = await openLocalStation(folder.path);
  });
  afterAll(async () => {
    await session?.close();
    await folder?.remove();
  });

  it('imports Field Book rows into an empty study: times, collectors, repeated measures as timepoints, corrections as history', async () => {
    const study = await seedStudy(session, 'Field Book rows');
    const args = { studyId: study.studyId, fileName: 'fieldbook.csv', content: base64(fieldBookFile) };
    const preview = await previewObservationFile(session, args);
    expect(counts(preview)).toEqual({ new: 6, there: 0, replace: 0, bad: 0 });
    expect(preview.uniqueIdColumn).toBe('plot_id');
    expect(preview.timepointSource).toBe('number');
    expect(preview.notes).toContain('No one on this station is named “Jo Smith”: their values are imported without a collector (the station’s history records who imported them).');
    expect(preview.notes).toContain('No device of this station is named “tab-07”: their values are imported without a device.');
    expect(preview.notes.some((note) => /1 row has a location/.test(note))).toBe(true);
    expect(preview.rows.find((row) => row.line === 3)?.observation).toMatchObject({ uniqueId: 'OBS-01', plotNumber: 1, variableName: 'Plant height', value: '44', timepoint: '2', currentValue: null });

    const result = await importObservationFile(session, { ...args, takeGoodRows: false, replaceExisting: false });
    expect(result).toEqual({ added: 6, replaced: 0, alreadyThere: 0, skipped: 0 });

    const plot1 = await study.unitOf('OBS-01');
    const [first] = await observationHistory(session.replica, plot1, study.height, '1');
    expect(first).toMatchObject({ value: '31.5', observedAt: '2026-05-04T14:12:45.379Z', collectorName: 'Station user', deviceName: 'This computer', current: true });
    const [second] = await observationHistory(session.replica, plot1, study.height, '2');
    expect(second).toMatchObject({ value: '44', observedAt: '2026-05-18T14:02:00.000Z', collectorName: null, deviceName: null, current: true });

    // Two rows for one plot, variable and timepoint: the later is current, the earlier stays in history before it.
    const plot3 = await study.unitOf('OBS-03');
    const history3 = await observationHistory(session.replica, plot3, study.height, '1');
    expect(history3.map((h) => [h.value, h.current])).toEqual([['21', true], ['12', false]]);
    expect(history3[0]?.supersedesId).toBe(history3[1]?.id);

    const byTimepoint = await listPlotsWithLatest(session.replica, study.studyId, '1');
    expect(byTimepoint.map((p) => [p.barcode, p.latest[study.height]?.value ?? null, p.latest[study.lodging]?.value ?? null])).toEqual([
      ['OBS-01', '31.5', null], ['OBS-02', '29', 'some'], ['OBS-03', '21', null], ['OBS-04', null, null],
    ]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const study = await seedStudy(session, 'Twice');
    const args = { studyId: study.studyId, fileName: 'fieldbook.csv', content: base64(fieldBookFile), takeGoodRows: false, replaceExisting: false };
    await importObservationFile(session, args);
    const before = [await countObservations(session), await countOutbox(session)];
    expect(counts(await previewObservationFile(session, args))).toEqual({ new: 0, there: 6, replace: 0, bad: 0 });
    expect(await importObservationFile(session, args)).toEqual({ added: 0, replaced: 0, alreadyThere: 6, skipped: 0 });
    expect([await countObservations(session), await countOutbox(session)]).toEqual(before);
  });

  it('exports a study and imports the file into the same study (a no-op) and into a fresh copy (the same values)', async () => {
    const source = await seedStudy(session, 'Exported');
    await recordObservation(session, { unitId: await source.unitOf('OBS-01'), variableId: source.height, value: '101.5', timepoint: '14 DAS' });
    await recordObservation(session, { unitId: await source.unitOf('OBS-02'), variableId: source.height, value: '88', timepoint: '14 DAS' });
    await recordObservation(session, { unitId: await source.unitOf('OBS-02'), variableId: source.height, value: '89', timepoint: '14 DAS' });
    await recordObservation(session, { unitId: await source.unitOf('OBS-02'), variableId: source.height, value: '120', timepoint: '28 DAS' });
    await recordObservation(session, { unitId: await source.unitOf('OBS-04'), variableId: source.lodging, value: 'flat' });
    const exported = await exportStudy(session, { studyId: source.studyId, format: 'database' });
    expect(exported.rows).toBe(4);

    const before = await countObservations(session);
    const same = { studyId: source.studyId, fileName: exported.fileName, content: base64(exported.content), takeGoodRows: false, replaceExisting: false };
    expect(counts(await previewObservationFile(session, same))).toEqual({ new: 0, there: 4, replace: 0, bad: 0 });
    expect(await importObservationFile(session, same)).toEqual({ added: 0, replaced: 0, alreadyThere: 4, skipped: 0 });
    expect(await countObservations(session)).toBe(before);

    const copy = await seedStudy(session, 'Fresh copy');
    expect(await importObservationFile(session, { ...same, studyId: copy.studyId })).toEqual({ added: 4, replaced: 0, alreadyThere: 0, skipped: 0 });
    const lines = (content: string): string[] => content.trim().split(/\r?\n/).sort();
    expect(lines((await exportStudy(session, { studyId: copy.studyId, format: 'database' })).content)).toEqual(lines(exported.content));
  });

  it('lists each bad row with its reason, refuses the import unless told to take the good rows, and writes nothing when it refuses', async () => {
    const study = await seedStudy(session, 'Bad rows');
    const file = [
      databaseHeader,
      'OBS-01,1,1,Plant height,55,2026-05-04 09:00:00.000Z,,,1,,,,',
      'OBS-99,1,1,Plant height,55,2026-05-04 09:00:00.000Z,,,1,,,,',
      'OBS-02,1,2,Grain colour,red,2026-05-04 09:00:00.000Z,,,1,,,,',
      'OBS-02,1,2,Plant height,950,2026-05-04 09:00:00.000Z,,,1,,,,',
      'OBS-03,1,3,Plant height,tall,2026-05-04 09:00:00.000Z,,,1,,,,',
      'OBS-04,1,3,Plant height,40,04/05/2026 09:00,,,1,,,,',
      'OBS-04,1,3,Lodging,some,2026-05-04 09:00:00.000Z,,,1,,,,',
    ].join('\n');
    const args = { studyId: study.studyId, fileName: 'bad.csv', content: base64(file) };
    const preview = await previewObservationFile(session, args);
    expect(counts(preview)).toEqual({ new: 2, there: 0, replace: 0, bad: 5 });
    const reasons = Object.fromEntries(preview.rows.filter((row) => row.status === 'error').map((row) => [row.line, row.errors.map((e) => e.message).join(' ')]));
    expect(reasons).toEqual({
      3: 'Line 3: no plot of this study has the unique id "OBS-99".',
      4: 'Line 4: "Grain colour" is not a variable of this study.',
      5: expect.stringMatching(/^Line 5: 950 is outside the valid range for Plant height \(0–250 cm\)/),
      6: expect.stringMatching(/^Line 6: .*tall/),
      7: 'Line 7: "04/05/2026 09:00" is not a time written as yyyy-MM-dd HH:mm:ss.SSS±hh:mm.',
    });
    expect(preview.rows.filter((row) => row.status === 'new').map((row) => row.line)).toEqual([2, 8]);

    const before = [await countObservations(session), await countOutbox(session)];
    const refused = await importObservationFile(session, { ...args, takeGoodRows: false, replaceExisting: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'validation', message: '5 rows have errors. Fix the file, or import only the 2 good rows.', details: { reason: 'rows-with-errors' } });
    expect([await countObservations(session), await countOutbox(session)]).toEqual(before);

    expect(await importObservationFile(session, { ...args, takeGoodRows: true, replaceExisting: false })).toEqual({ added: 2, replaced: 0, alreadyThere: 0, skipped: 5 });
    expect(await countObservations(session)).toBe((before[0] ?? 0) + 2);
    const plots = await listPlotsWithLatest(session.replica, study.studyId);
    expect(plots.map((p) => [p.barcode, p.latest[study.height]?.value ?? null, p.latest[study.lodging]?.value ?? null])).toEqual([
      ['OBS-01', '55', null], ['OBS-02', null, null], ['OBS-03', null, null], ['OBS-04', null, 'some'],
    ]);
  });

  it('refuses to replace a value the study shows until asked, then keeps the earlier value in history', async () => {
    const study = await seedStudy(session, 'Replace');
    const plot = await study.unitOf('OBS-01');
    const recorded = await recordObservation(session, { unitId: plot, variableId: study.height, value: '40' });
    const file = [
      'plot_id,trait,value,timestamp,person',
      'OBS-01,Plant height,40.0,2026-05-04 09:00:00.000Z,Jo Smith',
      'OBS-01,Plant height,42,2026-05-05 09:00:00.000Z,Jo Smith',
      'OBS-02,Plant height,30,2026-05-05 09:00:00.000Z,Jo Smith',
    ].join('\n');
    const args = { studyId: study.studyId, fileName: 'later.csv', content: base64(file) };
    const preview = await previewObservationFile(session, args);
    // The file's 40.0 is the study's 40, recorded at another time: it is there; 42 would replace it.
    expect(counts(preview)).toEqual({ new: 1, there: 1, replace: 1, bad: 0 });
    expect(preview.rows.find((row) => row.status === 'replace')?.observation).toMatchObject({ value: '42', currentValue: '40' });

    const before = [await countObservations(session), await countOutbox(session)];
    const refused = await importObservationFile(session, { ...args, takeGoodRows: false, replaceExisting: false }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'conflict',
      message: '1 value in the file would replace a value this study already shows. Choose to replace it (the earlier values stay in each plot’s history), or cancel.',
      details: { reason: 'would-replace', count: 1 },
    });
    expect([await countObservations(session), await countOutbox(session)]).toEqual(before);

    expect(await importObservationFile(session, { ...args, takeGoodRows: false, replaceExisting: true })).toEqual({ added: 1, replaced: 1, alreadyThere: 1, skipped: 0 });
    const history = await observationHistory(session.replica, plot, study.height);
    // Newest first by when each was observed: the file's 42 (5 May) may be dated before the 40 recorded today.
    expect(history).toHaveLength(2);
    expect(history.map((h) => [h.value, h.current])).toEqual(expect.arrayContaining([['40', false], ['42', true]]));
    expect(history.find((h) => h.value === '42')?.supersedesId).toBe(recorded.id);
    const plots = await listPlotsWithLatest(session.replica, study.studyId);
    expect(plots.find((p) => p.barcode === 'OBS-01')?.latest[study.height]?.value).toBe('42');

    // Now the file is what the study shows: importing it again changes nothing.
    expect(counts(await previewObservationFile(session, args))).toEqual({ new: 0, there: 3, replace: 0, bad: 0 });
  });
});
