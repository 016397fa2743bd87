import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp folder, and a way to remove it. */
export async function makeTempFolder(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `field-station-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
