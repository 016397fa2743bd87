/**
 * Which addresses the desktop shell trusts to hold the renderer: the app's own custom protocol
 * (`app://field-station/...`) and, in development only, the exact origin of the dev server. Every
 * check parses with `new URL()`; a string prefix check would trust `app://field-station.evil/`.
 * Pure (no electron), so the rules are unit-tested and shared by navigation, IPC and permissions.
 */

export const appProtocolScheme = 'app';
export const appProtocolHost = 'field-station';
/** Where the production renderer is loaded from. */
export const appEntryUrl = `${appProtocolScheme}://${appProtocolHost}/index.html`;

export interface TrustedUrlOptions {
  /** The dev server's address (electron-vite's ELECTRON_RENDERER_URL); leave unset in a packaged app. */
  devServerUrl?: string | undefined;
}

/** True if `value` holds ASCII whitespace or control characters, which `new URL()` strips or skips silently. */
function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Parses a URL as written, refusing strings that the parser would first have to clean up. */
function parseStrict(value: string): URL | null {
  if (typeof value !== 'string' || hasControlOrSpace(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function hasUserInfo(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** The parsed URL if `value` is `app://field-station/...` exactly (that scheme, that host, no port, no user info), else null. */
export function parseAppProtocolUrl(value: string): URL | null {
  const url = parseStrict(value);
  return url !== null && isAppProtocol(url) ? url : null;
}

function isAppProtocol(url: URL): boolean {
  return url.protocol === `${appProtocolScheme}:` && url.host === appProtocolHost && !hasUserInfo(url);
}

function devServerOrigin(devServerUrl: string | undefined): string | null {
  if (!devServerUrl) return null;
  const url = parseStrict(devServerUrl);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || hasUserInfo(url)) return null;
  return url.origin;
}

/**
 * True only when `value` is a page of the renderer: the app protocol, or the same origin as the
 * dev server when one is given. Malformed strings and every other scheme (`javascript:`, `file:`,
 * `data:`, remote sites) are refused.
 */
export function isTrustedRendererUrl(value: string, options: TrustedUrlOptions = {}): boolean {
  const url = parseStrict(value);
  if (!url) return false;
  if (isAppProtocol(url)) return true;
  const devOrigin = devServerOrigin(options.devServerUrl);
  return devOrigin !== null && !hasUserInfo(url) && url.origin === devOrigin;
}

/** Links the shell may hand to the system browser: plain http(s) addresses without user info. */
export function isExternalWebUrl(value: string): boolean {
  const url = parseStrict(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !hasUserInfo(url);
}
