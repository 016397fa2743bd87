import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { StationSummary } from '../../common/api-contract';
import { syncFile } from '../replica/disk-sync';

/**
 * Each station is one folder under `<data folder>/stations/<tenant id>/`: a `station.json`
 * describing it and the replica's database beside it.
 */
const stationFileSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  origin: z.enum(['demo', 'local']),
  createdAt: z.string(),
});

export function stationsFolder(dataFolder: string): string {
  return join(dataFolder, 'stations');
}

export function stationFolder(dataFolder: string, stationId: string): string {
  return join(stationsFolder(dataFolder), stationId);
}

export async function readStationFiles(dataFolder: string): Promise<{ stations: StationSummary[]; unreadable: string[] }> {
  const root = stationsFolder(dataFolder);
  await mkdir(root, { recursive: true });
  const stations: StationSummary[] = [];
  const unreadable: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(join(root, entry.name, 'station.json'), 'utf8').catch(() => null);
    const parsed = text === null ? null : stationFileSchema.safeParse(safeJson(text));
    if (parsed?.success) stations.push(parsed.data);
    else unreadable.push(entry.name);
  }
  stations.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { stations, unreadable };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Writes station.json atomically and durably (temp file, fsync, rename, fsync folder). */
export async function writeStationFile(dataFolder: string, station: StationSummary): Promise<void> {
  const folder = stationFolder(dataFolder, station.id);
  await mkdir(folder, { recursive: true });
  const target = join(folder, 'station.json');
  const temp = `${target}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(station, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  await syncFile(folder);
}
