import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlotRow, StudyDetail } from '../../common/api-contract';
import { launchBrowser, openPage } from '../harness/browser';
import { makeTempFolder } from '../harness/temp-folder';
import { invokeWeb, startWebApp, type WebApp } from '../harness/web-app';

// "Enter saves and advances, to the next trait or the next plot (a setting)", in the built app
// (web mode, real Chromium, real services).

const trialName = 'Spring wheat yield trial 2026';
let browser: Browser;
let app: WebApp;
let folder: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
  folder = await makeTempFolder('e2e-advance');
  app = await startWebApp({ dataFolder: folder.path });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await folder?.remove();
});

const invoke = <T>(method: string, args: unknown): Promise<T> => invokeWeb<T>(app, method, args);

const shownPlot = (page: Page) => page.getByTestId('entry-plot-number').textContent();

describe('save and advance', () => {
  it('goes to the next plot, or the next trait, on the one Enter that saves, as chosen; and remembers the choice', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByRole('button', { name: 'Open the demo station' }).click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
      await page.getByRole('link', { name: new RegExp(trialName) }).click();
      await page.locator('table.list-table tbody a').first().click();
      await page.getByTestId('plot-table').waitFor();
      const studyId = /#\/studies\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      const study = await invoke<StudyDetail>('studies:get', { studyId });
      const height = study.variables.find((v) => v.name === 'Plant height');
      if (!height) throw new Error('the demo study has no Plant height');
      const heightIndex = study.variables.indexOf(height);

      await page.getByTestId('goto-plot').fill('1');
      await page.getByTestId('goto-plot').press('Enter');
      await page.getByLabel('Trait', { exact: true }).selectOption(height.id);
      await page.getByTestId('after-save').selectOption('next-plot');
      expect(await page.getByTestId('enter-hint').textContent()).toBe('save and go to the next plot');

      const input = page.getByTestId('entry-input');
      const earlier = page.getByTestId('earlier-save');
      const first = Number(await shownPlot(page));
      await input.fill('101');
      await input.press('Enter');
      await expect.poll(() => shownPlot(page)).not.toBe(String(first));
      // The next plot is shown at once; the save it came from is marked saved once committed.
      await page.locator(`[data-testid="earlier-save"][data-state="saved"]`).waitFor();
      expect(await earlier.textContent()).toContain(`Plant height of plot ${first}`);
      const second = Number(await shownPlot(page));
      await input.fill('102');
      await input.press('Enter');
      await expect.poll(() => shownPlot(page)).not.toBe(String(second));
      await page.locator(`[data-testid="earlier-save"][data-state="saved"]`).filter({ hasText: `plot ${second}` }).waitFor();
      const plots = await invoke<PlotRow[]>('plots:list-with-latest', { studyId });
      expect(plots.find((p) => p.plotNumber === first)?.latest[height.id]?.value).toBe('101');
      expect(plots.find((p) => p.plotNumber === second)?.latest[height.id]?.value).toBe('102');

      // Ctrl+Z on the next plot takes back the save just made on the previous one.
      await page.keyboard.press('Control+z');
      await page.locator(`[data-testid="earlier-save"][data-state="undone"]`).waitFor();
      await expect
        .poll(async () => (await invoke<PlotRow[]>('plots:list-with-latest', { studyId })).find((p) => p.plotNumber === second)?.latest[height.id]?.value ?? null)
        .toBeNull();

      // A value out of range is refused on the spot: the plot stays, with the range shown.
      const third = await shownPlot(page);
      await input.fill('9999');
      await input.press('Enter');
      await page.getByTestId('entry-refusal').waitFor();
      expect(await page.getByTestId('entry-refusal').textContent()).toMatch(/outside the valid range/);
      expect(await shownPlot(page)).toBe(third);

      // A save that fails after Enter moved on brings the person back to the value, kept in its box.
      await page.route('**/api/invoke', async (route) => {
        if (route.request().postData()?.includes('"observations:record"')) await route.abort('failed');
        else await route.continue();
      });
      await input.fill('104');
      await input.press('Enter');
      await page.getByTestId('entry-refusal').waitFor();
      expect(await shownPlot(page)).toBe(third);
      expect(await input.inputValue()).toBe('104');
      expect(await page.getByTestId('entry-status').getAttribute('data-state')).toBe('failed');
      await page.unroute('**/api/invoke');
      await input.press('Enter');
      await expect.poll(() => shownPlot(page)).not.toBe(third);
      await page.locator(`[data-testid="earlier-save"][data-state="saved"]`).filter({ hasText: `plot ${third}` }).waitFor();

      // Along the traits: the same plot, the next trait (when Plant height is not the last one).
      await page.getByTestId('after-save').selectOption('next-variable');
      const fourth = await shownPlot(page);
      await input.fill('103');
      await input.press('Enter');
      const next = study.variables[heightIndex + 1];
      if (next) {
        await expect.poll(() => page.getByLabel('Trait', { exact: true }).inputValue()).toBe(next.id);
        expect(await shownPlot(page)).toBe(fourth);
      } else {
        await expect.poll(() => shownPlot(page)).not.toBe(fourth);
      }

      // The choices stay on this computer: where Enter goes, and working in the grid.
      await page.getByTestId('view-grid').click();
      await page.getByTestId('grid-view').waitFor();
      await page.reload();
      await page.getByTestId('grid-view').waitFor();
      expect(await page.getByTestId('plot-table').count()).toBe(0);
      await page.getByTestId('goto-plot').fill('1');
      await page.getByTestId('goto-plot').press('Enter');
      expect(await page.getByTestId('after-save').inputValue()).toBe('next-variable');
      // The one request the test itself cut off is the only problem the page met.
      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual(['Failed to load resource: net::ERR_FAILED']);
    } finally {
      await context.close();
    }
  });
});
