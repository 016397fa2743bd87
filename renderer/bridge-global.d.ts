import type { FieldStationBridge } from '../common/bridge-types';

declare global {
  interface Window {
    /** Exposed by the desktop preload; absent in web mode (see renderer/api/api.ts). */
    fieldStation?: FieldStationBridge;
  }
}
