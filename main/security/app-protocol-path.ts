import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseAppProtocolUrl } from './trusted-url';

/**
 * Maps a request on the app protocol to a file of the built renderer, or null when the request is
 * not for `app://field-station/` or would reach outside `rootDir`. Pure: it never touches the disk,
 * so a null or a path of a missing file both end as a 404 in the protocol handler.
 *
 * The path is percent-decoded exactly once; whatever a second decoding would produce stays a
 * literal file name. Backslashes and NUL bytes are refused outright (a separator on Windows, a
 * truncation in native code), and the containment check runs on the resolved path.
 */
export function resolveAppProtocolPath(requestUrl: string, rootDir: string): string | null {
  const url = parseAppProtocolUrl(requestUrl);
  if (!url) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding such as `%E0%A4%A`
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;

  const requested = decoded === '' || decoded === '/' ? 'index.html' : decoded.replace(/^\//, '');
  if (isAbsolute(requested)) return null;

  const root = resolve(rootDir);
  const file = resolve(root, requested);
  const inside = relative(root, file);
  if (inside === '' || isAbsolute(inside) || inside === '..' || inside.startsWith(`..${sep}`)) return null;
  return file;
}
