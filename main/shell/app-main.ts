import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, type BrowserWindow } from 'electron';
import { createAppRegistry } from '../api/handlers';
import { AppServices } from '../app-services';
import { defaultDataFolder } from '../data-folder';
import { createLogger } from '../logger';
import type { TrustedUrlOptions } from '../security/trusted-url';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol';
import { registerIpc } from './ipc';
import { keychainSecretBox } from './keychain-secret-box';
import { installPermissionPolicy } from './permissions';
import { createMainWindow } from './window';

/**
 * The desktop entry (built to out/main/index.js): one instance, one window, the services behind
 * the IPC bridge, and a clean close of the open station's replica before the app quits.
 */
const logger = createLogger('field-station-desktop');
const outMainDir = dirname(fileURLToPath(import.meta.url));
const paths = { preload: join(outMainDir, '../preload/index.cjs'), renderer: join(outMainDir, '../renderer') };
// electron-vite sets the dev server address in `electron-vite dev`; a packaged app never trusts it.
const trust: TrustedUrlOptions = { devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'] };

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
let shutdown: Promise<void> | null = null;
let shutDown = false;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({ preloadPath: paths.preload, trust, logger });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  services = new AppServices({
    dataFolder: defaultDataFolder(),
    mode: 'desktop',
    version: app.getVersion(),
    logger,
    secretBox: keychainSecretBox(),
  });
  handleAppProtocol(paths.renderer, logger);
  installPermissionPolicy(trust, logger);
  registerIpc({ services, registry: createAppRegistry(logger), trust, logger, currentWindow: () => mainWindow });
  showWindow();
}

/** Closes the open station once, however many quit paths ask for it. */
function shutdownOnce(): Promise<void> {
  shutdown ??= (services?.shutdown() ?? Promise.resolve())
    .catch((error: unknown) => logger.error({ err: error }, 'the station did not close cleanly'))
    .finally(() => {
      shutDown = true;
    });
  return shutdown;
}

function quitAfterShutdown(): void {
  void shutdownOnce().then(() => app.quit());
}

if (!app.requestSingleInstanceLock()) {
  // Another Field Station is running; it brings its window forward (see 'second-instance').
  app.quit();
} else {
  registerAppSchemePrivileges();
  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    quitAfterShutdown();
  });
  app.on('window-all-closed', quitAfterShutdown);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.fatal({ err: error }, 'Field Station could not start');
      dialog.showErrorBox('Field Station could not start', `${error instanceof Error ? error.message : String(error)}\n\nTry starting it again.`);
      app.exit(1);
    });
}
