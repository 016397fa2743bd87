import type { StationSummary } from '../../common/api-contract';
import { newId } from '../../common/ids';
import type { Logger } from '../logger';
import { stationFolder, writeStationFile } from '../stations/station-files';
import { StationSession } from '../stations/station-session';
import { loadDemoData, type DemoDataOptions, type DemoDataReport } from './demo-data';

export interface GenerateStationOptions extends DemoDataOptions {
  dataFolder: string;
  name: string;
  logger: Logger;
}

export interface GeneratedStation {
  station: StationSummary;
  /** The open session; the caller closes it. */
  session: StationSession;
  report: DemoDataReport;
}

/**
 * Creates a new station in a data folder the way the app does (station.json, then a fresh replica
 * with its own identity) and fills it with generated data of the requested size.
 */
export async function generateStation(options: GenerateStationOptions): Promise<GeneratedStation> {
  const { dataFolder, name, logger, ...demo } = options;
  const station: StationSummary = { id: newId(), name, origin: 'demo', createdAt: new Date().toISOString() };
  await writeStationFile(dataFolder, station);
  const session = await StationSession.open(stationFolder(dataFolder, station.id), station, { logger });
  try {
    return { station, session, report: await loadDemoData(session, demo) };
  } catch (error) {
    await session.close();
    throw error;
  }
}
