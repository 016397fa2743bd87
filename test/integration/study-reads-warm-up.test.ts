import { afterEach, describe, expect, it } from 'vitest';
import { warmUpStudyReads } from '../../main/trials/study-reads-warm-up';
import type { Logger } from '../../main/logger';
import { openLocalStation, quietLogger, seedMinimalStudy } from '../harness/local-station';
import { makeTempFolder } from '../harness/temp-folder';

/** A logger that keeps what the warm-up says (pino's child loggers and levels are not needed here). */
function listeningLogger(): { logger: Logger; said: { level: string; message: string }[] } {
  const said: { level: string; message: string }[] = [];
  const keep = (level: string) => (_fields: unknown, message: string) => said.push({ level, message });
  const logger = new Proxy(quietLogger, {
    get: (target, name) => (name === 'debug' || name === 'warn' || name === 'info' || name === 'error' ? keep(String(name)) : Reflect.get(target, name)),
  });
  return { logger, said };
}

describe('warming up the study reads when a station opens', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reads the largest study once in the background, and the station closes cleanly after it', async () => {
    const folder = await makeTempFolder('warm-up');
    cleanups.push(folder.remove);
    const session = await openLocalStation(folder.path);
    await seedMinimalStudy(session);
    const { logger, said } = listeningLogger();
    const warmUp = warmUpStudyReads(session.replica, logger);
    await expect.poll(() => said.map((s) => s.message), { timeout: 10_000 }).toContain('study reads warmed up');
    await warmUp.stop();
    await session.close();
    expect(said.filter((s) => s.level === 'warn' || s.level === 'error')).toEqual([]);
  });
});
