import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppProtocolPath } from './app-protocol-path';

const root = resolve('/opt/field-station/out/renderer');
const at = (url: string): string | null => resolveAppProtocolPath(url, root);

function isInsideRoot(file: string | null): boolean {
  return file !== null && file.startsWith(root + sep);
}

describe('resolveAppProtocolPath', () => {
  it('serves index.html for the root', () => {
    expect(at('app://field-station/')).toBe(join(root, 'index.html'));
    expect(at('app://field-station')).toBe(join(root, 'index.html'));
  });

  it('maps a path to the file of the same name inside the renderer folder', () => {
    expect(at('app://field-station/index.html')).toBe(join(root, 'index.html'));
    expect(at('app://field-station/assets/index-Bx1.js')).toBe(join(root, 'assets', 'index-Bx1.js'));
  });

  it('ignores the query and fragment', () => {
    expect(at('app://field-station/assets/app.css?v=3#x')).toBe(join(root, 'assets', 'app.css'));
  });

  it('decodes percent-encoding once', () => {
    expect(at('app://field-station/fonts/Noto%20Sans.woff2')).toBe(join(root, 'fonts', 'Noto Sans.woff2'));
    expect(at('app://field-station/caf%C3%A9.png')).toBe(join(root, 'café.png'));
  });

  it('resolves a relative root folder', () => {
    expect(resolveAppProtocolPath('app://field-station/a.js', 'out/renderer')).toBe(resolve('out/renderer', 'a.js'));
  });

  it('keeps plain dot segments inside the folder, as URL parsing removes them', () => {
    expect(isInsideRoot(at('app://field-station/../../../etc/passwd'))).toBe(true);
    expect(isInsideRoot(at('app://field-station/%2e%2e/%2e%2e/etc/passwd'))).toBe(true);
    expect(isInsideRoot(at('app://field-station/.%2e/.%2E/etc/passwd'))).toBe(true);
  });

  it('refuses an encoded slash that would climb out of the folder', () => {
    expect(at('app://field-station/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(at('app://field-station/..%2F..%2F..%2Fetc/passwd')).toBeNull();
    expect(at('app://field-station/assets/..%2f..%2f..%2fsecret')).toBeNull();
    expect(at('app://field-station/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBeNull();
  });

  it('refuses a path that climbs exactly to the parent folder', () => {
    expect(at('app://field-station/..%2f')).toBeNull();
    expect(at('app://field-station/x%2f..%2f..')).toBeNull();
  });

  it('refuses a path that resolves to the folder itself', () => {
    expect(at('app://field-station/x%2f..')).toBeNull();
  });

  it('allows an encoded slash that stays inside the folder', () => {
    expect(at('app://field-station/assets%2fapp.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses backslashes, plain or encoded', () => {
    expect(at('app://field-station/..\\..\\windows\\win.ini')).toBeNull();
    expect(at('app://field-station/..%5c..%5cwindows%5cwin.ini')).toBeNull();
    expect(at('app://field-station/assets%5Capp.js')).toBeNull();
  });

  it('refuses absolute paths', () => {
    expect(at('app://field-station//etc/passwd')).toBeNull();
    expect(at('app://field-station/%2fetc%2fpasswd')).toBeNull();
  });

  it('refuses NUL bytes', () => {
    expect(at('app://field-station/index.html%00.png')).toBeNull();
    expect(at('app://field-station/%00')).toBeNull();
  });

  it('refuses malformed percent-encoding', () => {
    expect(at('app://field-station/%E0%A4%A')).toBeNull();
    expect(at('app://field-station/%')).toBeNull();
  });

  it('keeps double-encoded dots and slashes as literal names inside the folder', () => {
    expect(at('app://field-station/%252e%252e%252f%252e%252e%252fetc%252fpasswd')).toBe(join(root, '%2e%2e%2f%2e%2e%2fetc%2fpasswd'));
    expect(at('app://field-station/..%252f..%252fsecret')).toBe(join(root, '..%2f..%2fsecret'));
    expect(at('app://field-station/%255c..')).toBe(join(root, '%5c..'));
  });

  it('refuses another scheme or host', () => {
    for (const url of [
      'file:///opt/field-station/out/renderer/index.html',
      'https://field-station/index.html',
      'app://evil/index.html',
      'app://field-station.evil/index.html',
      'app://field-station@evil/index.html',
      'app://user@field-station/index.html',
      'app://field-station:8080/index.html',
      'http://x/?next=app://field-station/index.html',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      expect(at(url), url).toBeNull();
    }
  });

  it('refuses malformed strings', () => {
    for (const url of ['', 'index.html', '/index.html', 'app://', 'app:index.html', ' app://field-station/index.html']) {
      expect(at(url), url).toBeNull();
    }
  });
});
