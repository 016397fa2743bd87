import { BrowserWindow, shell, type WebContents } from 'electron';
import type { Logger } from '../logger';
import { appEntryUrl, isExternalWebUrl, isTrustedRendererUrl, type TrustedUrlOptions } from '../security/trusted-url';

/**
 * The one app window: sandboxed, context-isolated, no Node in the renderer, and held to the
 * renderer's own pages. Links to the web open in the system browser; nothing opens a new window.
 */

export interface MainWindowOptions {
  preloadPath: string;
  trust: TrustedUrlOptions;
  logger: Logger;
}

/** Keeps `contents` on trusted pages: blocks other navigations and redirects, new windows and webviews. */
function confineToApp(contents: WebContents, trust: TrustedUrlOptions, logger: Logger): void {
  const refuseUntrusted = (event: { preventDefault(): void }, url: string, what: string): void => {
    if (isTrustedRendererUrl(url, trust)) return;
    event.preventDefault();
    logger.warn({ url }, `blocked a ${what} away from the app`);
  };
  contents.on('will-navigate', (event) => refuseUntrusted(event, event.url, 'navigation'));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseUntrusted(event, event.url, 'frame navigation');
  });
  contents.on('will-redirect', (event) => refuseUntrusted(event, event.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => logger.warn({ err: error, url }, 'could not open a link in the browser'));
    } else {
      logger.warn({ url }, 'blocked a new window');
    }
    return { action: 'deny' };
  });
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Field Station',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: options.preloadPath,
    },
  });
  confineToApp(window.webContents, options.trust, options.logger);
  window.once('ready-to-show', () => window.show());

  const startUrl = options.trust.devServerUrl || appEntryUrl;
  window.loadURL(startUrl).catch((error: unknown) => {
    options.logger.error({ err: error, startUrl }, 'the app window could not load its page');
  });
  return window;
}
