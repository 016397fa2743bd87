import type { StationSummary } from '../common/api-contract';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { EventBus } from './api/event-bus';
import type { Logger } from './logger';
import { loadDemoData } from './demo/demo-data';
import { readStationFiles, stationFolder, writeStationFile } from './stations/station-files';
import { StationSession } from './stations/station-session';

export interface AppServicesOptions {
  dataFolder: string;
  mode: 'desktop' | 'web';
  version: string;
  logger: Logger;
}

/**
 * The services behind the contract, the same in the Electron shell, in web mode and in tests.
 * One station (one replica) is open at a time.
 */
export class AppServices {
  readonly events = new EventBus();
  private session: StationSession | null = null;
  private opening: Promise<StationSession> | null = null;

  constructor(readonly options: AppServicesOptions) {}

  get logger(): Logger {
    return this.options.logger;
  }

  get openStation(): StationSummary | null {
    return this.session?.station ?? null;
  }

  /** The open station, or a clear error telling the user to open one. */
  requireSession(): StationSession {
    if (!this.session) throw new AppError('conflict', 'No station is open. Choose a station on the start screen first.');
    return this.session;
  }

  async listStations(): Promise<StationSummary[]> {
    const { stations, unreadable } = await readStationFiles(this.options.dataFolder);
    if (unreadable.length > 0) this.logger.warn({ unreadable }, 'station folders without a readable station.json');
    return stations;
  }

  async createStation(name: string, origin: StationSummary['origin']): Promise<StationSummary> {
    const station: StationSummary = { id: newId(), name, origin, createdAt: new Date().toISOString() };
    await writeStationFile(this.options.dataFolder, station);
    const session = await this.switchTo(station);
    if (origin === 'demo') await loadDemoData(session, { seed: 1 });
    this.events.emit('data:changed', { tables: ['*'] });
    return station;
  }

  async openStationById(stationId: string): Promise<StationSummary> {
    if (this.session?.station.id === stationId) return this.session.station;
    const station = (await this.listStations()).find((s) => s.id === stationId);
    if (!station) throw new AppError('not-found', 'That station is not on this computer any more. Choose another one.');
    return (await this.switchTo(station)).station;
  }

  async closeStation(): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.close();
    this.events.emit('app:status', { openStationId: null });
  }

  private async switchTo(station: StationSummary): Promise<StationSession> {
    if (this.opening) await this.opening.catch(() => undefined);
    await this.closeStation();
    this.opening = StationSession.open(stationFolder(this.options.dataFolder, station.id), station, {
      logger: this.logger,
      onCommitted: (tables) => this.events.emit('data:changed', { tables }),
    });
    try {
      this.session = await this.opening;
    } finally {
      this.opening = null;
    }
    this.events.emit('app:status', { openStationId: station.id });
    return this.session;
  }

  async shutdown(): Promise<void> {
    await this.closeStation();
  }
}
