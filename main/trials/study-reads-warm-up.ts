import type { Logger } from '../logger';
import type { Replica } from '../replica/replica';
import { listPlotsWithLatest } from './trial-queries';

/** Long enough for the trials list, which the person sees first, to be read before it. */
const startAfterMs = 0;

/**
 * Reads the station's largest study's plots once, soon after the station opens, and throws the
 * answer away. The replica's first run of that query is about 100 ms slower than the next ones
 * (the database engine compiles its code paths as it goes), so this is paid while the person is
 * still choosing a trial, not when their study opens. Stopping it waits for a read in progress.
 */
export function warmUpStudyReads(replica: Replica, logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const timer = setTimeout(() => {
    running = (async () => {
      const started = performance.now();
      const [largest] = await replica.query<{ study_id: string; plots: number }>(
        `SELECT study_id, count(*)::int AS plots FROM observation_units WHERE NOT deleted GROUP BY study_id ORDER BY plots DESC LIMIT 1`,
      );
      if (!largest || stopped) return;
      await listPlotsWithLatest(replica, largest.study_id);
      logger.debug({ plots: largest.plots, ms: Math.round(performance.now() - started) }, 'study reads warmed up');
    })().catch((error: unknown) => {
      if (!stopped) logger.warn({ err: error }, 'warming up the study reads failed (nothing is lost; the first study opens a little slower)');
    });
  }, startAfterMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
