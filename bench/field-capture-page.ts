// What the field capture bench runs inside the page (Chromium, web mode). Plain JavaScript in a
// string, so the bundler adds nothing to it; installed before the app's own scripts run.
//
// Every time is performance.now() in the page. "Drawn" means: the change is in the DOM, the next
// frame was produced (requestAnimationFrame), and a task ran after it (setTimeout 0), so the main
// thread is free again: drawn and responsive, as test/e2e/study-grid.test.ts detects it.

export interface OpenTiming {
  /** Click on the study's link → the grid drawn (the person works in the grid: the app opens the study there). */
  grid: number;
  /** Of `grid`, the part after the last API answer arrived (the renderer's own share). */
  gridAfterData: number;
  /** Click on "List" → the plot list drawn. */
  listSwitch: number;
  /** Click on "Grid" → the grid drawn again. */
  gridSwitch: number;
  /** Click on a grid cell right after → the entry panel showing that plot, drawn. */
  firstInput: number;
  cells: number;
}

export interface KeyTiming {
  /** Keydown → the change in the DOM. */
  dom: number;
  /** Keydown → the next frame drawn with it and a task run after it. */
  drawn: number;
  /** The first API call made after the keydown (the save), from its start to its answer; NaN when none. */
  call: number;
  /** From that call's answer to the change in the DOM (the page's own work); NaN when none. */
  afterCall: number;
  /** What the key press led to: the entry saved (waiting for another Enter) or the next plot shown. */
  outcome: 'saved' | 'next-plot' | 'timeout';
  plot: string | null;
  state: string | null;
}

export const pageScript = String.raw`
(() => {
  const plotText = () => document.querySelector('[data-testid="entry-plot-number"]')?.textContent ?? null;
  const entryState = () => document.querySelector('[data-testid="entry-status"]')?.getAttribute('data-state') ?? null;
  const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  /** Resolves with the time 'ready()' first holds (checked on every DOM change), or null after 'timeoutMs'. */
  const whenDom = (ready, timeoutMs) => new Promise((resolve) => {
    if (ready()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      finish(performance.now());
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(at) {
      clearTimeout(timer);
      observer.disconnect();
      resolve(at);
    }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const drawn = async (selector) => {
    const dom = await whenDom(() => document.querySelector(selector) !== null, 60000);
    if (dom === null) throw new Error('not shown in 60 s: ' + selector);
    await afterFrame();
    return performance.now();
  };

  window.__fieldCaptureBench = {
    /**
     * From a trial's screen: opens its first study, which opens in the grid (the way of working
     * chosen last); then the list and back to the grid; then selects a plot in the grid.
     */
    async openStudy() {
      performance.clearResourceTimings();
      const start = performance.now();
      document.querySelector('table.list-table tbody a').click();
      const gridAt = await drawn('[data-testid="plot-grid"]');
      const answers = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/invoke')).map((e) => e.responseEnd);
      const dataAt = answers.length > 0 ? Math.max(...answers) : start;
      const listClick = performance.now();
      document.querySelector('[data-testid="view-list"]').click();
      const listAt = await drawn('[data-testid="plot-table"]');
      const gridClick = performance.now();
      document.querySelector('[data-testid="view-grid"]').click();
      const gridAgainAt = await drawn('[data-testid="plot-grid"]');
      const cells = [...document.querySelectorAll('[data-testid^="grid-cell-"]')];
      const shown = plotText();
      const cell = cells.find((c, i) => i >= 2 && c.getAttribute('data-testid').slice('grid-cell-'.length) !== shown);
      const wanted = cell.getAttribute('data-testid').slice('grid-cell-'.length);
      const inputAt = performance.now();
      cell.click();
      if ((await whenDom(() => plotText() === wanted, 10000)) === null) throw new Error('the clicked plot ' + wanted + ' was not shown');
      await afterFrame();
      return {
        grid: gridAt - start,
        gridAfterData: gridAt - Math.max(start, dataAt),
        listSwitch: listAt - listClick,
        gridSwitch: gridAgainAt - gridClick,
        firstInput: performance.now() - inputAt,
        cells: cells.length,
      };
    },

    /**
     * Watches the next Enter pressed in the page (the real key event Playwright sends) until another
     * plot is shown, or (unless 'nextPlotOnly') the entry is saved; 'result' then holds a promise of the timing.
     */
    armEnter(nextPlotOnly) {
      // Emptied for each key press: the buffer holds only so many entries, and a save makes several calls.
      performance.clearResourceTimings();
      const from = plotText();
      let keyAt = null;
      const onKey = (event) => {
        if (event.key !== 'Enter' || keyAt !== null) return;
        const now = performance.now();
        // The event's own time stamp when it is a sane one: it includes the wait in the input queue.
        keyAt = event.timeStamp > 0 && event.timeStamp <= now && now - event.timeStamp < 1000 ? event.timeStamp : now;
      };
      window.addEventListener('keydown', onKey, true);
      const outcome = () => (keyAt === null ? null : plotText() !== from ? 'next-plot' : !nextPlotOnly && entryState() === 'saved' ? 'saved' : null);
      this.result = (async () => {
        const dom = await whenDom(() => outcome() !== null, 10000);
        const seen = outcome() ?? 'timeout';
        if (dom !== null) await afterFrame();
        window.removeEventListener('keydown', onKey, true);
        const end = performance.now();
        const calls = performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/invoke') && keyAt !== null && e.startTime >= keyAt)
          .sort((a, b) => a.startTime - b.startTime);
        const call = calls[0];
        return {
          call: call && call.responseEnd > 0 ? call.responseEnd - call.startTime : NaN,
          afterCall: call && call.responseEnd > 0 && dom !== null ? dom - call.responseEnd : NaN,
          dom: dom === null ? NaN : dom - keyAt,
          drawn: dom === null ? NaN : end - keyAt,
          outcome: seen,
          plot: plotText(),
          state: entryState(),
        };
      })();
      return true;
    },
  };
})();
`;
