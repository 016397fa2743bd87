import { rm } from 'node:fs/promises';
import type { StationSummary, SyncStatus } from '../common/api-contract';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { EventBus } from './api/event-bus';
import type { Logger } from './logger';
import { loadDemoData } from './demo/demo-data';
import { readStationFiles, stationFolder, writeStationFile } from './stations/station-files';
import { StationSession } from './stations/station-session';
import { plainSecretBox, type SecretBox } from './sync/secret-box';
import type { SyncEngine } from './sync/sync-engine';
import type { SyncServerAddress } from './sync/sync-http-client';
import { connectStation, notConnected, startSync } from './sync/station-sync';
import { warmUpStudyReads } from './trials/study-reads-warm-up';

export interface AppServicesOptions {
  dataFolder: string;
  mode: 'desktop' | 'web';
  version: string;
  logger: Logger;
  /** Seals the sync token at rest; the desktop shell passes one backed by the OS keychain. */
  secretBox?: SecretBox;
}

/**
 * The services behind the contract, the same in the Electron shell, in web mode and in tests.
 * One station (one replica) is open at a time.
 */
export class AppServices {
  readonly events = new EventBus();
  private session: StationSession | null = null;
  private opening: Promise<StationSession> | null = null;
  private sync: SyncEngine | null = null;
  private warmUp: { stop(): Promise<void> } | null = null;
  private syncStatus: SyncStatus = notConnected;

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

  async listStations(): Promise<{ stations: StationSummary[]; unreadableFolders: string[] }> {
    const { stations, unreadable } = await readStationFiles(this.options.dataFolder);
    if (unreadable.length > 0) this.logger.warn({ unreadable }, 'station folders without a readable station.json');
    return { stations, unreadableFolders: unreadable.map((name) => stationFolder(this.options.dataFolder, name)) };
  }

  async createStation(name: string, origin: StationSummary['origin']): Promise<StationSummary> {
    const station: StationSummary = { id: newId(), name, origin, createdAt: new Date().toISOString() };
    await writeStationFile(this.options.dataFolder, station);
    const session = await this.switchTo(station);
    if (origin === 'demo') {
      try {
        await loadDemoData(session, { seed: 1 });
      } catch (error) {
        // Leave no half-made demo behind: it holds nothing the user made.
        await this.closeStation();
        await rm(stationFolder(this.options.dataFolder, station.id), { recursive: true, force: true });
        throw error;
      }
    }
    this.events.emit('data:changed', { tables: ['*'] });
    return station;
  }

  async openStationById(stationId: string): Promise<StationSummary> {
    if (this.session?.station.id === stationId) return this.session.station;
    const station = (await this.listStations()).stations.find((s) => s.id === stationId);
    if (!station) throw new AppError('not-found', 'That station is not on this computer any more. Choose another one.');
    return (await this.switchTo(station)).station;
  }

  get currentSyncStatus(): SyncStatus {
    return this.syncStatus;
  }

  /** Enrols this device with the server and makes the open station part of its tenant. */
  async connectToServer(serverUrl: string, code: string): Promise<SyncStatus> {
    const session = this.requireSession();
    const deviceName = `${session.station.name} (${process.platform})`;
    await connectStation(session, { serverUrl, code, deviceName }, this.secretBox);
    await this.switchTo(session.station);
    return this.syncStatus;
  }

  /** The connected server's address and token, or null when the station is not connected. */
  get syncAddress(): SyncServerAddress | null {
    return this.sync?.address ?? null;
  }

  async syncNow(): Promise<SyncStatus> {
    this.requireSession();
    if (this.sync && !this.sync.isRunning) this.sync.start();
    else this.sync?.nudge();
    return this.syncStatus;
  }

  private get secretBox(): SecretBox {
    return this.options.secretBox ?? plainSecretBox;
  }

  private setSyncStatus(status: SyncStatus): void {
    this.syncStatus = status;
    this.events.emit('sync:status', status);
  }

  private async startStationSync(session: StationSession): Promise<void> {
    try {
      this.sync = await startSync(session, this.secretBox, { logger: this.logger, onStatus: (status) => this.setSyncStatus(status) });
      if (!this.sync) this.setSyncStatus(notConnected);
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'Sync could not start. Your work is kept on this computer.';
      this.setSyncStatus({ ...notConnected, state: 'error', error: message });
    }
  }

  async closeStation(): Promise<void> {
    const session = this.session;
    const sync = this.sync;
    const warmUp = this.warmUp;
    this.session = null;
    this.sync = null;
    this.warmUp = null;
    await warmUp?.stop();
    await sync?.stop();
    await session?.close();
    this.setSyncStatus(notConnected);
    this.events.emit('app:status', { openStationId: null });
  }

  private async switchTo(station: StationSummary): Promise<StationSession> {
    if (this.opening) await this.opening.catch(() => undefined);
    await this.closeStation();
    this.opening = StationSession.open(stationFolder(this.options.dataFolder, station.id), station, {
      logger: this.logger,
      onCommitted: (tables) => this.events.emit('data:changed', { tables }),
      onLocalChange: () => this.sync?.nudge(),
    });
    try {
      this.session = await this.opening;
    } finally {
      this.opening = null;
    }
    this.warmUp = warmUpStudyReads(this.session.replica, this.logger);
    this.events.emit('app:status', { openStationId: station.id });
    await this.startStationSync(this.session);
    return this.session;
  }

  async shutdown(): Promise<void> {
    await this.closeStation();
  }
}
