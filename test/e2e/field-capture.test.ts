import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationConflict, ObservationHistoryEntry, PlotRow, StudyDetail, VariableSummary } from '../../common/api-contract';
import { newId } from '../../common/ids';
import { editNote } from '../../common/notes/note-document';
import { generateStation } from '../../main/demo/generate-station';
import { listPlotsWithLatest } from '../../main/trials/trial-queries';
import { launchBrowser, openPage } from '../harness/browser';
import { quietLogger } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';
import { invokeWeb, restartWebApp, startWebApp, type WebApp } from '../harness/web-app';

// Field capture in the built app (web mode, real Chromium, real services), on the demo station:
// scoring by keyboard alone with a scanner, refusals, undo, timepoints, differences between
// devices, and notes, each checked again after Field Station was closed and started again.

const trialName = 'Spring wheat yield trial 2026';
const stationName = 'Demo Station';
const scoredPlots = 200;

let browser: Browser;
let app: WebApp;
let folder: { path: string; remove: () => Promise<void> };
/** Two plots of the study where a second device recorded other values than this one, before the app started. */
let disputed: { heightPlot: number; coverPlot: number };

beforeAll(async () => {
  folder = await makeTempFolder('e2e-capture');
  // The same demo the start screen makes (seed 1), plus another device's values that disagree with this one's.
  const { session } = await generateStation({ dataFolder: folder.path, name: stationName, logger: quietLogger, seed: 1 });
  try {
    const [study] = await session.replica.query<{ id: string }>(
      'SELECT s.id FROM studies s JOIN trials t ON t.id = s.trial_id WHERE t.name = $1 ORDER BY s.name LIMIT 1',
      [trialName],
    );
    const variables = await session.replica.query<{ id: string; name: string }>('SELECT id, name FROM observation_variables');
    const variableId = (name: string): string => variables.find((v) => v.name === name)?.id ?? '';
    const plots = await listPlotsWithLatest(session.replica, study?.id ?? '');
    const unscored = (name: string) => plots.filter((p) => p.plotNumber > 300 && !p.latest[variableId(name)]);
    const heightPlot = unscored('Plant height')[0];
    const coverPlot = unscored('Ground cover')[0];
    if (!heightPlot || !coverPlot) throw new Error('the demo study has no unscored plot above 300');
    disputed = { heightPlot: heightPlot.plotNumber, coverPlot: coverPlot.plotNumber };

    const userId = newId();
    const deviceId = newId();
    const observation = (unitId: string, variable: string, value: string, device: { userId: string; deviceId: string }) => ({
      entity: 'observations' as const,
      operation: 'insert' as const,
      rowId: newId(),
      fields: {
        unit_id: unitId,
        variable_id: variableId(variable),
        value,
        value_number: Number(value),
        observed_at: new Date(Date.now() - 3_600_000).toISOString(),
        collector_id: device.userId,
        device_id: device.deviceId,
      },
    });
    // Users and devices come from the central office (as sync would bring them).
    await session.replica.write(['users', 'devices'], async (tx) => {
      const tenant = "SELECT id, hlc FROM tenants LIMIT 1";
      await tx.query(`INSERT INTO users (id, tenant_id, hlc, name, role) SELECT $1, id, hlc, 'Ana Ruiz', 'agronomist' FROM (${tenant}) t`, [userId]);
      await tx.query(`INSERT INTO devices (id, tenant_id, hlc, name, user_id) SELECT $1, id, hlc, 'Field tablet 2', $2 FROM (${tenant}) t`, [deviceId, userId]);
    });
    await session.write([
      observation(heightPlot.id, 'Plant height', '91.5', session.identity),
      observation(heightPlot.id, 'Plant height', '95', { userId, deviceId }),
      observation(coverPlot.id, 'Ground cover', '40', session.identity),
      observation(coverPlot.id, 'Ground cover', '45', { userId, deviceId }),
    ]);
  } finally {
    await session.close();
  }
  app = await startWebApp({ dataFolder: folder.path });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await folder?.remove();
});

const invoke = <T>(method: string, args: unknown): Promise<T> => invokeWeb<T>(app, method, args);

/** Opens the station from the start screen and the trial's study; its id from the address. */
async function openStudy(page: Page): Promise<string> {
  await page.goto(app.launchUrl);
  await page.getByRole('button', { name: `Open ${stationName}` }).click();
  await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 60_000 });
  await page.getByRole('link', { name: new RegExp(trialName) }).click();
  await page.getByRole('heading', { name: trialName, level: 1 }).waitFor();
  await page.locator('table.list-table tbody a').first().click();
  await page.getByTestId('plot-table').waitFor();
  const studyId = /#\/studies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!studyId) throw new Error(`not on a study page: ${page.url()}`);
  return studyId;
}

function variableNamed(study: StudyDetail, name: string): VariableSummary {
  const variable = study.variables.find((v) => v.name === name);
  if (!variable) throw new Error(`the demo study has no ${name}`);
  return variable;
}

function plotNumbered(plots: readonly PlotRow[], plotNumber: number): PlotRow {
  const plot = plots.find((p) => p.plotNumber === plotNumber);
  if (!plot) throw new Error(`no plot ${plotNumber}`);
  return plot;
}

/** The middle of the values the study already has for a variable, so typed values are never "unusual". */
function median(plots: readonly PlotRow[], variable: VariableSummary): number {
  const values = plots.map((p) => Number(p.latest[variable.id]?.value)).filter(Number.isFinite).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 50;
}

const shownPlot = (page: Page) => page.getByTestId('entry-plot-number').textContent();
const status = (page: Page) => page.getByTestId('entry-status');
const savedStatus = (page: Page) => page.locator('[data-testid="entry-status"][data-state="saved"]');
const focusedTestId = (page: Page) => page.evaluate("document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName");

/** Goes to a plot with the go-to box and picks the trait to record (the table then shows that plot). */
async function goTo(page: Page, plotNumber: number, variable: VariableSummary): Promise<void> {
  await page.getByTestId('goto-plot').fill(String(plotNumber));
  await page.getByTestId('goto-plot').press('Enter');
  await expect.poll(() => shownPlot(page)).toBe(String(plotNumber));
  await page.getByLabel('Trait', { exact: true }).selectOption(variable.id);
  await page.getByTestId(`cell-${plotNumber}-${variable.name}`).waitFor();
}

/** Types a value into the focused entry box, saves it with Enter, waits for "Saved", and moves on with Enter. */
async function scoreAndAdvance(page: Page, value: string): Promise<void> {
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await savedStatus(page).waitFor();
  await page.keyboard.press('Enter');
}

describe('field capture', () => {
  // 600 saves, each waiting for "Saved": about a minute and a half on two busy cores.
  it('scores 200 plots × 3 traits by keyboard alone, with scanned jumps and a refused value, and keeps them after a restart', { timeout: 300_000 }, async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openStudy(page);
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const before = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      expect(before.length).toBe(480);
      const traits = ['Germination count', 'Ground cover', 'Plant height'].map((name) => variableNamed(study, name));
      const columnOf = (variable: VariableSummary): number => study.variables.findIndex((v) => v.id === variable.id);
      const typed = new Map<string, string>();
      const valueFor = (variable: VariableSummary, plotNumber: number): string => {
        const middle = Math.round(median(before, variable));
        const spread = (plotNumber % 5) - 2;
        return variable.decimalPlaces === 0 ? String(middle + spread) : `${middle + spread}.${plotNumber % 10}`.replace(/\.0$/, '');
      };
      const started = Date.now();

      let column = -1;
      for (const [t, trait] of traits.entries()) {
        // A scanner types plot 1's barcode fast and ends with Enter: first into the go-to box, then
        // (for the next traits) straight into the entry box, which jumps instead of saving it.
        const first = plotNumbered(before, 1);
        if (t === 0) {
          await page.getByTestId('goto-plot').focus();
        } else {
          expect(await focusedTestId(page)).toBe('entry-input');
        }
        await page.keyboard.type(first.barcode ?? '1', { delay: 0 });
        await page.keyboard.press('Enter');
        await expect.poll(() => shownPlot(page)).toBe('1');
        // Esc hands the keyboard to the table, → moves to the trait, Enter comes back to the entry box.
        await page.keyboard.press('Escape');
        expect(await focusedTestId(page)).toBe('plot-table');
        if (column === -1) {
          await page.keyboard.press('Home');
          column = 0;
        }
        for (; column < columnOf(trait); column++) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByLabel('Trait', { exact: true }).inputValue()).toBe(trait.id);
        expect(await focusedTestId(page)).toBe('entry-input');

        for (let plotNumber = 1; plotNumber <= scoredPlots; plotNumber++) {
          if (trait.name === 'Plant height' && plotNumber === 50) {
            // A slipped digit out of range is refused with the range shown; Esc clears it.
            await page.keyboard.type('300');
            await page.keyboard.press('Enter');
            const refusal = page.getByTestId('entry-refusal');
            await refusal.waitFor();
            expect(await refusal.textContent()).toContain('0–250 cm');
            expect(await status(page).getAttribute('data-state')).toBe('refused');
            await page.keyboard.press('Escape');
            await expect.poll(() => page.getByTestId('entry-input').inputValue()).toBe('');
          }
          const value = valueFor(trait, plotNumber);
          typed.set(`${plotNumber}/${trait.id}`, value);
          await scoreAndAdvance(page, value);
        }
        await expect.poll(() => shownPlot(page)).toBe(String(scoredPlots + 1));
      }
      console.log(`Scored ${scoredPlots} plots × ${traits.length} traits by keyboard in ${Math.round((Date.now() - started) / 1000)} s`);

      const check = async (): Promise<void> => {
        const after = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
        for (let plotNumber = 1; plotNumber <= scoredPlots; plotNumber++) {
          const plot = plotNumbered(after, plotNumber);
          for (const trait of traits) expect(plot.latest[trait.id]?.value, `plot ${plotNumber}, ${trait.name}`).toBe(typed.get(`${plotNumber}/${trait.id}`));
        }
        // The refused 300 was never stored.
        const history = await invoke<ObservationHistoryEntry[]>('observations:history', { unitId: plotNumbered(after, 50).id, variableId: traits[2]?.id });
        expect(history.some((entry) => entry.value === '300')).toBe(false);
      };
      await check();

      // Closed and started again (a new process, port and token): every value is still there.
      await context.close();
      app = await restartWebApp(app);
      const reopened = await openPage(browser);
      try {
        expect(await openStudy(reopened.page)).toBe(studyId);
        // It picks up where scoring stopped: the first trait not complete, at its first plot without a value.
        const now = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
        const resume = study.variables.map((v) => now.find((p) => !p.latest[v.id])).find((p) => p !== undefined);
        expect(resume?.plotNumber).toBeGreaterThan(scoredPlots);
        await expect.poll(() => shownPlot(reopened.page)).toBe(String(resume?.plotNumber));
        await goTo(reopened.page, 1, variableNamed(study, 'Plant height'));
        await expect.poll(() => reopened.page.getByTestId('cell-1-Plant height').textContent()).toBe(typed.get(`1/${traits[2]?.id}`));
        await check();
        expect(reopened.problems).toEqual([]);
      } finally {
        await reopened.context.close();
      }
      // The refused save answers HTTP 400 in the console.
      expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('undoes a save, records at a new timepoint, settles differences between devices, and keeps notes after a restart', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      const studyId = await openStudy(page);
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const height = variableNamed(study, 'Plant height');
      const before = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      const plot = plotNumbered(before, 300);
      const earlier = plot.latest[height.id]?.value ?? null;
      const heightCell = page.getByTestId('cell-300-Plant height');
      const input = page.getByTestId('entry-input');

      // Undo, by Ctrl+Z right after the save and by the button: the plot holds what it held before.
      await goTo(page, 300, height);
      for (const how of ['Ctrl+Z', 'button'] as const) {
        await input.fill('77.7');
        await input.press('Enter');
        await savedStatus(page).waitFor();
        await expect.poll(() => heightCell.textContent()).toBe('77.7');
        if (how === 'Ctrl+Z') await input.press('Control+z');
        else await page.getByTestId('entry-undo').click();
        await page.locator('[data-testid="entry-status"][data-state="undone"]').waitFor();
        expect(await status(page).textContent()).toContain(earlier ? `back to ${earlier} cm` : 'has no Plant height again');
        await expect.poll(() => heightCell.textContent()).toBe(earlier ?? '');
      }
      const history = await invoke<ObservationHistoryEntry[]>('observations:history', { unitId: plot.id, variableId: height.id });
      expect(history.filter((entry) => entry.value === '77.7').map((entry) => entry.current)).toEqual([false, false]);
      expect(history[0]?.current && (history[0].cleared ? null : history[0].value)).toBe(earlier);
      // The history in the entry panel shows the undone values too.
      await expect.poll(() => page.getByTestId('value-history-entry').filter({ hasText: '77.7 cm' }).count()).toBe(2);

      // A new timepoint: the plots show its values (none yet), and what is recorded goes to it.
      await page.getByTestId('timepoint-select').selectOption({ label: 'New timepoint…' });
      await page.getByTestId('timepoint-name').fill('28 DAS');
      await page.getByTestId('timepoint-name').press('Enter');
      await expect.poll(() => page.getByTestId('timepoint-select').inputValue()).toBe('tp:28 DAS');
      await expect.poll(() => heightCell.textContent()).toBe('');
      await expect.poll(() => page.getByTestId('entry-current').textContent()).toContain('Current value at 28 DAS');
      await input.fill('45.5');
      await input.press('Enter');
      await savedStatus(page).waitFor();
      const at28 = await invoke<PlotRow[]>('plots:list-with-latest', { studyId, timepoint: '28 DAS' });
      expect(plotNumbered(at28, 300).latest[height.id]?.value).toBe('45.5');
      expect(at28.filter((p) => Object.keys(p.latest).length > 0).map((p) => p.plotNumber)).toEqual([300]);
      const without = await invoke<PlotRow[]>('plots:list-with-latest', { studyId, timepoint: null });
      expect(plotNumbered(without, 300).latest[height.id]?.value ?? null).toBe(earlier);
      expect(await invoke<string[]>('observations:list-timepoints', { studyId })).toContain('28 DAS');
      // The choice lasts for the session (a reload keeps it); "No timepoint" shows the other values again.
      await page.reload();
      await page.getByTestId('plot-table').waitFor();
      await expect.poll(() => page.getByTestId('timepoint-select').inputValue()).toBe('tp:28 DAS');
      await goTo(page, 300, height);
      await expect.poll(() => heightCell.textContent()).toBe('45.5');
      await page.getByTestId('timepoint-select').selectOption({ label: 'No timepoint' });
      await expect.poll(() => heightCell.textContent()).toBe(earlier ?? '');

      // Differences between devices: keep one device's value, or type another (checked against the range).
      const link = page.getByTestId('conflicts-link');
      await expect.poll(() => link.textContent()).toBe('Differences to review (2)');
      await link.click();
      const items = page.getByTestId('conflict');
      await expect.poll(() => items.count()).toBe(2);
      const heightItem = items.filter({ hasText: `Plot ${disputed.heightPlot} · Plant height` });
      expect(await heightItem.getByTestId('conflict-value').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^95 cmAna Ruiz · Field tablet 2 · /), expect.stringMatching(/^91\.5 cm/)]),
      );
      await heightItem.getByRole('button', { name: /Keep 95 cm/ }).click();
      await expect.poll(() => items.count()).toBe(1);
      const coverItem = items.filter({ hasText: `Plot ${disputed.coverPlot} · Ground cover` });
      await coverItem.getByTestId('conflict-new-value').fill('150');
      await coverItem.getByTestId('conflict-save-new').click();
      await expect.poll(() => coverItem.getByTestId('conflict-problem').textContent()).toContain('outside the valid range');
      await coverItem.getByTestId('conflict-new-value').fill('42');
      await coverItem.getByTestId('conflict-save-new').click();
      await page.getByTestId('conflict-review-empty').waitFor();
      expect(await invoke<ObservationConflict[]>('observations:list-conflicts', { studyId })).toEqual([]);
      const settled = await invoke<PlotRow[]>('plots:list-with-latest', { studyId, timepoint: null });
      expect(plotNumbered(settled, disputed.heightPlot).latest[height.id]?.value).toBe('95');
      expect(plotNumbered(settled, disputed.coverPlot).latest[variableNamed(study, 'Ground cover').id]?.value).toBe('42');
      await page.getByTestId('conflict-review-close').click();
      await expect.poll(() => link.count()).toBe(0);

      // The plot's note: typed, with a bold word, on two lines; "Saved" once the services answered.
      await goTo(page, 300, height);
      await page.getByTestId('plot-note').locator('summary').click();
      const plotNote = page.getByTestId('plot-note-text');
      await plotNote.click();
      await page.keyboard.type('Rust on the flag leaf, ');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('severe');
      await page.keyboard.press('Control+b');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Check again next week.');
      await page.locator('[data-testid="plot-note-text-status"][data-state="saved"]').waitFor();
      const notebookText = 'Office: Visited after the storm: lodging in block 3. Stakes replaced.';
      const plotNoteText = 'Rust on the flag leaf, severe\nCheck again next week.';
      expect(await plotNote.evaluate((element) => element.textContent)).toBe(plotNoteText);
      expect(await plotNote.locator('strong').allTextContents()).toEqual(['severe']);

      // The study's notebook, beside the plots.
      await page.getByTestId('notebook-toggle').click();
      const notebook = page.getByTestId('study-notebook-text');
      await notebook.click();
      await page.keyboard.type('Visited after the storm: lodging in block 3.');
      await page.locator('[data-testid="study-notebook-text-status"][data-state="saved"]').waitFor();
      // An edit made elsewhere (as sync brings it) merges into the open notebook; typing goes on where the caret was.
      const stored = await invoke<{ state: string }>('notes:get', { subjectKind: 'study', subjectId: studyId });
      const theirs = editNote(Buffer.from(stored.state, 'base64'), { kind: 'insert', index: 0, text: 'Office: ' });
      await invoke('notes:apply-update', { subjectKind: 'study', subjectId: studyId, update: Buffer.from(theirs).toString('base64') });
      await expect.poll(() => notebook.textContent()).toBe('Office: Visited after the storm: lodging in block 3.');
      await page.keyboard.type(' Stakes replaced.');
      await expect.poll(() => notebook.textContent()).toBe(notebookText);
      await page.locator('[data-testid="study-notebook-text-status"][data-state="saved"]').waitFor();

      const note = await invoke<{ text: string; spans: { text: string; bold?: true }[] }>('notes:get', { subjectKind: 'observation-unit', subjectId: plot.id });
      expect(note.text).toBe(plotNoteText);
      expect(note.spans.filter((span) => span.bold).map((span) => span.text)).toEqual(['severe']);

      // Closed and started again: the values, the timepoint's value and both notes are there.
      await context.close();
      app = await restartWebApp(app);
      const reopened = await openPage(browser);
      try {
        expect(await openStudy(reopened.page)).toBe(studyId);
        const again = reopened.page;
        expect(await again.getByTestId('timepoint-select').inputValue()).toBe('');
        expect(await again.getByTestId('conflicts-link').count()).toBe(0);
        await again.getByTestId('notebook-toggle').click();
        await expect.poll(() => again.getByTestId('study-notebook-text').textContent()).toBe(notebookText);
        await goTo(again, 300, height);
        await again.getByTestId('plot-note').locator('summary').click();
        await expect.poll(() => again.getByTestId('plot-note-text').evaluate((element) => element.textContent)).toBe(plotNoteText);
        expect(await again.getByTestId('plot-note-text').locator('strong').allTextContents()).toEqual(['severe']);
        await again.getByTestId('timepoint-select').selectOption({ label: '28 DAS' });
        await expect.poll(() => again.getByTestId('cell-300-Plant height').textContent()).toBe('45.5');
        expect(reopened.problems).toEqual([]);
      } finally {
        await reopened.context.close();
      }
      // The refused value answers HTTP 400 in the console.
      expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
