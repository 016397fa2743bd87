import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary, TrialSummary } from '../../common/api-contract';
import type { BatchDetail, CountVariances, LocationNode, StudyLot } from '../../common/stock/stock-results';
import { launchBrowser, openPage } from '../harness/browser';
import { makeTempFolder } from '../harness/temp-folder';
import { startWebApp, type WebApp } from '../harness/web-app';
import { invokeWeb } from '../harness/web-app';

// A stock count in the built app (web mode, real Chromium, real services), issue 5's scenario:
// a lot is received, transferred and partly sown into a demo study (arranged through the web API:
// the stock screens are not the subject here), then counted through the counts screens with one
// variance, explained, approved by the demo station's user (a station manager), and reported.

const trialName = 'Spring wheat yield trial 2026';
const minus = '\u2212';

let folder: { path: string; remove: () => Promise<void> };
let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  folder = await makeTempFolder('e2e-stock-count');
  app = await startWebApp({ dataFolder: folder.path });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await folder?.remove();
});

const invoke = <T>(method: string, args: unknown): Promise<T> => invokeWeb<T>(app, method, args);
const text = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).textContent()) ?? '';

/** A bench E2E-B1 with two bins under GH1; lot E2E-LOT-1 received, moved and partly sown; lot E2E-LOT-2 beside it. */
async function arrangeStock(): Promise<{ studyId: string }> {
  const tree = await invoke<LocationNode[]>('locations:tree', {});
  const greenhouse = tree.find((node) => node.code === 'GH1');
  if (!greenhouse) throw new Error('the demo station has no GH1');
  const bench = await invoke<LocationNode>('locations:create', { parentId: greenhouse.id, kind: 'bench', code: 'E2E-B1', name: 'E2E bench' });
  for (const n of [1, 2]) await invoke('locations:create', { parentId: bench.id, kind: 'bin', code: `E2E-BIN-${n}`, name: `E2E bin ${n}` });

  const demoLot = await invoke<BatchDetail>('stock:batch-detail', { batch: 'SL-2026-001' });
  const germplasmId = demoLot.batch.germplasmId;
  const receive = { kind: 'seed-lot', germplasmId, unit: 'seeds', location: 'E2E-BIN-1', source: 'E2E harvest', unitCost: '0.25' };
  await invoke('stock:receive', { ...receive, code: 'E2E-LOT-1', barcode: 'E2ELOT1', quantity: 1000 });
  await invoke('stock:receive', { ...receive, code: 'E2E-LOT-2', barcode: 'E2ELOT2', quantity: 200 });
  await invoke('stock:move', { kind: 'transfer', batch: 'E2E-LOT-1', from: 'E2E-BIN-1', to: 'E2E-BIN-2', quantity: 600 });

  const trial = (await invoke<TrialSummary[]>('trials:list', {})).find((t) => t.name === trialName);
  const [study] = await invoke<StudySummary[]>('studies:list', { trialId: trial?.id });
  if (!study) throw new Error('the demo trial has no study');
  await invoke('stock:move', { kind: 'sow', batch: 'E2ELOT1', from: 'E2E-BIN-2', studyId: study.id, quantityPerPlot: 25, plots: 4 });
  return { studyId: study.id };
}

/** Types into the scan box as a keyboard-wedge scanner does: fast keystrokes, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.getByTestId('count-scan').focus();
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

describe('stock count', () => {
  it('counts a bench by scanning, shows the variance against the stock as of the count, explains it, approves it and reports it', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await page.goto(app.launchUrl);
      await page.getByRole('button', { name: 'Open the demo station' }).click();
      await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
      const { studyId } = await arrangeStock();
      const lots = await invoke<StudyLot[]>('stock:study-lots', { studyId });
      expect(lots.find((lot) => lot.code === 'E2E-LOT-1')).toMatchObject({ sown: 100, sowings: 1, unit: 'seeds' });

      // Start a count of the bench: its location scanned (Enter moves on to the name, not off the form).
      await page.getByTestId('nav-counts').click();
      await page.getByRole('heading', { name: 'Counts', level: 1 }).waitFor();
      await page.getByTestId('start-count').click();
      await page.getByTestId('start-count-location').focus();
      await page.keyboard.type('E2E-B1', { delay: 4 });
      await page.keyboard.press('Enter');
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('start-count-name');
      await page.getByTestId('start-count-name').fill('E2E bench count');
      await page.getByTestId('start-count-submit').click();
      await page.getByRole('heading', { name: /E2E bench count/, level: 1 }).waitFor();
      const countId = /#\/counts\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
      if (!countId) throw new Error(`not on a count page: ${page.url()}`);
      expect(await text(page, 'count-subtitle')).toContain('E2E-B1');

      // What the movements say is there as of the count: three lines, none counted, nothing to approve yet.
      await expect.poll(() => text(page, 'count-fact-lines')).toBe('3');
      expect(await text(page, 'count-fact-uncounted')).toBe('3');
      expect(await text(page, 'count-blockers')).toContain('Nothing has been counted yet.');
      expect(await page.getByTestId('count-approve').isDisabled()).toBe(true);
      expect(await text(page, 'count-line-E2E-LOT-1-E2E-BIN-2-expected')).toBe('500');
      expect(await text(page, 'count-line-E2E-LOT-1-E2E-BIN-1-expected')).toBe('400');

      // A bin outside the count, and a code nothing has, are refused in words.
      await scan(page, 'GH2');
      await expect.poll(() => text(page, 'count-scan-feedback')).toMatch(/^GH2 \(Greenhouse 2\) is not part of this count, which counts E2E-B1/);
      await scan(page, 'NOPE-404');
      await expect.poll(() => text(page, 'count-scan-feedback')).toContain('Nothing in this station has the code “NOPE-404”');
      await page.getByRole('link', { name: 'Receive it as a new batch on the Stock screen' }).waitFor();

      // Batch (its barcode), bin, quantity, scanned in quick succession: one line with a variance of −20.
      await scan(page, 'E2ELOT1');
      await scan(page, 'E2E-BIN-2');
      await scan(page, '480');
      await expect
        .poll(() => text(page, 'count-scan-feedback'))
        .toBe(`Saved: E2E-LOT-1 in E2E-BIN-2, counted 480 seeds (expected 500, variance ${minus}20).`);
      // The bin stays chosen; the batch is asked for next.
      expect(await text(page, 'count-scan-location')).toContain('E2E-BIN-2');
      expect(await text(page, 'count-scan-prompt')).toBe('Now a batch in E2E-BIN-2');

      // Bin first this time, then a batch code typed by hand in lower case, then each batch of the bin.
      await scan(page, 'E2E-BIN-1');
      await scan(page, 'e2e-lot-1');
      await scan(page, '400');
      await expect.poll(() => text(page, 'count-scan-feedback')).toBe('Saved: E2E-LOT-1 in E2E-BIN-1, counted 400 seeds (expected 400, no variance).');
      await scan(page, 'E2E-LOT-2');
      await scan(page, '1,200');
      await expect.poll(() => text(page, 'count-scan-feedback')).toMatch(/without thousands separators/);
      await scan(page, '200');
      await expect.poll(() => text(page, 'count-scan-feedback')).toBe('Saved: E2E-LOT-2 in E2E-BIN-1, counted 200 seeds (expected 200, no variance).');

      // The variances: one line short by 20 seeds, worth −5.00 at 0.25 a seed.
      const short = 'count-line-E2E-LOT-1-E2E-BIN-2';
      await expect.poll(() => text(page, 'count-fact-counted')).toBe('3');
      expect(await text(page, 'count-fact-uncounted')).toBe('0');
      expect(await text(page, 'count-fact-disputed')).toBe('0');
      expect(await text(page, `${short}-counted`)).toBe('480');
      expect(await text(page, `${short}-variance`)).toBe(`${minus}20 seeds`);
      expect(await text(page, `${short}-value`)).toBe(`${minus}5.00`);
      expect(await text(page, 'count-fact-variance')).toContain(`${minus}20 seeds`);
      expect(await text(page, 'count-fact-value')).toBe(`${minus}5.00`);
      await page.getByTestId('count-lines-variances').click();
      await expect.poll(() => page.locator('[data-testid="count-lines"] tbody tr.count-line').count()).toBe(1);
      await page.getByTestId('count-lines-all').click();

      // Explain it: the explanation is saved with the line.
      await page.getByTestId(`${short}-explain`).click();
      await page.getByTestId('count-explain-text').fill('Spilled while moving the packet');
      await page.getByTestId('count-explain-text').press('Enter');
      await expect.poll(() => text(page, `${short}-explanation`)).toContain('Spilled while moving the packet');

      // Approve: one adjustment, posted by the demo station's user (a station manager).
      const approve = page.getByTestId('count-approve');
      await expect.poll(() => approve.textContent()).toBe('Approve and post 1 adjustment');
      await approve.click();
      await expect.poll(() => text(page, 'count-approved')).toMatch(/^Approved by Station user on .+1 adjustment was posted/);
      expect(await text(page, 'count-status')).toBe('Approved');
      await page.getByTestId('count-approval').waitFor({ state: 'detached' });
      expect(await page.getByTestId('count-scan').count()).toBe(0);
      const lot = await invoke<BatchDetail>('stock:batch-detail', { batch: 'E2E-LOT-1' });
      expect(lot.balances.map((b) => [b.location.code, b.quantity]).sort()).toEqual([
        ['E2E-BIN-1', 400],
        ['E2E-BIN-2', 480],
      ]);
      const adjustment = lot.ledger.find((entry) => entry.kind === 'adjust');
      expect(adjustment).toMatchObject({ countId, change: -20, from: { code: 'E2E-BIN-2' }, reason: 'Count “E2E bench count”: Spilled while moving the packet' });
      const settled = await invoke<CountVariances>('counts:variances', { countId });
      expect(settled.outstanding).toBe(0);

      // The report on screen: the approver and the explained line.
      await page.getByTestId('count-report').waitFor();
      expect(await text(page, 'count-report-approver')).toMatch(/^Station user, /);
      const reportLine = await text(page, 'count-report-line-E2E-LOT-1-E2E-BIN-2');
      expect(reportLine).toContain(`${minus}20`);
      expect(reportLine).toContain('Spilled while moving the packet');

      // The CSV: one row per line, the variance and explanation on the short one.
      const csv = await download(page, 'count-report-csv');
      expect(csv.name).toMatch(/^reconciliation-E2E-bench-count-\d{4}-\d{2}-\d{2}\.csv$/);
      const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toHaveLength(3);
      const row = parsed.data.find((r) => r['batch'] === 'E2E-LOT-1' && r['location'] === 'E2E-BIN-2');
      expect(row).toMatchObject({
        count: 'E2E bench count',
        status: 'approved',
        approved_by: 'Station user',
        unit: 'seeds',
        expected: '500',
        counted: '480',
        line_status: 'counted',
        variance: '-20',
        value: '-5',
        adjusted: '-20',
        outstanding: '0',
        explanation: 'Spilled while moving the packet',
      });
      expect(parsed.data.filter((r) => r['variance'] === '0')).toHaveLength(2);
      await expect.poll(() => text(page, 'count-report-message')).toBe(`Saved the report as “${csv.name}”.`);

      // The printable PDF.
      const pdf = await download(page, 'count-report-pdf');
      expect(pdf.name).toBe('count-E2E_bench_count.pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.bytes.length).toBeGreaterThan(2000);
      expect(pdf.bytes.subarray(-1024).toString('latin1')).toContain('%%EOF');

      // The list shows it among the approved counts.
      await page.getByTestId('nav-counts').click();
      await page.getByTestId('counts-show-approved').click();
      await expect.poll(() => text(page, `count-row-${countId}`)).toContain('Approved');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
