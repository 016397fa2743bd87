import { session } from 'electron';
import type { Logger } from '../logger';
import { isTrustedRendererUrl, type TrustedUrlOptions } from '../security/trusted-url';

/**
 * Web permissions (camera, geolocation, notifications, devices...) are denied unless listed in
 * `grants` below, and a listed one is granted only to the renderer's own pages.
 */

type MediaType = 'video' | 'audio';

/** A permission the renderer may be granted. `media` covers camera (`video`) and microphone (`audio`). */
type PermissionGrant = { permission: 'media'; mediaTypes: readonly MediaType[] };

/**
 * Empty: nothing is granted today. Photos from the camera will add
 * `{ permission: 'media', mediaTypes: ['video'] }` here.
 */
const grants: readonly PermissionGrant[] = [];

interface PermissionQuery {
  permission: string;
  requestingUrl: string | undefined;
  /** For `media`: the kinds of device asked for; unknown kinds are refused. */
  mediaTypes: readonly string[];
}

function isGranted(query: PermissionQuery, trust: TrustedUrlOptions): boolean {
  if (query.requestingUrl === undefined || !isTrustedRendererUrl(query.requestingUrl, trust)) return false;
  const grant = grants.find((candidate) => candidate.permission === query.permission);
  if (!grant) return false;
  const allowedTypes: readonly string[] = grant.mediaTypes;
  return query.mediaTypes.length > 0 && query.mediaTypes.every((type) => allowedTypes.includes(type));
}

/** Installs the deny-by-default policy on the default session; call once the app is ready. */
export function installPermissionPolicy(trust: TrustedUrlOptions, logger: Logger): void {
  const ses = session.defaultSession;

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const granted = isGranted({ permission, requestingUrl: details.requestingUrl, mediaTypes }, trust);
    if (!granted) logger.info({ permission, requestingUrl: details.requestingUrl }, 'denied a permission request');
    callback(granted);
  });

  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => {
    const mediaTypes = details.mediaType === undefined ? [] : [details.mediaType];
    return isGranted({ permission, requestingUrl: details.requestingUrl, mediaTypes }, trust);
  });

  // USB, serial and HID devices: none, ever.
  ses.setDevicePermissionHandler(() => false);
}
