import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiEventNames, apiMethodNames, type ApiEvent } from '../common/api-methods';
import type { BridgeEventChannel, BridgeInvokeChannel, FieldStationBridge, FieldStationMethods } from '../common/bridge-types';

/**
 * The desktop bridge: one function per API method over a single invoke channel, and `on` for
 * service events. It checks nothing the main process does not check again (sender URL, method,
 * arguments); it only keeps `ipcRenderer` and raw IPC events out of the renderer's reach.
 * Bundled as one CommonJS file, as a sandboxed preload must be.
 */

const invokeChannel: BridgeInvokeChannel = 'field-station:invoke';
const eventChannel: BridgeEventChannel = 'field-station:event';

function isApiEvent(name: unknown): name is ApiEvent {
  return typeof name === 'string' && (apiEventNames as readonly string[]).includes(name);
}

type Callback = (payload: unknown) => void;
const callbacks = new Map<ApiEvent, Set<Callback>>(apiEventNames.map((name) => [name, new Set<Callback>()]));

// One listener for all subscriptions; the renderer only ever sees the payload.
ipcRenderer.on(eventChannel, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isApiEvent(name)) return;
  for (const callback of callbacks.get(name) ?? []) {
    try {
      callback(payload);
    } catch (error) {
      queueMicrotask(() => {
        throw error; // report it like any uncaught renderer error, without stopping the other listeners
      });
    }
  }
});

// ipcRenderer.invoke resolves to whatever the main handler returned: the Result envelope, as is.
const methods = Object.fromEntries(
  apiMethodNames.map((name) => [name, (args: unknown) => ipcRenderer.invoke(invokeChannel, name, args)]),
) as FieldStationMethods; // Object.fromEntries cannot type a mapped object; the keys are exactly apiMethodNames.

const bridge: FieldStationBridge = {
  ...methods,
  on(eventName, callback) {
    if (!isApiEvent(eventName)) throw new Error(`Field Station has no event named ${String(eventName)}.`);
    if (typeof callback !== 'function') throw new TypeError('on(eventName, callback) needs a callback function.');
    const listeners = callbacks.get(eventName);
    // The main process sends each event name with its own payload type (see ApiEvents).
    const listener: Callback = (payload) => callback(payload as Parameters<typeof callback>[0]);
    listeners?.add(listener);
    return () => {
      listeners?.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('fieldStation', bridge);
