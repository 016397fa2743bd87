import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { exportStudy, importFieldFile, previewFieldFileForStudy } from '../../main/fieldbook/study-files';
import { importTraitFile, previewTraitFile } from '../../main/fieldbook/study-traits';
import { recordObservation } from '../../main/observations/record-observation';
import type { StationSession } from '../../main/stations/station-session';
import { getStudy, listPlotsWithLatest } from '../../main/trials/trial-queries';
import { openLocalStation, seedMinimalStudy } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const fieldFile = [
  'plot_id,plot,row,col,rep,block,accession,geo_coordinates,treatment',
  'WH-001,1,1,1,1,1,Apex,51.98;5.66,irrigated',
  'WH-002,2,1,2,1,1,Brio,51.98;5.661,dry',
  'WH-003,3,2,1,2,1,Apex,,irrigated',
  ',4,2,2,2,1,Brio,,dry',
  'WH-005,five,2,3,2,1,Apex,,dry',
].join('\r\n');

describe('Field Book files in and out of a study', () => {
  let folder: { path: string; remove: () => Promise<void> };
  let session: StationSession;
  let study: { studyId: string; unitId: string; variableId: string };

  beforeAll(async () => {
    folder = await makeTempFolder('study-files');
    session = await openLocalStation(folder.path);
    study = await seedMinimalStudy(session);
  });
  afterAll(async () => {
    await session?.close();
    await folder?.remove();
  });

  it('previews a field file with the suggested columns and marks each bad row with its reason', async () => {
    const preview = await previewFieldFileForStudy(session, { studyId: study.studyId, fileName: 'wheat.csv', content: base64(fieldFile) });
    expect(preview.mapping).toMatchObject({ uniqueId: 'plot_id', plotNumber: 'plot', row: 'row', column: 'col', replicate: 'rep', block: 'block', germplasmName: 'accession' });
    expect([preview.validCount, preview.errorCount, preview.existingCount]).toEqual([3, 2, 0]);
    const bad = preview.rows.filter((row) => row.errors.length > 0);
    expect(bad.map((row) => row.line)).toEqual([5, 6]);
    expect(bad[0]?.errors[0]?.message).toMatch(/unique id/i);
    expect(bad[1]?.errors[0]).toMatchObject({ column: 'plot', message: expect.stringMatching(/five/) });
  });

  it('imports nothing while rows have errors, unless told to take the good rows; then all of them at once', async () => {
    const mapping = { uniqueId: 'plot_id', plotNumber: 'plot', row: 'row', column: 'col', replicate: 'rep', block: 'block', germplasmName: 'accession' };
    const before = await listPlotsWithLatest(session.replica, study.studyId);
    const refused = await importFieldFile(session, { studyId: study.studyId, fileName: 'wheat.csv', content: base64(fieldFile), mapping, takeGoodRows: false, updateExisting: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/2 rows have errors/);
    expect(await listPlotsWithLatest(session.replica, study.studyId)).toHaveLength(before.length);

    const result = await importFieldFile(session, { studyId: study.studyId, fileName: 'wheat.csv', content: base64(fieldFile), mapping, takeGoodRows: true, updateExisting: false });
    expect(result).toEqual({ created: 3, updated: 0, skipped: 2, createdGermplasm: 2 });
    const plots = await session.replica.query<{ plot_number: number; position_row: number; attributes: Record<string, string>; geometry: unknown; germplasm: string }>(
      `SELECT u.plot_number, u.position_row, u.attributes, u.geometry, g.name AS germplasm FROM observation_units u JOIN germplasm g ON g.id = u.germplasm_id
        WHERE u.study_id = $1 AND u.attributes ? 'plot_id' ORDER BY u.plot_number`,
      [study.studyId],
    );
    expect(plots.map((p) => [p.plot_number, p.germplasm, p.attributes['treatment'], p.attributes['plot_id']])).toEqual([
      [1, 'Apex', 'irrigated', 'WH-001'], [2, 'Brio', 'dry', 'WH-002'], [3, 'Apex', 'irrigated', 'WH-003'],
    ]);
    expect(plots[0]?.geometry).toEqual({ type: 'Point', coordinates: [5.66, 51.98] });

    // The same file again: the plots exist, and are only updated when asked.
    const again = await importFieldFile(session, { studyId: study.studyId, fileName: 'wheat.csv', content: base64(fieldFile), mapping, takeGoodRows: true, updateExisting: false }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'conflict', message: expect.stringMatching(/3 plots are already in this study/) });
    const updated = await importFieldFile(session, { studyId: study.studyId, fileName: 'wheat.csv', content: base64(fieldFile.replace('irrigated', 'flooded')), mapping, takeGoodRows: true, updateExisting: true });
    expect(updated).toMatchObject({ created: 0, updated: 3, createdGermplasm: 0 });
  });

  it('exports the study in Field Book database and table formats, one row per value and per plot', async () => {
    await recordObservation(session, { unitId: study.unitId, variableId: study.variableId, value: '101.5' });
    const [plot] = await session.replica.query<{ id: string }>(`SELECT id FROM observation_units WHERE attributes->>'plot_id' = 'WH-002'`);
    await recordObservation(session, { unitId: plot?.id ?? '', variableId: study.variableId, value: '88' });
    await recordObservation(session, { unitId: plot?.id ?? '', variableId: study.variableId, value: '89' });

    const database = await exportStudy(session, { studyId: study.studyId, format: 'database' });
    const lines = database.content.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^plot_id,.*trait,value,timestamp,person,location,number,attached_photo,attached_video,attached_audio,device_name$/);
    expect(lines).toHaveLength(3); // the header and the two current values (88 was replaced by 89)
    expect(lines.some((line) => line.startsWith('WH-002,') && line.includes('Plant height,89,'))).toBe(true);
    expect(database.fileName).toMatch(/database\.csv$/);

    const table = await exportStudy(session, { studyId: study.studyId, format: 'table' });
    const rows = table.content.trim().split(/\r?\n/);
    expect(rows[0]?.endsWith(',Plant height')).toBe(true);
    expect(rows).toHaveLength(5); // the header and four plots
    expect(rows.find((row) => row.startsWith('WH-002,'))?.endsWith(',89')).toBe(true);

    const json = JSON.parse((await exportStudy(session, { studyId: study.studyId, format: 'json' })).content) as { plots: unknown[]; observations: unknown[] };
    expect([json.plots.length, json.observations.length]).toEqual([4, 2]);
  });

  it('adds a Field Book trait file to the study: new traits created, known ones linked as they are, bad rows only on say-so', async () => {
    const traits = [
      'trait,format,defaultValue,minimum,maximum,details,categories,isVisible,realPosition',
      'Plant height,numeric,,0,300,Main stem,,true,3',
      'Heading date,date,,,,,,true,1',
      'Lodging,categorical,,,,,none/some/flat,true,2',
      'Rust,hologram,,,,,,true,4',
    ].join('\n');
    const preview = await previewTraitFile(session, { studyId: study.studyId, fileName: 'traits.trt', content: base64(traits) });
    expect(preview.rows.map((row) => [row.name, row.status])).toEqual([
      ['Plant height', 'in-study'], ['Heading date', 'new'], ['Lodging', 'new'], [null, 'error'],
    ]);
    expect(preview.rows[3]?.errors[0]).toMatch(/hologram/);
    await expect(importTraitFile(session, { studyId: study.studyId, fileName: 'traits.trt', content: base64(traits), takeGoodRows: false })).rejects.toMatchObject({
      message: expect.stringMatching(/1 trait has errors/),
    });
    const result = await importTraitFile(session, { studyId: study.studyId, fileName: 'traits.trt', content: base64(traits), takeGoodRows: true });
    expect(result).toEqual({ created: 2, linked: 2, alreadyInStudy: 1, skipped: 1 });
    const detail = await getStudy(session.replica, study.studyId);
    expect(detail?.variables.map((v) => [v.name, v.scaleType])).toEqual([['Plant height', 'numeric'], ['Heading date', 'date'], ['Lodging', 'categorical']]);
    // The known variable kept its own range (0–250), not the file's 0–300.
    expect(detail?.variables[0]?.maximum).toBe(250);
    expect(detail?.variables[2]?.categories?.map((c) => c.label)).toEqual(['none', 'some', 'flat']);
  });
});
