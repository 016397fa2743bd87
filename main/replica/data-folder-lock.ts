import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../common/errors';

/**
 * One process at a time per station folder: two PGlite instances on one data folder corrupt it.
 * The lock file holds the owner's pid; a lock whose owner is gone (crash, kill) is taken over.
 * Created with link(2), which fails if the file exists, so two starters cannot both win.
 */
export interface FolderLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockFolder(dir: string): Promise<FolderLock> {
  const lockPath = join(dir, 'replica.lock');
  const candidate = `${lockPath}.${process.pid}`;
  await writeFile(candidate, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(candidate, lockPath);
        return { release: () => unlink(lockPath).catch(() => undefined) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
        if (owner === process.pid || (Number.isInteger(owner) && owner > 0 && isAlive(owner))) {
          throw new AppError(
            'conflict',
            'This station is already open in another Field Station window. Close that window, then try again.',
            { problem: 'locked', ownerPid: owner },
          );
        }
        await unlink(lockPath).catch(() => undefined);
      }
    }
    throw new AppError('conflict', 'Could not lock the station folder. Close other Field Station windows, then try again.');
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
}
