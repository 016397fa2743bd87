// Field capture benchmark: the targets of issue 4 on generated stations with 5,000-plot studies of
// 10 variables. In Chromium on web mode (build first: npx electron-vite build): opening a study to
// an interactive grid, cold and warm, and save-and-advance from keypress to the next plot shown.
// Through the services: preview and import of a 5,000-row field file, and the export of 100,000
// observations in Field Book's database format, each with the SQL it spends its time in.
//   node scripts/run-ts.mjs bench/field-capture-bench.ts [--saves 200] [--brisk-saves 100] [--cold-runs 5] [--warm-runs 10]
//     [--import-runs 3] [--export-runs 5] [--explain]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { createLogger } from '../main/logger';
import { stationFolder } from '../main/stations/station-files';
import { StationSession } from '../main/stations/station-session';
import { launchBrowser } from '../test/harness/browser';
import type { WebApp } from '../test/harness/web-app';
import { exportFigures, importFigures, plotListFigures } from './field-capture-files';
import { context, fmt, loadText, printTable, say, type Figure } from './field-capture-report';
import { recordFigures } from './field-capture-record';
import { generateBenchStation, type BenchStation } from './field-capture-station';
import { measureOpen, measurePlotList, measureSaves } from './field-capture-web';

export interface FieldCaptureBenchOptions {
  /** Fresh web-mode starts, each opening the mid-season study once (cold). */
  coldRuns: number;
  /** Opens of the same study again in the last of them (warm). */
  warmRuns: number;
  /** The same for the season-end station (context: the heaviest study). */
  seasonEndColdRuns: number;
  seasonEndWarmRuns: number;
  /** Saves with the page settled in between, and saves back to back. */
  saves: number;
  briskSaves: number;
  fieldPlots: number;
  importRuns: number;
  exportRuns: number;
  /** Print the plans of the measured reads' slowest SQL (done anyway for a missed export target). */
  explain: boolean;
}

export const defaultOptions: FieldCaptureBenchOptions = {
  coldRuns: 5,
  warmRuns: 10,
  seasonEndColdRuns: 3,
  seasonEndWarmRuns: 5,
  saves: 200,
  briskSaves: 100,
  fieldPlots: 5000,
  importRuns: 3,
  exportRuns: 5,
  explain: false,
};

function stationFigure(bench: BenchStation): Figure {
  return context(
    `generate: ${bench.kind} station`,
    `${fmt(bench.generateSeconds, 1)} s`,
    `study: ${fmt(bench.plots)} plots × ${bench.variables} variables, ${fmt(bench.observations)} observations (${fmt(bench.currentObservations)} current)`,
  );
}

export async function main(options: FieldCaptureBenchOptions = defaultOptions): Promise<Figure[]> {
  const logger = createLogger('field-capture-bench', 'warn');
  const dataFolder = await mkdtemp(join(tmpdir(), 'field-station-capture-bench-'));
  say(`field capture bench in ${dataFolder}; ${cpus().length} cores, load average ${loadText()}`);
  const figures: Figure[] = [];
  let browser: Browser | null = null;
  let app: WebApp | null = null;
  try {
    const midSeason = await generateBenchStation(dataFolder, 'mid-season', logger, 11);
    const seasonEnd = await generateBenchStation(dataFolder, 'season-end', logger, 12);
    figures.push(stationFigure(midSeason), stationFigure(seasonEnd));
    say(`  stations generated; load average ${loadText()}`);

    browser = await launchBrowser();
    const mid = await measureOpen(browser, dataFolder, midSeason, { coldRuns: options.coldRuns, warmRuns: options.warmRuns }, null);
    app = mid.app;
    figures.push(...mid.figures, ...(await measurePlotList(app, midSeason, 10)));
    figures.push(...(await measureSaves(app, mid.opened, midSeason, { saves: options.saves, briskSaves: options.briskSaves })));
    const afterSaves = figures.length;
    await mid.opened.close();
    const end = await measureOpen(browser, dataFolder, seasonEnd, { coldRuns: options.seasonEndColdRuns, warmRuns: options.seasonEndWarmRuns }, app);
    app = end.app;
    figures.push(...end.figures);
    await end.opened.close();
    await app.stop();
    app = null;
    await browser.close();
    browser = null;

    // The services in process, now that web mode has let go of the stations: the write behind a
    // save, then the files on the season-end station.
    const midSession = await StationSession.open(stationFolder(dataFolder, midSeason.station.id), midSeason.station, { logger });
    try {
      figures.splice(afterSaves, 0, ...(await recordFigures(midSession, midSeason.studyId, options.saves)));
    } finally {
      await midSession.close();
    }
    const session = await StationSession.open(stationFolder(dataFolder, seasonEnd.station.id), seasonEnd.station, { logger });
    try {
      figures.push(...(await plotListFigures(session, seasonEnd.studyId, seasonEnd.observations, options)));
      figures.push(...(await exportFigures(session, seasonEnd.studyId, seasonEnd.currentObservations, options)));
      figures.push(...(await importFigures(session, seasonEnd.studyId, options)));
    } finally {
      await session.close();
    }
    printTable('field capture bench', figures);
    return figures;
  } finally {
    await browser?.close();
    await app?.stop();
    await rm(dataFolder, { recursive: true, force: true });
  }
}

function cliOptions(): FieldCaptureBenchOptions {
  const { values } = parseArgs({
    options: {
      'cold-runs': { type: 'string' },
      'warm-runs': { type: 'string' },
      'season-end-cold-runs': { type: 'string' },
      'season-end-warm-runs': { type: 'string' },
      saves: { type: 'string' },
      'brisk-saves': { type: 'string' },
      'field-plots': { type: 'string' },
      'import-runs': { type: 'string' },
      'export-runs': { type: 'string' },
      explain: { type: 'boolean' },
    },
    strict: true,
  });
  const number = (text: string | undefined, fallback: number, minimum = 1): number => {
    const n = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(n) || n < minimum) throw new Error(`Expected a whole number of at least ${minimum}, got ${text}.`);
    return n;
  };
  const d = defaultOptions;
  return {
    coldRuns: number(values['cold-runs'], d.coldRuns),
    warmRuns: number(values['warm-runs'], d.warmRuns),
    seasonEndColdRuns: number(values['season-end-cold-runs'], d.seasonEndColdRuns),
    seasonEndWarmRuns: number(values['season-end-warm-runs'], d.seasonEndWarmRuns),
    saves: number(values.saves, d.saves),
    briskSaves: number(values['brisk-saves'], d.briskSaves, 0),
    fieldPlots: number(values['field-plots'], d.fieldPlots),
    importRuns: number(values['import-runs'], d.importRuns),
    exportRuns: number(values['export-runs'], d.exportRuns),
    explain: values.explain ?? d.explain,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(cliOptions());
}
