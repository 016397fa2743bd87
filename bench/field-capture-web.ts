// The field capture figures measured in Chromium on web mode: opening a 5,000-plot study to an
// interactive grid (cold: a freshly started app; warm: opened again), and save-and-advance in the
// entry panel, keypress to the next plot shown.
import type { Browser, Page, Request } from 'playwright-core';
import type { StudyDetail } from '../common/api-contract';
import { openPage } from '../test/harness/browser';
import { invokeWeb, restartWebApp, startWebApp, type WebApp } from '../test/harness/web-app';
import { pageScript, type KeyTiming, type OpenTiming } from './field-capture-page';
import { againstTarget, context, fmt, median, ms, say, summarise, timed, type Figure } from './field-capture-report';
import type { BenchStation } from './field-capture-station';

/** The API calls a page makes: how many are in flight, when the last one started or ended, and how long each took. */
class ApiTraffic {
  inFlight = 0;
  lastActivity = performance.now();
  private recording: { method: string; ms: number }[] | null = null;

  constructor(page: Page) {
    const isApi = (request: Request): boolean => request.url().includes('/api/invoke');
    page.on('request', (request) => {
      if (!isApi(request)) return;
      this.inFlight += 1;
      this.lastActivity = performance.now();
    });
    const done = (request: Request): void => {
      if (!isApi(request)) return;
      this.inFlight -= 1;
      this.lastActivity = performance.now();
      if (!this.recording) return;
      const timing = request.timing();
      const method = (request.postDataJSON() as { method?: string } | null)?.method ?? '?';
      this.recording.push({ method, ms: timing.responseEnd - timing.requestStart });
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  record(): void {
    this.recording = [];
  }

  /** The calls recorded since `record()`. */
  take(): { method: string; ms: number }[] {
    const calls = this.recording ?? [];
    this.recording = null;
    return calls;
  }

  /** Waits until no call has been in flight for `quietMs` (the page's reloads after a save are done). */
  async settle(quietMs: number): Promise<void> {
    const deadline = performance.now() + 30_000;
    while (this.inFlight > 0 || performance.now() - this.lastActivity < quietMs) {
      if (performance.now() > deadline) throw new Error('The page kept calling the API for 30 s.');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

interface OpenedApp {
  page: Page;
  traffic: ApiTraffic;
  close(): Promise<void>;
}

/** A new page on `app` with the station open and the bench trial's screen shown. */
async function openTrial(browser: Browser, app: WebApp, bench: BenchStation): Promise<OpenedApp> {
  const { context: browserContext, page, problems } = await openPage(browser);
  await browserContext.addInitScript({ content: pageScript });
  // This person works in the grid: studies open there (the choice is kept on the computer).
  await browserContext.addInitScript({ content: `window.localStorage.setItem('fieldstation.studyView', 'grid');` });
  const traffic = new ApiTraffic(page);
  await page.goto(app.launchUrl);
  await page.getByRole('button', { name: `Open ${bench.station.name}` }).click();
  await page.getByRole('heading', { name: 'Trials', level: 1 }).waitFor({ timeout: 120_000 });
  await page.getByRole('link', { name: new RegExp(bench.trialName) }).click();
  await page.locator('table.list-table tbody a').first().waitFor({ timeout: 60_000 });
  await traffic.settle(200);
  return {
    page,
    traffic,
    async close() {
      await browserContext.close();
      if (problems.length > 0) say(`  page problems: ${problems.slice(0, 5).join(' | ')}`);
    },
  };
}

async function openStudy(opened: OpenedApp): Promise<{ timing: OpenTiming; calls: { method: string; ms: number }[] }> {
  opened.traffic.record();
  const timing = (await opened.page.evaluate('window.__fieldCaptureBench.openStudy()')) as OpenTiming;
  await opened.traffic.settle(200);
  return { timing, calls: opened.traffic.take() };
}

/** Back from the study to its trial's screen, ready to open it again. */
async function backToTrial(opened: OpenedApp): Promise<void> {
  await opened.page.goBack();
  await opened.page.locator('table.list-table tbody a').first().waitFor();
  await opened.traffic.settle(200);
}

export interface OpenOptions {
  coldRuns: number;
  warmRuns: number;
}

export interface OpenResult {
  figures: Figure[];
  /** The app (started last) and a page with the study open in the grid, for the save bench. */
  app: WebApp;
  opened: OpenedApp;
}

function callMedians(calls: { method: string; ms: number }[][]): string {
  const byMethod = new Map<string, number[]>();
  for (const run of calls) for (const call of run) byMethod.set(call.method, [...(byMethod.get(call.method) ?? []), call.ms]);
  return [...byMethod.entries()]
    .sort((a, b) => median(b[1]) - median(a[1]))
    .map(([method, times]) => `${method} ${fmt(median(times))}`)
    .join(', ');
}

/**
 * Opens the bench study `coldRuns` times in a freshly started web mode (the first open of it in
 * that process and page), then `warmRuns` times again in the last one.
 */
export async function measureOpen(browser: Browser, dataFolder: string, bench: BenchStation, options: OpenOptions, running: WebApp | null): Promise<OpenResult> {
  const label = bench.kind === 'mid-season' ? 'mid-season' : 'season end';
  const cold: OpenTiming[] = [];
  const coldCalls: { method: string; ms: number }[][] = [];
  let app = running;
  let opened: OpenedApp | null = null;
  for (let run = 0; run < options.coldRuns; run++) {
    await opened?.close();
    app = app === null ? await startWebApp({ dataFolder }) : await restartWebApp(app);
    opened = await openTrial(browser, app, bench);
    const { timing, calls } = await openStudy(opened);
    cold.push(timing);
    coldCalls.push(calls);
    say(`  ${label} cold open ${run + 1}: grid drawn ${ms(timing.grid)}; ${calls.map((c) => `${c.method} ${fmt(c.ms)}`).join(', ')}`);
  }
  if (!app || !opened) throw new Error('Run the open bench at least once cold.');
  const warm: OpenTiming[] = [];
  const warmCalls: { method: string; ms: number }[][] = [];
  for (let run = 0; run < options.warmRuns; run++) {
    await backToTrial(opened);
    const { timing, calls } = await openStudy(opened);
    warm.push(timing);
    warmCalls.push(calls);
  }
  say(`  ${label} warm opens, grid drawn: ${warm.map((t) => fmt(t.grid)).join(', ')} ms`);
  const pick = (runs: OpenTiming[], key: keyof OpenTiming): number => median(runs.map((t) => t[key]));
  const size = `${fmt(bench.plots)} plots, ${bench.variables} variables, ${fmt(bench.observations)} observations`;
  const figure = (name: string, value: number, note: string): Figure => againstTarget(name, value, 500, note);
  const figures: Figure[] = [
    figure(`${label}: open study → grid, cold`, pick(cold, 'grid'), `${size}; median of ${cold.length} fresh app starts`),
    figure(`${label}: open study → grid, warm`, pick(warm, 'grid'), `median of ${warm.length}; p95 ${ms(summarise(warm.map((t) => t.grid)).p95)}`),
    context(`${label}: open study → grid, renderer's share`, `${ms(pick(cold, 'gridAfterData'))} / ${ms(pick(warm, 'gridAfterData'))}`, 'cold / warm: after the last API answer arrived'),
    context(`${label}: List button → list, cold / warm`, `${ms(pick(cold, 'listSwitch'))} / ${ms(pick(warm, 'listSwitch'))}`, 'the other view of the same plots'),
    context(`${label}: Grid button → grid again, cold / warm`, `${ms(pick(cold, 'gridSwitch'))} / ${ms(pick(warm, 'gridSwitch'))}`, `${fmt(pick(warm, 'cells'))} cells drawn (of ${fmt(bench.plots)})`),
    context(`${label}: first click on a cell, cold / warm`, `${ms(pick(cold, 'firstInput'))} / ${ms(pick(warm, 'firstInput'))}`, 'click → entry panel shows that plot, drawn'),
    context(`${label}: API calls during open, cold`, '', `median ms: ${callMedians(coldCalls)}`),
    context(`${label}: API calls during open, warm`, '', `median ms: ${callMedians(warmCalls)}`),
  ];
  return { figures, app, opened };
}

/** `plots:list-with-latest` alone over web mode's HTTP API (JSON encoding and transfer included). */
export async function measurePlotList(app: WebApp, bench: BenchStation, runs: number): Promise<Figure[]> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const [plots, elapsed] = await timed(() => invokeWeb<unknown[]>(app, 'plots:list-with-latest', { studyId: bench.studyId }));
    times.push(elapsed);
    rows = plots.length;
  }
  const s = summarise(times);
  return [context('mid-season: plots:list-with-latest over HTTP, warm', ms(s.p50), `${fmt(rows)} plots; median of ${runs}, p95 ${ms(s.p95)}; cold: see the API calls above`)];
}

export interface SaveOptions {
  /** Saves with the page settled in between (the reload after each save done, as at a person's pace), per way of pressing Enter. */
  saves: number;
  /** Saves back to back, as fast as the page takes them (the reloads still running). */
  briskSaves: number;
}

interface SaveSample {
  save: KeyTiming;
  advance: KeyTiming | null;
  /** Keypress → next plot shown (drawn), summed over the Enter presses it took. */
  total: number;
  totalDom: number;
  presses: number;
}

async function pressEnter(page: Page, nextPlotOnly: boolean): Promise<KeyTiming> {
  await page.evaluate(`window.__fieldCaptureBench.armEnter(${nextPlotOnly})`);
  await page.keyboard.press('Enter');
  return (await page.evaluate('window.__fieldCaptureBench.result')) as KeyTiming;
}

/**
 * Types `value` and presses Enter until the next plot is shown: once when Enter saves and moves on
 * (`oneEnter`, the "after save: next plot" setting), else twice (Enter saves, Enter again moves on).
 */
async function saveAndAdvance(page: Page, value: string, oneEnter: boolean): Promise<SaveSample> {
  const before = await page.getByTestId('entry-plot-number').textContent();
  await page.getByTestId('entry-input').fill(value);
  const save = await pressEnter(page, oneEnter);
  if (save.outcome === 'timeout') {
    const why = await page.locator('[data-testid="entry-refusal"], [data-testid="entry-unusual"], [data-testid="entry-check"]').allTextContents();
    throw new Error(`Enter on "${value}" for plot ${before} neither saved nor moved on (entry ${save.state}: ${why.join(' ')}).`);
  }
  const advance = save.outcome === 'saved' ? await pressEnter(page, true) : null;
  if (advance && advance.outcome !== 'next-plot') throw new Error(`The second Enter on plot ${before} did not show the next plot (entry ${advance.state}).`);
  const shown = advance?.plot ?? save.plot;
  if (Number(shown) !== Number(before) + 1) throw new Error(`After plot ${before} the entry panel shows plot ${shown}, not the next one.`);
  return {
    save,
    advance,
    total: save.drawn + (advance?.drawn ?? 0),
    totalDom: save.dom + (advance?.dom ?? 0),
    presses: advance ? 2 : 1,
  };
}

function saveFigures(label: string, samples: SaveSample[], judged: boolean): Figure[] {
  const total = summarise(samples.map((s) => s.total));
  const dom = summarise(samples.map((s) => s.totalDom));
  const presses = Math.max(...samples.map((s) => s.presses));
  const spread = `p50 ${ms(total.p50, 1)}, p95 ${ms(total.p95, 1)}, max ${ms(total.max, 1)}`;
  const name = `save-and-advance p99, ${label}`;
  const note = `${samples.length} saves, ${presses === 1 ? 'one Enter each' : 'Enter to save, Enter to move on'}; ${spread}`;
  const call = summarise(samples.map((s) => s.save.call).filter((n) => !Number.isNaN(n)));
  const afterCall = summarise(samples.map((s) => s.save.afterCall).filter((n) => !Number.isNaN(n)));
  // With one Enter the write starts once the next plot is drawn: no call to time within the press.
  const waited = !Number.isNaN(call.p50);
  const figures = [
    judged ? againstTarget(name, total.p99, 30, note, 1) : context(name, ms(total.p99, 1), note),
    context(`  in the DOM (before the frame)`, ms(dom.p99, 1), `p99; p50 ${ms(dom.p50, 1)}, p95 ${ms(dom.p95, 1)}`),
    ...(waited
      ? [
          context(`  observations:record, fetch to answer`, ms(call.p99, 1), `p99; p50 ${ms(call.p50, 1)}, p95 ${ms(call.p95, 1)} (HTTP, services, durable commit)`),
          context(`  its answer → the change in the DOM`, ms(afterCall.p99, 1), `p99; p50 ${ms(afterCall.p50, 1)}, p95 ${ms(afterCall.p95, 1)} (the page's own work)`),
        ]
      : []),
  ];
  if (presses === 1) return figures;
  const save = summarise(samples.map((s) => s.save.drawn));
  const advance = summarise(samples.flatMap((s) => (s.advance ? [s.advance.drawn] : [])));
  return [
    ...figures,
    context(`  Enter → "Saved" drawn`, ms(save.p99, 1), `p99; p50 ${ms(save.p50, 1)}, p95 ${ms(save.p95, 1)}`),
    context(`  Enter again → next plot drawn`, ms(advance.p99, 1), `p99; p50 ${ms(advance.p50, 1)}, p95 ${ms(advance.p95, 1)}`),
  ];
}

/**
 * Scores Plant height plot after plot in the grid from plot 1, by keyboard: type a value, then Enter
 * in the app's default way (Enter saves, Enter again moves on) and, when the entry panel offers
 * it, with "after save: next plot" (one Enter saves and moves on), which the target is judged on.
 */
export async function measureSaves(app: WebApp, opened: OpenedApp, bench: BenchStation, options: SaveOptions): Promise<Figure[]> {
  const { page, traffic } = opened;
  const study = await invokeWeb<StudyDetail>(app, 'studies:get', { studyId: bench.studyId });
  const height = study.variables.find((v) => v.name === 'Plant height');
  if (!height) throw new Error('The bench study has no Plant height.');
  await page.getByLabel('Trait', { exact: true }).selectOption(height.id);
  await page.getByTestId('goto-plot').fill('1');
  await page.getByTestId('goto-plot').press('Enter');
  await page.locator('[data-testid="entry-plot-number"]', { hasText: /^1$/ }).waitFor();
  // Heights a wheat plot has, none ten times off its neighbours (the slipped-digit check stays quiet).
  let saved = 0;
  const valueAt = (i: number): string => (84 + ((i * 7) % 31) / 2).toFixed(1);
  const run = async (count: number, settle: boolean, oneEnter: boolean): Promise<SaveSample[]> => {
    const samples: SaveSample[] = [];
    for (let i = 0; i < count; i++) {
      if (settle) await traffic.settle(250);
      samples.push(await saveAndAdvance(page, valueAt(saved++), oneEnter));
    }
    return samples;
  };
  const report = (label: string, samples: SaveSample[]): void =>
    say(`  ${samples.length} saves, ${label}: keypress → next plot p50 ${ms(summarise(samples.map((s) => s.total)).p50, 1)}`);
  // A few unmeasured saves first: the code paths are compiled, as after a minute of scoring.
  await run(5, true, false);
  const twoEnters = await run(options.saves, true, false);
  report('Enter, Enter, settled', twoEnters);
  const setting = page.getByTestId('after-save');
  const oneEnter = (await setting.count()) > 0;
  if (oneEnter) {
    await setting.selectOption('next-plot');
    await run(5, true, true);
  }
  const settled = oneEnter ? await run(options.saves, true, true) : null;
  if (settled) report('one Enter, settled', settled);
  const brisk = await run(options.briskSaves, false, oneEnter);
  if (brisk.length > 0) report('back to back', brisk);
  const mode = oneEnter ? 'one Enter' : 'Enter, Enter';
  return [
    ...(settled ? saveFigures('one Enter, settled', settled, true) : []),
    ...saveFigures('Enter, Enter, settled', twoEnters, !oneEnter),
    ...(brisk.length > 0 ? saveFigures(`${mode}, back to back`, brisk, false) : []),
  ];
}
