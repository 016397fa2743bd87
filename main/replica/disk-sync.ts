import { open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * PGlite (Postgres compiled to WASM) writes its WAL with pwrite but never calls fsync: its
 * emulated file system has no fsync. Without help, a power cut can lose commits the UI called
 * saved. WalSync closes that gap: after every commit it fdatasyncs the WAL segment that holds the
 * commit record (and, when the WAL moved to new segments, those segments and the pg_wal folder).
 */
const segmentName = /^[0-9A-F]{24}$/;

export class WalSync {
  private current: { name: string; handle: FileHandle } | null = null;

  constructor(private readonly walDir: string) {}

  /** Makes every WAL byte up to and including segment `name` durable. */
  async syncThrough(name: string): Promise<void> {
    if (this.current?.name === name) {
      await this.current.handle.datasync();
      return;
    }
    const previous = this.current?.name ?? '';
    const names = (await readdir(this.walDir)).filter((n) => segmentName.test(n) && n >= previous && n <= name);
    for (const segment of names.sort()) {
      if (segment === name) continue;
      await syncFile(join(this.walDir, segment));
    }
    await this.current?.handle.close();
    const handle = await open(join(this.walDir, name), 'r');
    this.current = { name, handle };
    await handle.datasync();
    await syncFile(this.walDir);
  }

  async close(): Promise<void> {
    await this.current?.handle.close();
    this.current = null;
  }
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs every file and folder below `dir` (after a checkpoint or a clean close). */
export async function syncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(path);
    else if (entry.isFile()) await syncFile(path);
  }
  await syncFile(dir);
}
