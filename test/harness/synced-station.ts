import type { SyncStatus } from '../../common/api-contract';
import { createEnrolmentCode } from '../../sync-server/admin-operations';
import { loadDemoData } from '../../main/demo/demo-data';
import type { StationSession } from '../../main/stations/station-session';
import { plainSecretBox } from '../../main/sync/secret-box';
import { SyncEngine } from '../../main/sync/sync-engine';
import { connectStation, readConnection } from '../../main/sync/station-sync';
import { openLocalStation, quietLogger } from './local-station';
import type { SyncServerHarness } from './sync-server-harness';
import { makeTempFolder } from './temp-folder';

/** A station on its own "computer" (data folder) that can enrol with the test server and sync. */
export class SyncedStation {
  statuses: SyncStatus[] = [];

  private constructor(
    readonly folder: { path: string; remove: () => Promise<void> },
    public session: StationSession,
  ) {}

  static async create(name: string, options: { demo?: boolean } = {}): Promise<SyncedStation> {
    const folder = await makeTempFolder(name);
    const session = await openLocalStation(folder.path);
    if (options.demo) await loadDemoData(session, { seed: 7 });
    return new SyncedStation(folder, session);
  }

  /**
   * Enrols with a code issued for `userId` (and for `stationIds` only, when given) and reopens the
   * station under its new identity.
   */
  async connect(harness: SyncServerHarness, tenantId: string, userId: string, stationIds?: string[]): Promise<{ queued: number }> {
    const { code } = await createEnrolmentCode(harness.owner, { tenantId, userId, stationIds: stationIds ?? null });
    const result = await connectStation(this.session, { serverUrl: harness.baseUrl, code, deviceName: 'Test laptop' }, plainSecretBox);
    const station = this.session.station;
    await this.session.close();
    this.session = await openLocalStation(this.folder.path, station);
    return result;
  }

  /** One full sync round (push everything pending, pull everything new), as the engine runs it. */
  async sync(): Promise<void> {
    const connection = await readConnection(this.session);
    if (!connection) throw new Error('station is not connected');
    const engine = new SyncEngine(
      this.session,
      { baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) },
      { logger: quietLogger, onStatus: (status) => this.statuses.push(status) },
    );
    await engine.syncOnce();
  }

  async close(): Promise<void> {
    await this.session.close();
    await this.folder.remove();
  }
}
