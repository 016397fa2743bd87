import { createApiClient, type ApiClient } from './api-client';
import { createBridgeTransport, findBridge } from './bridge-transport';
import { createWebTransport } from './web-transport';

/**
 * The renderer's one way to the services: the Electron bridge when the preload provided it,
 * otherwise web mode over loopback HTTP (which takes the launch token out of the address bar).
 */
function pickTransport() {
  const bridge = findBridge();
  return bridge ? createBridgeTransport(bridge) : createWebTransport();
}

export const api: ApiClient = createApiClient(pickTransport());
export { ApiCallError } from './api-call-error';
