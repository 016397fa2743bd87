import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservationHistoryEntry, PlotRow, StationSummary, StudyDetail, StudySummary, SyncStatus, TrialSummary } from '../../common/api-contract';
import type { SyncServer } from '../../sync-server/create-server';
import { launchBrowser, openPage } from '../harness/browser';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { makeTempFolder } from '../harness/temp-folder';
import { startWebApp, type WebApp } from '../harness/web-app';
import { invokeWeb, issueCode, restartSyncServer } from '../harness/web-app-with-server';

// The built app in web mode, driven through Chromium, syncing with a real sync server (Postgres +
// PostGIS, the server in-process): connecting, sending values, a cut, and a change the server refuses.

const variableName = 'Plant height';
type Folder = { path: string; remove: () => Promise<void> };

let harness: SyncServerHarness;
let restarted: SyncServer | null = null;
let browser: Browser;
let tenantId: string;
/** The station manager's computer, and an office laptop whose user may only look. */
let app: WebApp;
let viewerApp: WebApp;
const folders: Folder[] = [];
const apps: WebApp[] = [];

beforeAll(async () => {
  [harness, browser, app, viewerApp] = await Promise.all([startSyncServerHarness(), launchBrowser(), startApp('e2e-sync'), startApp('e2e-viewer')]);
  tenantId = await harness.createTenant('Wheat Breeding Co');
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(apps.map((app) => app.stop()));
  await restarted?.close();
  await harness?.stop();
  await Promise.all(folders.map((folder) => folder.remove()));
});

async function startApp(name: string): Promise<WebApp> {
  const folder = await makeTempFolder(name);
  folders.push(folder);
  const app = await startWebApp({ dataFolder: folder.path });
  apps.push(app);
  return app;
}

const indicator = (page: Page) => page.getByTestId('sync-indicator');

/** Waits until the top bar's sync indicator shows `state` (and, when given, that many waiting changes). */
async function waitForSync(page: Page, state: SyncStatus['state'], pending?: number, timeout = 30_000): Promise<void> {
  const selector = `[data-testid="sync-indicator"][data-state="${state}"]${pending === undefined ? '' : `[data-pending="${pending}"]`}`;
  await page.locator(selector).waitFor({ timeout });
}

/** The first study of the demo's first trial, and its plots with their latest values. */
async function firstStudy(app: WebApp): Promise<{ study: StudyDetail; plots: PlotRow[] }> {
  const trials = await invokeWeb<TrialSummary[]>(app, 'trials:list', {});
  const trial = trials.find((t) => t.studyCount > 0);
  if (!trial) throw new Error('no trial with a study');
  const [summary] = await invokeWeb<StudySummary[]>(app, 'studies:list', { trialId: trial.id });
  if (!summary) throw new Error('no study');
  const study = await invokeWeb<StudyDetail>(app, 'studies:get', { studyId: summary.id });
  const plots = await invokeWeb<PlotRow[]>(app, 'plots:list-with-latest', { studyId: summary.id });
  return { study, plots };
}

/** Every value the station shows (the latest of each plot and trait, in every study), by "plot|variable". */
async function shownValues(app: WebApp): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const trial of await invokeWeb<TrialSummary[]>(app, 'trials:list', {})) {
    for (const study of await invokeWeb<StudySummary[]>(app, 'studies:list', { trialId: trial.id })) {
      for (const plot of await invokeWeb<PlotRow[]>(app, 'plots:list-with-latest', { studyId: study.id })) {
        for (const [variableId, latest] of Object.entries(plot.latest)) values.set(`${plot.id}|${variableId}`, latest.value);
      }
    }
  }
  return values;
}

/** The id of the value a plot shows for a variable (its current observation), from its history. */
async function currentObservationId(app: WebApp, unitId: string, variableId: string): Promise<string> {
  const history = await invokeWeb<ObservationHistoryEntry[]>(app, 'observations:history', { unitId, variableId });
  return history.find((entry) => entry.current)?.id ?? '';
}

async function serverValue(observationId: string): Promise<string | null> {
  const result = await harness.owner.query<{ value: string }>('SELECT value FROM observations WHERE tenant_id = $1 AND id = $2', [tenantId, observationId]);
  return result.rows[0]?.value ?? null;
}

/** Records a value through the entry panel of the open study and waits until it is saved. */
async function recordInUi(page: Page, plotNumber: number, value: string): Promise<void> {
  await page.getByTestId(`cell-${plotNumber}-${variableName}`).click();
  const input = page.getByTestId('entry-input');
  await input.fill(value);
  await input.press('Enter');
  await page.getByTestId('entry-status').getByText('Saved').waitFor();
}

describe('sync in the app', () => {
  let page: Page;
  let problems: string[];

  it('connects the demo station with an enrolment code and sends everything on it', async () => {
    ({ page, problems } = await openPage(browser));
    await page.goto(app.launchUrl);
    await page.getByTestId('open-demo').click();
    await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 60_000 });
    await waitForSync(page, 'not-connected');

    await indicator(page).click();
    await page.getByRole('heading', { name: 'Sync', level: 1 }).waitFor();
    const form = page.getByTestId('connect-form');
    expect(await form.textContent()).toContain('is sent to your organisation’s server');

    // A wrong code is refused in words, and nothing changes.
    await form.getByLabel('Server address').fill(harness.baseUrl);
    await form.getByLabel('Enrolment code').fill('AAAA-BBBB-CCCC');
    await page.getByTestId('connect-submit').click();
    await form.getByText('That enrolment code is not valid').waitFor();
    await waitForSync(page, 'not-connected');

    const { code } = await issueCode(harness, tenantId, 'station-manager');
    await form.getByLabel('Enrolment code').fill(code);
    await page.getByTestId('connect-submit').click();
    await page.getByTestId('sync-overview').waitFor({ timeout: 30_000 });
    await waitForSync(page, 'online', 0);
    expect(await page.getByTestId('sync-state').textContent()).toBe('Online');
    expect(await indicator(page).textContent()).toContain('synced just now');
    expect(await page.getByTestId('rejected-empty').isVisible()).toBe(true);

    const shown = await shownValues(app);
    expect(shown.size).toBeGreaterThan(1000);
    const onServer = await harness.owner.query<{ key: string; value: string }>(
      `SELECT DISTINCT ON (o.unit_id, o.variable_id) o.unit_id || '|' || o.variable_id AS key, o.value FROM observations o
        WHERE o.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM observations c WHERE c.tenant_id = o.tenant_id AND c.supersedes_id = o.id)
        ORDER BY o.unit_id, o.variable_id, o.observed_at DESC, o.id DESC`,
      [tenantId],
    );
    expect(new Map(onServer.rows.map((row) => [row.key, row.value]))).toEqual(shown);
  });

  it('sends a recorded value at once, keeps one made while the server is down, and sends it when it is back', async () => {
    const { study } = await firstStudy(app);
    const heightId = study.variables.find((v) => v.name === variableName)?.id ?? '';
    await page.goto(`${app.origin}/#/studies/${study.id}`);
    await page.getByTestId('plot-table').waitFor();

    // Follow every pending count the indicator shows (page code as text: this file has no DOM types).
    await page.evaluate(`(() => {
      const seen = [];
      window.pendingSeen = seen;
      new MutationObserver(() => {
        const value = document.querySelector('[data-testid="sync-indicator"]')?.getAttribute('data-pending');
        if (value && seen.at(-1) !== value) seen.push(value);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-pending'], childList: true });
    })()`);
    await recordInUi(page, 1, '98.6');
    await waitForSync(page, 'online', 0);
    const seen = (await page.evaluate('window.pendingSeen')) as string[];
    expect(seen.slice(seen.indexOf('1'))).toEqual(['1', '0']);
    const first = (await firstStudy(app)).plots.find((p) => p.plotNumber === 1);
    const firstId = await currentObservationId(app, first?.id ?? '', heightId);
    await expect.poll(() => serverValue(firstId)).toBe('98.6');

    // The History disclosure shows the plot's own record, as received from the server.
    await page.getByTestId('plot-history').locator('summary').click();
    await page.getByTestId('plot-history-list').waitFor();
    expect(await page.getByTestId('plot-history-list').textContent()).toContain('Created');

    // The server goes away: the value is kept and counted, in words.
    await harness.server.close();
    await recordInUi(page, 2, '77.7');
    await waitForSync(page, 'offline', 1);
    expect(await page.getByTestId('sync-indicator-detail').textContent()).toBe('1 change waiting to sync');

    await indicator(page).click();
    await page.getByTestId('sync-overview').waitFor();
    expect(await page.getByTestId('sync-state').textContent()).toBe('Offline');
    expect(await page.getByTestId('sync-error').textContent()).toContain('cannot be reached');
    expect(await page.getByTestId('sync-pending').textContent()).toBe('1 change on this computer');

    // Back on the same address: "Sync now" does not wait for the backoff.
    restarted = await restartSyncServer(harness);
    await page.getByTestId('sync-now').click();
    await waitForSync(page, 'online', 0);
    const second = (await firstStudy(app)).plots.find((p) => p.plotNumber === 2);
    const secondId = await currentObservationId(app, second?.id ?? '', heightId);
    await expect.poll(() => serverValue(secondId)).toBe('77.7');

    // Expected noise: the refused enrolment code (HTTP 400, a mistyped code). No CSP violations, no page errors.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });

  it('lists a change the server refuses with its reason, checks a fix, and discards it', async () => {
    // A second computer, enrolled for a viewer: it receives the tenant's data but may not change it.
    await invokeWeb<StationSummary>(viewerApp, 'stations:create-empty', { name: 'Office laptop' });
    const { code } = await issueCode(harness, tenantId, 'viewer');
    await invokeWeb<SyncStatus>(viewerApp, 'sync:connect', { serverUrl: harness.baseUrl, code });
    await expect.poll(async () => (await invokeWeb<TrialSummary[]>(viewerApp, 'trials:list', {})).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const { study, plots } = await firstStudy(viewerApp);
    const plot = plots.find((p) => p.plotNumber === 3);
    const heightId = study.variables.find((v) => v.name === variableName)?.id ?? '';
    const recorded = await invokeWeb<{ id: string }>(viewerApp, 'observations:record', { unitId: plot?.id ?? '', variableId: heightId, value: '55' });
    await expect.poll(async () => (await invokeWeb<SyncStatus>(viewerApp, 'sync:get-status', {})).rejected, { timeout: 30_000 }).toBe(1);

    const { page: viewer, problems: viewerProblems } = await openPage(browser);
    await viewer.goto(viewerApp.launchUrl);
    await viewer.getByRole('button', { name: 'Open Office laptop' }).click();
    await viewer.getByRole('heading', { name: 'Trials', level: 1 }).waitFor();
    expect(await viewer.getByTestId('sync-indicator-refused').textContent()).toBe('1 change refused');
    await indicator(viewer).click();

    const item = viewer.getByTestId('rejected-change');
    await item.waitFor();
    expect(await item.textContent()).toContain(`${variableName}: 55 on plot 3`);
    expect(await item.getByTestId('rejected-reason').textContent()).toContain('Your role (viewer) can look at data but not change it');

    // A fix is checked as at entry: an impossible height is refused next to the field.
    await item.getByTestId('rejected-fix').click();
    await item.getByTestId('rejected-field-value').fill('2500');
    await item.getByTestId('rejected-resend').click();
    await item.locator('.field-hint-error').waitFor();
    expect(await item.locator('.field-hint-error').textContent()).toMatch(/250/);
    await item.getByRole('button', { name: 'Cancel' }).click();

    await item.getByTestId('rejected-discard').click();
    expect(await viewer.getByTestId('discard-confirm').textContent()).toContain('disappears from this computer');
    await viewer.getByTestId('discard-confirm-button').click();
    await viewer.getByTestId('rejected-empty').waitFor();
    await viewer.getByTestId('sync-indicator-refused').waitFor({ state: 'detached', timeout: 5_000 });

    const after = (await firstStudy(viewerApp)).plots.find((p) => p.plotNumber === 3);
    expect(await currentObservationId(viewerApp, after?.id ?? '', heightId)).not.toBe(recorded.id);
    expect(await serverValue(recorded.id)).toBeNull();
    // Expected noise: the impossible fix refused (HTTP 400).
    expect(viewerProblems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
