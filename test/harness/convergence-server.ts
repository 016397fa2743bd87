// The sync server of the convergence scenarios, restartable in place: close the running instance
// and start a new one on the same port, as an operator's restart (or a crash and restart) would.
import { createSyncServer, type SyncServer } from '../../sync-server/create-server';
import type { SyncServerHarness } from './sync-server-harness';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RestartableServer {
  restarts = 0;
  private restarting: Promise<void> | null = null;

  private constructor(
    private current: SyncServer,
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  /** Takes over the harness's running server. */
  static adopt(harness: SyncServerHarness): RestartableServer {
    return new RestartableServer(harness.server, Number(new URL(harness.baseUrl).port), harness.central.appUrl);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Closes the server (cutting open connections) and starts a new one on the same port. */
  restart(): Promise<void> {
    this.restarting ??= this.replace().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  /** Resolves once no restart is under way. */
  async settled(): Promise<void> {
    await this.restarting;
  }

  async close(): Promise<void> {
    await this.settled();
    await this.current.close();
  }

  private async replace(): Promise<void> {
    await this.current.close();
    this.current = await createSyncServer({ databaseUrl: this.databaseUrl, logLevel: 'silent' });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.current.app.listen({ host: '127.0.0.1', port: this.port });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(25);
      }
    }
    this.restarts += 1;
  }
}
