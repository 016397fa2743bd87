import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { BridgeEventChannel, BridgeInvokeChannel } from '../../common/bridge-types';
import { toAppError, type Result } from '../../common/errors';
import type { Registry } from '../api/handler-registry';
import type { AppServices } from '../app-services';
import type { Logger } from '../logger';
import { isTrustedRendererUrl, type TrustedUrlOptions } from '../security/trusted-url';

/**
 * The desktop edge of the contract: one invoke channel into the registry, one event channel out.
 * The sender's URL is checked here on every call; the registry then checks the method and its
 * arguments. Handlers never see the IPC event.
 */

const invokeChannel: BridgeInvokeChannel = 'field-station:invoke';
const eventChannel: BridgeEventChannel = 'field-station:event';

export interface IpcOptions {
  services: AppServices;
  registry: Registry;
  trust: TrustedUrlOptions;
  logger: Logger;
  /** The window whose renderer receives service events, if one is open. */
  currentWindow: () => BrowserWindow | null;
}

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This page is not part of Field Station, so it cannot reach your data.' },
};

/** The URL of the frame that sent the call; null when the frame is gone (reading a disposed frame throws). */
function senderUrlOf(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/** Registers the invoke handler and starts forwarding events; returns a function that undoes both. */
export function registerIpc(options: IpcOptions): () => void {
  const { services, registry, trust, logger } = options;

  ipcMain.handle(invokeChannel, async (event, method: unknown, args: unknown): Promise<Result<unknown>> => {
    const senderUrl = senderUrlOf(event);
    if (senderUrl === null || !isTrustedRendererUrl(senderUrl, trust)) {
      logger.warn({ senderUrl, method: typeof method === 'string' ? method.slice(0, 80) : typeof method }, 'refused a call from an untrusted page');
      return forbidden;
    }
    try {
      return await registry.invoke(method, args, { services });
    } catch (error) {
      logger.error({ err: error }, 'invoke failed outside its handler');
      return { ok: false, error: toAppError(error).toPayload() };
    }
  });

  const unsubscribe = services.events.subscribe((name, payload) => {
    const window = options.currentWindow();
    if (!window || window.isDestroyed()) return;
    const contents = window.webContents;
    // Navigation away from the app is blocked; this is the second lock on the door.
    if (!isTrustedRendererUrl(contents.getURL(), trust)) return;
    contents.send(eventChannel, name, payload);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(invokeChannel);
  };
}
