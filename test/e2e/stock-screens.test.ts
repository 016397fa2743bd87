import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyLot, TrialSummary, StudySummary } from '../../common/api-contract';
import { launchBrowser, openPage } from '../harness/browser';
import { makeTempFolder } from '../harness/temp-folder';
import { invokeWeb, startWebApp, type WebApp } from '../harness/web-app';

// The stock screens in the built app (web mode, real Chromium, real services, the demo station):
// a lot scanned before it exists is received through the form, transferred, sown into a demo
// study and adjusted; both balances show on its page and in stock on hand; the CSV export holds
// them; a balance taken below zero is listed under exceptions; a bin that still holds stock
// refuses to be archived with the list of what is there; labels download as PDF.

const lot = 'E2E-LOT-1';
const bin1 = 'GH1-C1-B01-BIN1';
const bin2 = 'GH1-C1-B01-BIN2';
const bench = 'GH1-C1-B01';

let folder: { path: string; remove: () => Promise<void> };
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  folder = await makeTempFolder('e2e-stock-screens');
  app = await startWebApp({ dataFolder: folder.path });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await folder?.remove();
});

const invoke = <T>(method: string, args: unknown): Promise<T> => invokeWeb<T>(app, method, args);

const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).first().textContent()) ?? '';
const focusedTestId = (page: Page): Promise<unknown> => page.evaluate("document.activeElement?.getAttribute('data-testid')");

async function download(page: Page, start: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), start()]);
  return { file, bytes: await readFile(await file.path()) };
}

/** The balance of the lot at a location as the batch page shows it. */
const balanceOnPage = (page: Page, code: string): Promise<string> => text(page, `balance-${code}`).then(() => page.getByTestId(`balance-${code}`).getByTestId('balance-quantity').innerText());

describe('stock screens', () => {
  it('receives a scanned lot, transfers, sows and adjusts it, shows and exports the balances, lists an exception and refuses to archive a bin with stock', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByRole('button', { name: 'Open the demo station' }).click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });

      // Stock on hand: the demo's seed lots are there, with totals per unit.
      await page.getByTestId('nav-stock').click();
      await page.getByRole('heading', { name: 'Stock on hand', level: 1 }).waitFor();
      await page.getByTestId('on-hand-table').waitFor();
      expect(await text(page, 'on-hand-totals')).toMatch(/seeds/);
      // The scan box has the focus: a scanner types an unknown code and Enter; the screen offers to receive it.
      expect(await focusedTestId(page)).toBe('scan-input');
      await page.keyboard.type(lot, { delay: 5 });
      await page.keyboard.press('Enter');
      await expect.poll(() => text(page, 'scan-status')).toMatch(/Nothing in this station has the code “E2E-LOT-1”/);
      await expect.poll(() => focusedTestId(page)).toBe('scan-receive');
      await page.keyboard.press('Enter');

      // The receive form, with the scanned code. A seed lot needs its germplasm: the refusal says so beside the field.
      const receive = page.getByTestId('receive-dialog');
      await receive.waitFor();
      expect(await page.getByTestId('receive-code').inputValue()).toBe(lot);
      await page.getByTestId('receive-quantity').fill('1000');
      await page.getByTestId('receive-location').fill(bin1);
      await page.getByTestId('receive-submit').click();
      await expect.poll(() => receive.locator('[data-problem]').allInnerTexts()).toEqual([expect.stringMatching(/A seed lot needs its germplasm/)]);
      expect(await page.getByTestId('receive-germplasm').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => focusedTestId(page)).toBe('receive-germplasm');
      await expect.poll(() => page.getByTestId('receive-germplasm').locator('option').count()).toBeGreaterThan(1);
      const germplasm = (await page.getByTestId('receive-germplasm').locator('option').nth(1).textContent()) ?? '';
      await page.getByTestId('receive-germplasm').selectOption({ label: germplasm });
      await page.getByTestId('receive-source').fill('E2E partner exchange');
      await page.getByTestId('receive-cost').fill('0.01');
      await page.getByTestId('receive-submit').click();
      await receive.waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'movement-saved')).toContain(`Received ${lot}: 1,000 seeds into ${bin1}.`);

      // Its page: the ledger has the receipt with who and which device.
      await page.getByTestId('saved-open-batch').click();
      await expect.poll(() => text(page, 'batch-code')).toBe(lot);
      expect(await text(page, 'batch-total')).toBe('1,000 seeds');
      expect(await page.getByTestId('batch-ledger').innerText()).toMatch(/Received[\s\S]*Station user/);
      expect(await text(page, 'batch-facts')).toContain(germplasm);

      // Transfer from the keyboard: T opens the form; an unknown bin is refused beside "To", then 400 seeds go to bin 2.
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('t');
      const transfer = page.getByTestId('move-dialog-transfer');
      await transfer.waitFor();
      expect(await focusedTestId(page)).toBe('move-quantity');
      await page.keyboard.type('400');
      await page.getByTestId('move-to').fill('NOPE-BIN');
      await page.keyboard.press('Enter');
      await expect.poll(() => transfer.locator('[data-problem]').allInnerTexts()).toEqual([expect.stringMatching(/No location has the code “NOPE-BIN”/)]);
      await expect.poll(() => focusedTestId(page)).toBe('move-to');
      expect(await page.getByTestId('move-to').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('move-to').fill(bin2);
      await page.keyboard.press('Enter');
      await transfer.waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'movement-saved')).toContain(`Moved 400 seeds of ${lot} from ${bin1} to ${bin2}.`);
      await expect.poll(() => balanceOnPage(page, bin1)).toBe('600');
      expect(await balanceOnPage(page, bin2)).toBe('400');

      // Sow part of it into a demo study: 50 plots × 2 seeds.
      const [trial] = await invoke<TrialSummary[]>('trials:list', {});
      const [study] = await invoke<StudySummary[]>('studies:list', { trialId: trial?.id });
      if (!study) throw new Error('the demo has no study');
      await page.getByTestId('action-sow').click();
      const sow = page.getByTestId('move-dialog-sow');
      await sow.waitFor();
      await page.getByTestId('move-location').selectOption({ label: `${bin1} · 600 seeds` });
      await page.getByTestId('move-study').selectOption(study.id);
      await page.getByTestId('move-per-plot').fill('2');
      await page.getByTestId('move-plots').fill('50');
      await expect.poll(() => text(page, 'sow-total')).toBe('50 plots × 2 seeds = 100 seeds taken out.');
      await page.getByTestId('move-submit').click();
      await sow.waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'movement-saved')).toContain(`Sowed 100 seeds of ${lot} from ${bin1} for ${study.name}.`);
      await expect.poll(() => balanceOnPage(page, bin1)).toBe('500');
      expect(await page.getByTestId('ledger-sow').innerText()).toContain(study.name);
      const lots = await invoke<StudyLot[]>('stock:study-lots', { studyId: study.id });
      expect(lots.find((l) => l.code === lot)).toMatchObject({ sown: 100, sowings: 1, unit: 'seeds' });

      // Adjust: the demo's user is the station's manager, so it is posted; without a reason it is refused beside the field.
      await page.getByTestId('action-adjust').click();
      const adjust = page.getByTestId('move-dialog-adjust');
      await adjust.waitFor();
      await page.getByTestId('move-location').fill(bin2);
      await page.getByTestId('move-quantity').fill('-10');
      await page.getByTestId('move-submit').click();
      await expect.poll(() => adjust.locator('[data-problem]').allInnerTexts()).toEqual(['Say why the stock is adjusted.']);
      await expect.poll(() => focusedTestId(page)).toBe('move-reason');
      await page.keyboard.type('E2E: spilled while moving');
      await page.keyboard.press('Enter');
      await adjust.waitFor({ state: 'hidden' });
      await expect.poll(() => text(page, 'movement-saved')).toContain(`Adjusted ${lot} in ${bin2}: 10 seeds removed.`);
      await expect.poll(() => balanceOnPage(page, bin2)).toBe('390');
      expect(await text(page, 'batch-total')).toBe('890 seeds');
      // The ledger's running total after each movement: 1000, 1000, 900, 890.
      expect(await page.getByTestId('ledger-total').allInnerTexts()).toEqual(['1,000', '1,000', '900', '890']);

      // Its label, as a PDF.
      const label = await download(page, () => page.getByTestId('labels-print').click());
      expect(label.file.suggestedFilename()).toBe('labels-1.pdf');
      expect(label.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // Stock on hand for the bench: both balances, then the CSV of the same lines.
      await page.getByRole('link', { name: 'Stock', exact: true }).first().click();
      // The bench's label scanned while no field has the focus: the stock is filtered to the bench.
      await page.getByRole('heading', { name: 'Stock on hand', level: 1 }).click();
      await page.keyboard.type(bench);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('filter-location').inputValue()).toBe(bench);
      expect(await text(page, 'scan-status')).toContain(`Bench ${bench}`);
      await expect.poll(() => page.getByTestId(`on-hand-${lot}-${bin1}`).getByTestId('on-hand-quantity').innerText()).toBe('500 seeds');
      expect(await page.getByTestId(`on-hand-${lot}-${bin2}`).getByTestId('on-hand-quantity').innerText()).toBe('390 seeds');
      await page.getByTestId('location-rollup').locator('summary').click();
      expect(await text(page, `rollup-${bench}`)).toMatch(/seeds/);
      const csv = await download(page, () => page.getByTestId('export-csv').click());
      expect(csv.file.suggestedFilename()).toMatch(new RegExp(`^stock-on-hand-${bench}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual(['batch', 'barcode', 'kind', 'germplasm', 'location', 'location_name', 'location_path', 'quantity', 'unit', 'value']);
      const ours = parsed.data.filter((row) => row['batch'] === lot).map((row) => [row['location'], row['quantity'], row['unit'], row['value'], row['germplasm']]);
      expect(ours).toEqual([
        [bin1, '500', 'seeds', '5', germplasm],
        [bin2, '390', 'seeds', '3.9', germplasm],
      ]);
      expect(parsed.data.every((row) => (row['location_path'] ?? '').includes(bench))).toBe(true);
      await expect.poll(() => text(page, 'export-message')).toBe(`Exported ${parsed.data.length} lines to “${csv.file.suggestedFilename()}”.`);

      // Scanning the lot's code goes to its page; disposing of more than bin 2 holds is saved, with a warning, and listed as an exception.
      await page.getByTestId('scan-input').fill(lot.toLowerCase());
      await page.getByTestId('scan-input').press('Enter');
      await expect.poll(() => text(page, 'batch-code')).toBe(lot);
      await page.getByTestId('action-dispose').click();
      await page.getByTestId('move-location').selectOption({ label: `${bin2} · 390 seeds` });
      await page.getByTestId('move-quantity').fill('400');
      await page.getByTestId('move-reason').fill('E2E: mould');
      await page.getByTestId('move-submit').click();
      await expect.poll(() => text(page, 'movement-warning')).toMatch(/is now at -10 seeds on this computer/);
      await page.getByRole('link', { name: 'Stock', exact: true }).first().click();
      const exception = page.getByTestId(`exception-${lot}-${bin2}`);
      await exception.waitFor();
      expect(await exception.innerText()).toMatch(/-10 seeds now[\s\S]*Disposed of 400 seeds from GH1-C1-B01-BIN2/);

      // Locations: find the bin, go to its actions with Enter, archive it: refused, with what it holds.
      await page.getByRole('link', { name: 'Locations' }).first().click();
      await page.getByTestId('location-tree').waitFor();
      await page.getByTestId('location-search').fill(bin1);
      await page.getByTestId('location-search').press('Enter');
      await expect.poll(() => focusedTestId(page)).toBe(`tree-${bin1}`);
      expect(await page.getByRole('treeitem', { name: new RegExp(bin1) }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => text(page, 'location-panel-code')).toBe(bin1);
      await expect.poll(() => text(page, 'location-holdings')).toContain(lot);
      // Enter goes to its actions (a bin holds no other location, so the first is Rename).
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedTestId(page)).toBe('location-rename');
      await page.getByTestId('location-archive').click();
      await page.getByTestId('archive-confirm').click();
      await expect.poll(() => text(page, 'archive-refusal')).toContain(`${bin1} still holds stock`);
      const holdings = await page.getByTestId('archive-holdings').locator('tbody tr').allInnerTexts();
      expect(holdings.some((row) => row.includes(lot) && row.includes('500 seeds'))).toBe(true);
      await page.keyboard.press('Escape');
      await page.getByTestId('archive-location-dialog').waitFor({ state: 'hidden' });

      // Space chooses the bin for labels; its label sheet downloads.
      await page.getByTestId(`tree-${bin1}`).focus();
      await page.keyboard.press(' ');
      expect(await page.getByTestId(`tree-${bin1}`).getAttribute('aria-checked')).toBe('true');
      expect(await text(page, 'labels-chosen')).toBe('1 location chosen.');
      const sheet = await download(page, () => page.getByTestId('labels-card').getByTestId('labels-print').click());
      expect(sheet.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('creates, renames, moves and archives an empty bin in the location tree, and opens a location’s stock', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByTestId('open-demo').click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
      await page.evaluate("window.location.hash = '#/locations'");
      await page.getByTestId('location-tree').waitFor();

      // Add a bin inside a bench: the kinds offered are those a bench can hold.
      await page.getByTestId('location-search').fill(bench);
      await page.getByTestId('location-search').press('Enter');
      await expect.poll(() => text(page, 'location-panel-code')).toBe(bench);
      await page.getByTestId('location-add').click();
      expect(await page.getByTestId('location-kind').locator('option').allInnerTexts()).toEqual(['Bin']);
      await page.getByTestId('location-code').fill(bin1);
      await page.getByTestId('location-name').fill('E2E spare bin');
      await page.getByTestId('location-submit').click();
      // Codes are unique: the refusal names the code.
      await expect.poll(() => page.getByTestId('create-location-dialog').locator('[data-problem]').count()).toBe(1);
      expect(await page.getByTestId('location-code').getAttribute('aria-invalid')).toBe('true');
      await page.getByTestId('location-code').fill(`${bench}-BIN9`);
      await page.getByTestId('location-submit').click();
      await expect.poll(() => text(page, 'locations-message')).toBe(`Added ${bench}-BIN9 in ST / GH1 / GH1-C1 / ${bench} / ${bench}-BIN9.`);
      await expect.poll(() => text(page, 'location-panel-code')).toBe(`${bench}-BIN9`);

      // Its outline from a GeoJSON file; a file with two features is refused in words.
      const outlineFile = join(folder.path, 'bin9.geojson');
      const square = { type: 'Polygon', coordinates: [[[5.66, 51.98], [5.6601, 51.98], [5.6601, 51.9801], [5.66, 51.9801], [5.66, 51.98]]] };
      await writeFile(outlineFile, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square }, { type: 'Feature', geometry: square }] }));
      const chooseOutline = async (): Promise<void> => {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('location-outline-import').click()]);
        await chooser.setFiles(outlineFile);
      };
      await chooseOutline();
      await expect.poll(() => text(page, 'location-outline-message')).toMatch(/holds 2 features/);
      await writeFile(outlineFile, JSON.stringify({ type: 'Feature', properties: {}, geometry: square }));
      await chooseOutline();
      await expect.poll(() => text(page, 'location-outline-state')).toBe('Has an outline');

      await page.getByTestId('location-rename').click();
      await page.getByTestId('rename-name').fill('E2E bin by the door');
      await page.getByTestId('rename-submit').click();
      await expect.poll(() => text(page, 'locations-message')).toBe(`Saved ${bench}-BIN9: E2E bin by the door.`);

      await page.getByTestId('location-move').click();
      await page.getByTestId('move-parent').fill('GH1-C1-B02');
      await page.getByTestId('move-location-submit').click();
      await expect.poll(() => text(page, 'locations-message')).toBe(`Moved ${bench}-BIN9: now ST / GH1 / GH1-C1 / GH1-C1-B02 / ${bench}-BIN9.`);

      expect(await text(page, 'location-empty')).toBe('Holds no stock.');
      await page.getByTestId('location-archive').click();
      await page.getByTestId('archive-confirm').click();
      await expect.poll(() => text(page, 'locations-message')).toBe(`Archived ${bench}-BIN9.`);
      await expect.poll(() => page.getByTestId(`tree-${bench}-BIN9`).count()).toBe(0);
      await page.getByTestId('show-archived').check();
      await expect.poll(() => page.getByRole('treeitem', { name: new RegExp(`${bench}-BIN9.*archived`) }).count()).toBe(1);

      // "Show its stock" opens stock on hand filtered to the location.
      await page.getByTestId('location-search').fill('GH1-C1-B02');
      await page.getByTestId('location-search').press('Enter');
      await expect.poll(() => text(page, 'location-panel-code')).toBe('GH1-C1-B02');
      await page.getByTestId('location-show-stock').click();
      await page.getByRole('heading', { name: 'Stock on hand', level: 1 }).waitFor();
      expect(await page.getByTestId('filter-location').inputValue()).toBe('GH1-C1-B02');
      await expect.poll(() => page.locator('.page-subtitle').first().textContent()).toMatch(/^GH1-C1-B02 · GH1-C1 bench 2 and everything inside it/);
      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
