import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlotRow, StudyDetail } from '../../common/api-contract';
import { unguardFormula } from '../../main/fieldbook/csv-writing';
import { launchBrowser, openPage } from '../harness/browser';
import { makeTempFolder } from '../harness/temp-folder';
import { invokeWeb, startWebApp, type WebApp } from '../harness/web-app';

// A study's files in the built app (web mode, real Chromium, real services): exporting the demo
// study in Field Book's two formats as downloads, and importing a field file, a trait file and a
// database export's values through their previews.

const trialName = 'Spring wheat yield trial 2026';
const databaseColumns = ['trait', 'value', 'timestamp', 'person', 'location', 'number', 'attached_photo', 'attached_video', 'attached_audio', 'device_name'];

/** A Field Book field file: lines 2, 3 and 7 are good; 4 has no unique id; 5 and 6 share one. */
const fieldFile = [
  'plot_id,plot,row,col,rep,block,accession,pedigree',
  'E2E-0001,9001,99,1,1,1,Kharkof,KS87/ARAPAHOE',
  'E2E-0002,9002,99,2,1,1,Kharkof,KS87/ARAPAHOE',
  ',9003,99,3,1,1,Trego,Trego',
  'E2E-0004,9004,99,4,1,1,Trego,Trego',
  'E2E-0004,9005,99,5,1,1,Trego,Trego',
  'E2E-0006,9006,99,6,2,1,E2E breeding line 6,unknown',
  '',
].join('\n');

let folder: { path: string; remove: () => Promise<void> };
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  folder = await makeTempFolder('e2e-study-files');
  app = await startWebApp({ dataFolder: folder.path });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await folder?.remove();
});

const invoke = <T>(method: string, args: unknown): Promise<T> => invokeWeb<T>(app, method, args);

/** Opens the demo station (created on first use) and the yield trial's first study; its id from the address. */
async function openFirstStudy(page: Page): Promise<string> {
  await page.goto(app.launchUrl);
  await page.getByRole('button', { name: 'Open the demo station' }).click();
  await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
  await page.getByRole('link', { name: new RegExp(trialName) }).click();
  await page.getByRole('heading', { name: trialName, level: 1 }).waitFor();
  await page.locator('table.list-table tbody a').first().click();
  await page.getByTestId('plot-table').waitFor();
  const studyId = /#\/studies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!studyId) throw new Error(`not on a study page: ${page.url()}`);
  return studyId;
}

/** Starts a download with `start` and reads the file the browser saved. */
async function download(page: Page, start: () => Promise<void>): Promise<{ name: string; rows: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await file.path();
  const parsed = Papa.parse<string[]>(await readFile(path, 'utf8'), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { name: file.suggestedFilename(), rows: parsed.data };
}

/** Chooses `path` in the file picker that "Import field file…" opens; the dialog shows its preview. */
async function chooseFieldFile(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import field file…' }).click()]);
  await chooser.setFiles(path);
  await page.getByRole('dialog', { name: 'Import plots from “e2e-field.csv”' }).waitFor();
  await page.getByTestId('import-count-good').waitFor();
}

const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).textContent()) ?? '';

describe('study files', () => {
  it('exports the study as Field Book database and table files that download with every current value', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openFirstStudy(page);
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const plots = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      const latest = plots.flatMap((plot) =>
        study.variables.flatMap((v) => {
          const value = plot.latest[v.id]?.value;
          return value === undefined ? [] : [{ plotId: plot.barcode ?? '', trait: v.name, variableId: v.id, value }];
        }),
      );
      expect(latest.length).toBeGreaterThan(10);

      // Database format, from the keyboard: the menu opens with ArrowDown on the focused button and Enter takes the first format.
      const database = await download(page, async () => {
        await page.getByTestId('export-study').focus();
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('export-database');
        await page.keyboard.press('Enter');
      });
      expect(database.name).toMatch(/-database\.csv$/);
      const [header = [], ...records] = database.rows;
      expect(header.slice(0, 1 + databaseColumns.length)).toEqual(['plot_id', ...databaseColumns]);
      expect(header.slice(1 + databaseColumns.length)).toEqual(header.length > 11 ? ['timepoint'] : []);
      const recorded = new Set(records.map((r) => [r[0], r[1], unguardFormula(r[2] ?? '')].join('\t')));
      for (const cell of latest) expect(recorded.has([cell.plotId, cell.trait, cell.value].join('\t')), `${cell.plotId} ${cell.trait}`).toBe(true);
      expect(records.every((r) => r.length === header.length && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(r[3] ?? ''))).toBe(true);
      await expect.poll(() => text(page, 'files-message')).toBe(`Exported ${records.length.toLocaleString('en-US')} values to “${database.name}”.`);

      // Table format, by mouse: one row per plot, one column per trait holding the plot's latest value.
      const table = await download(page, async () => {
        await page.getByTestId('export-study').click();
        await page.getByRole('button', { name: 'Field Book table (.csv)', exact: true }).click();
      });
      expect(table.name).toMatch(/-table\.csv$/);
      const [tableHeader, ...plotRows] = table.rows;
      expect(tableHeader).toEqual(['plot_id', ...study.variables.map((v) => v.name)]);
      expect(plotRows).toHaveLength(plots.length);
      expect(new Set(plotRows.map((r) => r[0]))).toEqual(new Set(plots.map((p) => p.barcode)));
      const byPlot = new Map(plotRows.map((r) => [r[0], r]));
      for (const plot of plots) {
        const row = byPlot.get(plot.barcode ?? '') ?? [];
        expect(row.slice(1).map(unguardFormula)).toEqual(study.variables.map((v) => plot.latest[v.id]?.value ?? ''));
      }
      await expect.poll(() => text(page, 'files-message')).toBe(`Exported ${plots.length} plots to “${table.name}”.`);
      // The menu closed after each choice.
      expect(await page.getByTestId('export-table').isVisible()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('previews a field file with its bad rows and reasons, imports the good rows on confirmation, and asks before updating them', async () => {
    const path = join(folder.path, 'e2e-field.csv');
    await writeFile(path, fieldFile);
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openFirstStudy(page);
      const before = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      const imported = async (): Promise<PlotRow[]> =>
        (await invoke<PlotRow[]>('plots:list-with-latest', { studyId })).filter((p) => p.barcode?.startsWith('E2E-'));

      await chooseFieldFile(page, path);
      // The columns as Field Book names them are recognised; the rest is kept as attributes.
      expect(await page.getByTestId('import-role-uniqueId').inputValue()).toBe('plot_id');
      expect(await page.getByTestId('import-role-plotNumber').inputValue()).toBe('plot');
      expect(await page.getByTestId('import-role-column').inputValue()).toBe('col');
      expect(await page.getByTestId('import-role-germplasmName').inputValue()).toBe('accession');
      expect(await page.getByTestId('import-role-entryNumber').inputValue()).toBe('');
      await expect.poll(() => page.getByTestId('import-mapping').textContent()).toContain('Kept with each plot as an attribute: pedigree.');
      expect(await text(page, 'import-count-good')).toBe('3');
      expect(await text(page, 'import-count-errors')).toBe('3');
      expect(await text(page, 'import-count-existing')).toBe('0');
      expect(await text(page, 'bad-row-4')).toMatch(/no unique id in "plot_id"/);
      expect(await text(page, 'bad-row-5')).toMatch(/"E2E-0004" is on line 5 and also on line 6/);
      expect(await text(page, 'bad-row-6')).toMatch(/"E2E-0004" is on line 6 and also on line 5/);
      for (const line of [2, 3, 7]) await page.getByTestId(`good-row-${line}`).waitFor();
      expect(await text(page, 'good-row-7')).toContain('E2E breeding line 6');

      // Changing a column previews again: without a plot number column the plots are numbered in file order.
      await page.getByTestId('import-role-plotNumber').selectOption('');
      await expect.poll(() => text(page, 'import-notes')).toContain('No plot number column was chosen');
      await page.getByTestId('import-role-plotNumber').selectOption('plot');
      await expect.poll(() => text(page, 'import-notes')).not.toContain('No plot number column was chosen');
      // Without a unique id there is nothing to import.
      await page.getByTestId('import-role-uniqueId').selectOption('');
      await expect.poll(() => text(page, 'import-counts')).toContain('Choose which column holds each plot’s unique id');
      expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
      await page.getByTestId('import-role-uniqueId').selectOption('plot_id');

      // The button says what it does; until it is pressed nothing is imported.
      const confirm = page.getByTestId('import-confirm');
      await expect.poll(() => confirm.textContent()).toBe('Import the 3 good rows, leave out 3');
      expect(await imported()).toEqual([]);
      await confirm.click();
      await expect.poll(() => text(page, 'import-result')).toMatch(/^From “e2e-field\.csv”: 3 plots added\. 3 rows with errors were left out\./);
      await page.getByTestId('import-done').click();
      await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'files-message')).toBe('3 plots added from “e2e-field.csv”');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('import-field-file');

      const added = await imported();
      expect(added.map((p) => [p.barcode, p.plotNumber, p.row, p.column, p.replicate]).sort()).toEqual([
        ['E2E-0001', 9001, 99, 1, 1],
        ['E2E-0002', 9002, 99, 2, 1],
        ['E2E-0006', 9006, 99, 6, 2],
      ]);
      // The new plots are in the study's list and can be gone to by their unique id.
      await expect.poll(() => page.getByTestId('plot-table').getAttribute('aria-rowcount')).toBe(String(before.length + 3 + 1));
      await page.getByTestId('goto-plot').fill('E2E-0006');
      await page.getByTestId('goto-plot').press('Enter');
      await expect.poll(() => text(page, 'entry-plot-number')).toBe('9006');
      await page.getByTestId('plot-9006').waitFor();

      // The same file again: its good rows are plots of the study now, and nothing is updated until the box is ticked.
      await chooseFieldFile(page, path);
      expect(await text(page, 'import-count-existing')).toBe('3');
      expect(await confirm.isDisabled()).toBe(true);
      expect(await page.getByTestId('import-dialog').textContent()).toContain('3 plots of the file are already in this study');
      // Escape closes the dialog and changes nothing.
      await page.keyboard.press('Escape');
      await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });

      await chooseFieldFile(page, path);
      await page.getByRole('checkbox', { name: 'Update the 3 plots already in this study' }).check();
      await expect.poll(() => confirm.textContent()).toBe('Update 3 plots, leave out 3 rows with errors');
      await confirm.click();
      await expect.poll(() => text(page, 'import-result')).toMatch(/^From “e2e-field\.csv”: 3 plots updated\./);
      await page.getByTestId('import-done').click();
      const after = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      expect(after).toHaveLength(before.length + 3);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('matches go-to and scans on the plot attribute chosen in "Match scans on", first along the walk when plots share a value', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openFirstStudy(page);
      const imported = async (): Promise<PlotRow[]> =>
        (await invoke<PlotRow[]>('plots:list-with-latest', { studyId })).filter((p) => p.barcode?.startsWith('E2E-'));
      // The field file's plots (imported by the test before; again here when run alone): pedigree is kept as an attribute.
      if ((await imported()).length === 0) {
        const mapping = { uniqueId: 'plot_id', plotNumber: 'plot', row: 'row', column: 'col', replicate: 'rep', block: 'block', germplasmName: 'accession' };
        const content = Buffer.from(fieldFile, 'utf8').toString('base64');
        await invoke('fieldbook:import-field-file', { studyId, fileName: 'e2e-field.csv', content, mapping, takeGoodRows: true, updateExisting: true });
      }
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const height = study.variables.find((v) => v.name === 'Plant height');
      if (!height) throw new Error('the demo study has no Plant height');

      const picker = page.getByTestId('scan-match');
      await expect.poll(() => picker.locator('option').allTextContents()).toEqual(expect.arrayContaining(['pedigree (3 plots)', 'plot_id (3 plots)']));
      expect(await picker.inputValue()).toBe('');
      await picker.selectOption('pedigree');
      await expect.poll(() => picker.getAttribute('aria-busy')).toBe('false');
      expect(await page.getByTestId('goto-plot').getAttribute('placeholder')).toBe('pedigree, plot number or barcode');

      // Plots 9001 and 9002 share their pedigree: go-to takes the first along the walk (plot numbers) and says so.
      await page.getByTestId('goto-plot').fill('  ks87/arapahoe ');
      await page.getByTestId('goto-plot').press('Enter');
      await expect.poll(() => text(page, 'entry-plot-number')).toBe('9001');
      expect(await text(page, 'scan-match-notice')).toBe('2 plots have pedigree “ks87/arapahoe”: this is the first along the walk (plot 9001).');
      // What no plot's pedigree holds is matched as before.
      await page.getByTestId('goto-plot').fill('1');
      await page.getByTestId('goto-plot').press('Enter');
      await expect.poll(() => text(page, 'entry-plot-number')).toBe('1');
      expect(await text(page, 'scan-match-notice')).toBe('');

      // A scanner types 9006's pedigree into the entry box and presses Enter: it jumps there instead of saving.
      await page.getByLabel('Trait', { exact: true }).selectOption(height.id);
      await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('entry-input');
      await page.keyboard.type('UNKNOWN', { delay: 0 });
      await page.keyboard.press('Enter');
      await expect.poll(() => text(page, 'entry-plot-number')).toBe('9006');
      expect(await page.getByTestId('entry-input').inputValue()).toBe('');
      expect(await page.getByLabel('Trait', { exact: true }).inputValue()).toBe(height.id);

      // The choice is kept for this study on this computer.
      await page.reload();
      await page.getByTestId('plot-table').waitFor();
      await expect.poll(() => page.getByTestId('scan-match').inputValue()).toBe('pedigree');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('imports values scored in Field Book through a preview that counts new, already there, would replace and bad rows', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openFirstStudy(page);
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const height = study.variables.find((v) => v.name === 'Plant height');
      if (!height) throw new Error('the demo study has no Plant height');
      // The first plots of the list (drawn without scrolling), at no timepoint as the table shows them.
      const first = (await invoke<PlotRow[]>('plots:list-with-latest', { studyId, timepoint: null })).filter((p) => p.barcode && !p.barcode.startsWith('E2E-')).slice(0, 12);
      const unscored = first.filter((p) => p.latest[height.id] === undefined);
      expect(unscored.length, 'two of the first plots have no plant height').toBeGreaterThanOrEqual(2);
      const [plotA, plotB] = unscored;
      const [plotC, plotD] = first.filter((p) => p !== plotA && p !== plotB);
      if (!plotA || !plotB || !plotC || !plotD) throw new Error('not enough plots');
      await invoke('observations:record', { unitId: plotC.id, variableId: height.id, value: '100' });
      await invoke('observations:record', { unitId: plotD.id, variableId: height.id, value: '90' });

      const row = (plot: PlotRow | string, trait: string, value: string): string =>
        `${typeof plot === 'string' ? plot : plot.barcode},1,1,${trait},${value},2026-05-04 09:12:45.379-05:00,Jo Smith,,1,,,,tab-07`;
      const path = join(folder.path, 'e2e-values.csv');
      await writeFile(
        path,
        [
          'plot_id,row,col,trait,value,timestamp,person,location,number,attached_photo,attached_video,attached_audio,device_name',
          row(plotA, 'Plant height', '123.4'),
          row(plotB, 'Plant height', '77'),
          row(plotC, 'Plant height', '101'),
          row(plotD, 'Plant height', '90'),
          row('NO-SUCH-PLOT', 'Plant height', '50'),
          row(plotA, 'Grain colour', 'red'),
        ].join('\n'),
      );
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import values…' }).click()]);
      await chooser.setFiles(path);
      await page.getByRole('dialog', { name: 'Import values from “e2e-values.csv”' }).waitFor();
      await page.getByTestId('observation-count-new').waitFor();
      expect(await page.getByTestId('observation-unique-id').inputValue()).toBe('plot_id');
      expect([
        await text(page, 'observation-count-new'),
        await text(page, 'observation-count-there'),
        await text(page, 'observation-count-replace'),
        await text(page, 'observation-count-errors'),
      ]).toEqual(['2', '1', '1', '2']);
      expect(await text(page, 'observation-bad-row-6')).toContain('no plot of this study has the unique id "NO-SUCH-PLOT"');
      expect(await text(page, 'observation-bad-row-7')).toContain('"Grain colour" is not a variable of this study');
      expect(await text(page, 'observation-good-row-4')).toContain('Replaces 100');
      expect(await text(page, 'observation-notes')).toContain('No one on this station is named “Jo Smith”');

      // Replacing a value the study shows needs its own tick; until then nothing can be imported.
      const confirm = page.getByTestId('observation-import-confirm');
      expect(await confirm.isDisabled()).toBe(true);
      expect(await page.getByTestId('observation-import-dialog').textContent()).toContain('1 value of the file differs from what this study shows now');
      await page.getByRole('checkbox', { name: 'Replace the value this study shows with the file’s' }).check();
      await expect.poll(() => confirm.textContent()).toBe('Import 2 new values and replace 1, leave out 2 rows with errors');
      await confirm.click();
      await expect.poll(() => text(page, 'observation-import-result')).toBe(
        'From “e2e-values.csv”: 2 values added, 1 value replaced (the earlier ones stay in each plot’s history). 1 value was already there. 2 rows with errors were left out.',
      );
      await page.getByTestId('observation-import-done').click();
      await page.getByTestId('observation-import-dialog').waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'files-message')).toBe('2 values added, 1 replaced from “e2e-values.csv”');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('import-observation-file');

      // The plot list shows the imported values (read again once writes to observations pause, as after saves).
      for (const [plot, value] of [[plotA, '123.4'], [plotB, '77'], [plotC, '101'], [plotD, '90']] as const) {
        await expect.poll(() => text(page, `cell-${plot.plotNumber}-Plant height`), { message: `plot ${plot.plotNumber}`, timeout: 10_000 }).toBe(value);
      }
      const history = await invoke<{ value: string; current: boolean; collectorName: string | null }[]>('observations:history', { unitId: plotC.id, variableId: height.id, timepoint: null });
      expect(history.map((h) => [h.value, h.current])).toEqual(expect.arrayContaining([['100', false], ['101', true]]));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds the traits of a Field Book trait file to the study through a preview', async () => {
    const path = join(folder.path, 'e2e-traits.trt');
    await writeFile(
      path,
      ['trait,format,defaultValue,minimum,maximum,details,categories,isVisible,realPosition', 'E2E tiller count,counter,,0,50,,,true,1', 'E2E aroma,hologram,,,,,,true,2'].join('\n'),
    );
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openFirstStudy(page);
      const before = await invoke<StudyDetail>('studies:get', { studyId });
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import traits…' }).click()]);
      await chooser.setFiles(path);
      const preview = page.getByTestId('trait-preview');
      await preview.waitFor();
      expect(await preview.locator('tr[data-status="new"]').textContent()).toContain('E2E tiller count');
      expect(await preview.locator('tr[data-status="error"]').textContent()).toMatch(/hologram/);
      // Nothing is added until the person leaves the bad row out.
      expect(await page.getByTestId('trait-import-confirm').isDisabled()).toBe(true);
      await page.getByTestId('trait-take-good').check();
      await page.getByTestId('trait-import-confirm').click();
      await expect.poll(() => page.getByTestId('trait-import-result').textContent()).toContain('1 trait added');
      const after = await invoke<StudyDetail>('studies:get', { studyId });
      expect(after.variables.length).toBe(before.variables.length + 1);
      expect(after.variables.at(-1)).toMatchObject({ name: 'E2E tiller count', scaleType: 'counter', maximum: 50 });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
