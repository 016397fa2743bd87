import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlotRow, StudyDetail } from '../../common/api-contract';
import { orderPlots, type WalkOrder } from '../../common/walk-order';
import { generateStation } from '../../main/demo/generate-station';
import { launchBrowser, openPage } from '../harness/browser';
import { quietLogger } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';
import { invokeWeb, startWebApp, type WebApp } from '../harness/web-app';

// The study's field grid in the built app (web mode, real Chromium, real services): walking a
// serpentine from a corner while recording, filtering to what is left, and a 5,000-plot study.

const trialName = 'Spring wheat yield trial 2026';
const serpentine: WalkOrder = { kind: 'grid', start: 'bottom-left', direction: 'column-wise', pattern: 'serpentine' };

type Folder = { path: string; remove: () => Promise<void> };
let browser: Browser;
const folders: Folder[] = [];
const apps: WebApp[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all(folders.map((folder) => folder.remove()));
});

async function startApp(name: string, prepare?: (dataFolder: string) => Promise<void>): Promise<WebApp> {
  const folder = await makeTempFolder(name);
  folders.push(folder);
  await prepare?.(folder.path);
  const app = await startWebApp({ dataFolder: folder.path });
  apps.push(app);
  return app;
}


/** From the trials list to the first study of the yield trial; its id from the address. */
async function openStudy(page: Page): Promise<string> {
  await page.getByRole('link', { name: new RegExp(trialName) }).click();
  await page.getByRole('heading', { name: trialName, level: 1 }).waitFor();
  await page.locator('table.list-table tbody a').first().click();
  await page.getByTestId('plot-table').waitFor();
  const studyId = /#\/studies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!studyId) throw new Error(`not on a study page: ${page.url()}`);
  return studyId;
}

const shownPlot = (page: Page) => page.getByTestId('entry-plot-number').textContent();
const gridCell = (page: Page, plot: PlotRow) => page.getByTestId(`grid-cell-${plot.plotNumber}`);
const savedStatus = (page: Page) => page.locator('[data-testid="entry-status"][data-state="saved"]');

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`nothing at ${index} of ${items.length}`);
  return item;
}

/** Saves `value` for the selected plot, waits for "Saved", and presses Enter again for the next plot. */
async function saveAndAdvance(page: Page, value: string): Promise<void> {
  const input = page.getByTestId('entry-input');
  await input.fill(value);
  await input.press('Enter');
  await savedStatus(page).waitFor();
  await input.press('Enter');
}

describe('the study grid', () => {
  it('walks a serpentine from the bottom left column by column, filters to unscored plots and selects a clicked cell', async () => {
    const app = await startApp('e2e-grid');
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByRole('button', { name: 'Open the demo station' }).click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
      const studyId = await openStudy(page);
      const study = await invokeWeb<StudyDetail>(app, 'studies:get', { studyId });
      const height = study.variables.find((v) => v.name === 'Plant height');
      if (!height) throw new Error('the demo study has no Plant height');
      const plots = await invokeWeb<PlotRow[]>(app, 'plots:list-with-latest', { studyId });

      await page.getByTestId('view-grid').click();
      await page.getByTestId('plot-grid').waitFor();
      await page.getByLabel('Walk by').selectOption('grid');
      await page.getByLabel('Start corner').selectOption('bottom-left');
      await page.getByLabel('Direction').selectOption('column-wise');
      await page.getByLabel('Pattern').selectOption('serpentine');
      // The walk is kept for the study on this computer.
      await expect.poll(() => invokeWeb<WalkOrder>(app, 'studies:get-walk-order', { studyId })).toEqual(serpentine);

      // The walk climbs column 1 from the bottom row, turns at the top, and comes down column 2.
      const walk = orderPlots(plots, serpentine);
      const lastRow = Math.max(...plots.map((p) => p.row ?? 0));
      const place = (p: PlotRow) => [p.row, p.column];
      expect(walk.slice(0, 2).map(place)).toEqual([[lastRow, 1], [lastRow - 1, 1]]);
      const start = lastRow - 2;
      expect(walk.slice(start, start + 4).map(place)).toEqual([[2, 1], [1, 1], [1, 2], [2, 2]]);

      // Click the cell at row 2, column 1, record plant height there and walk on with Enter, round the turn.
      await gridCell(page, at(walk, start)).click();
      await expect.poll(() => shownPlot(page)).toBe(String(at(walk, start).plotNumber));
      await page.getByLabel('Trait', { exact: true }).selectOption(height.id);
      for (let step = 0; step < 4; step++) {
        await expect.poll(() => shownPlot(page)).toBe(String(at(walk, start + step).plotNumber));
        await saveAndAdvance(page, String(90 + step));
      }
      await expect.poll(() => shownPlot(page)).toBe(String(at(walk, start + 4).plotNumber));
      const saved = await invokeWeb<PlotRow[]>(app, 'plots:list-with-latest', { studyId });
      for (let step = 0; step < 4; step++) {
        const plot = saved.find((p) => p.id === at(walk, start + step).id);
        expect(plot?.latest[height.id]?.value).toBe(String(90 + step));
      }

      // Plant height only, unscored only: the plots just scored fade, the count is what is left.
      await page.getByRole('button', { name: 'Only Plant height' }).click();
      await page.getByLabel('Unscored only').check();
      const unscored = orderPlots(saved, serpentine).filter((p) => !p.latest[height.id]);
      await expect.poll(() => page.getByTestId('filter-count').textContent()).toBe(`${unscored.length} of ${plots.length} plots`);
      for (let step = 0; step < 4; step++) expect(await gridCell(page, at(walk, start + step)).getAttribute('data-faded')).toBe('true');

      // Click an unscored cell near the top left (scrolled back into view): it is selected for the entry panel.
      await page.locator('.plot-grid-scroller').evaluate('(scroller) => scroller.scrollTo(0, 0)');
      const target = unscored.find((p) => (p.row ?? 99) <= 6 && (p.column ?? 99) >= 3 && (p.column ?? 99) <= 5);
      if (!target) throw new Error('no unscored plot near the top left');
      await gridCell(page, target).click();
      await expect.poll(() => shownPlot(page)).toBe(String(target.plotNumber));
      expect(await gridCell(page, target).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('entry-input');

      // Saving it and pressing Enter goes on to the next unscored plot along the walk; the scored one fades.
      await saveAndAdvance(page, '88.5');
      const next = at(unscored, unscored.indexOf(target) + 1);
      await expect.poll(() => shownPlot(page)).toBe(String(next.plotNumber));
      await expect.poll(() => gridCell(page, target).getAttribute('data-faded')).toBe('true');

      // "Next unscored" jumps one further; the list shows only the unscored plots.
      await page.getByTestId('next-unscored').click();
      await expect.poll(() => shownPlot(page)).toBe(String(at(unscored, unscored.indexOf(target) + 2).plotNumber));

      // Going to a plot the filter hides shows it, selected; Escape hands the keyboard back to the
      // grid, and an arrow key moves to the neighbouring plot.
      const hidden = at(walk, start);
      await page.getByTestId('goto-plot').fill(String(hidden.plotNumber));
      await page.getByTestId('goto-plot').press('Enter');
      await expect.poll(() => shownPlot(page)).toBe(String(hidden.plotNumber));
      expect(await gridCell(page, hidden).getAttribute('data-faded')).toBeNull();
      await page.getByTestId('entry-input').press('Escape');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('plot-grid');
      await page.keyboard.press('ArrowRight');
      const right = at(walk, start + 3);
      expect(place(right)).toEqual([hidden.row, (hidden.column ?? 0) + 1]);
      await expect.poll(() => shownPlot(page)).toBe(String(right.plotNumber));

      // The list shows the plots left, and the selected one (scored, but being looked at) among them.
      await page.getByTestId('view-list').click();
      const left = unscored.length - 1;
      await expect.poll(() => page.getByTestId('plot-table').getAttribute('aria-rowcount')).toBe(String(left + 1 + 1));
      await page.getByTestId(`plot-${right.plotNumber}`).waitFor();

      // Opened again, the study walks the same way; the filters start afresh.
      await page.reload();
      await page.getByTestId('plot-table').waitFor();
      await expect.poll(() => page.getByLabel('Start corner').inputValue()).toBe('bottom-left');
      expect(await page.getByLabel('Direction').inputValue()).toBe('column-wise');
      expect(await page.getByLabel('Pattern').inputValue()).toBe('serpentine');
      expect(await page.getByLabel('Unscored only').isChecked()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a 5,000-plot study and its grid quickly, drawing only the cells in view', async () => {
    const app = await startApp('e2e-grid-large', async (dataFolder) => {
      const { session } = await generateStation({ dataFolder, name: 'Large station', logger: quietLogger, seed: 3, plots: 10_000 });
      await session.close();
    });
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByRole('button', { name: 'Open Large station' }).click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 60_000 });
      await page.getByRole('link', { name: new RegExp(trialName) }).click();
      await page.locator('table.list-table tbody a').first().waitFor();

      const open = await timeClick(page, 'table.list-table tbody a', '[data-testid="plot-table"]');
      expect(await page.getByTestId('plot-table').getAttribute('aria-rowcount')).toBe('5001');
      const grid = await timeClick(page, '[data-testid="view-grid"]', '[data-testid="plot-grid"]');
      const cells = await page.locator('[data-testid^="grid-cell-"]').count();
      const select = await timeClick(page, '[data-testid^="grid-cell-"]:nth-child(3)', '[data-testid="entry-panel"]');
      console.log(
        `5,000-plot study: opened in ${open.total} ms (${open.afterData} ms after its data arrived), ` +
          `grid drawn in ${grid.total} ms with ${cells} cells, a cell selected in ${select.total} ms`,
      );
      expect(cells).toBeGreaterThan(20);
      expect(cells).toBeLessThan(1000);
      // The renderer's share of opening (the services' answer excluded), and switching to the grid.
      expect(open.afterData).toBeLessThan(500);
      expect(grid.total).toBeLessThan(500);
      expect(select.total).toBeLessThan(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * Clicks `click` in the page and measures until `shown` is in the DOM and the next frame is drawn;
 * `afterData` is the part after the last API answer arrived.
 */
function timeClick(page: Page, click: string, shown: string): Promise<{ total: number; afterData: number }> {
  // A string, so the bundler adds nothing to the function the page runs.
  return page.evaluate(`new Promise((resolve) => {
    performance.clearResourceTimings();
    const start = performance.now();
    document.querySelector(${JSON.stringify(click)}).click();
    const check = () => {
      if (!document.querySelector(${JSON.stringify(shown)})) return requestAnimationFrame(check);
      requestAnimationFrame(() => setTimeout(() => {
        const end = performance.now();
        const answers = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/invoke')).map((e) => e.responseEnd);
        const data = answers.length > 0 ? Math.max(...answers) : start;
        resolve({ total: Math.round(end - start), afterData: Math.round(end - Math.max(start, data)) });
      }, 0));
    };
    check();
  })`);
}
