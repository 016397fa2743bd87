import { describe, expect, it } from 'vitest';
import { isExternalWebUrl, isTrustedRendererUrl, parseAppProtocolUrl } from './trusted-url';

const dev = { devServerUrl: 'http://localhost:5173' };

describe('isTrustedRendererUrl', () => {
  it('trusts pages of the app protocol', () => {
    expect(isTrustedRendererUrl('app://field-station/index.html', {})).toBe(true);
    expect(isTrustedRendererUrl('app://field-station/', {})).toBe(true);
    expect(isTrustedRendererUrl('app://field-station', {})).toBe(true);
    expect(isTrustedRendererUrl('app://field-station/assets/index-abc.js?v=1#top', {})).toBe(true);
  });

  it('trusts the app protocol when no options are given', () => {
    expect(isTrustedRendererUrl('app://field-station/index.html')).toBe(true);
  });

  it('trusts the dev server origin when one is given', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx?t=1', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173', dev)).toBe(true);
  });

  it('refuses the dev server origin when no dev server is given', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', {})).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { devServerUrl: '' })).toBe(false);
  });

  it('refuses another port, host or scheme than the dev server', () => {
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('ws://localhost:5173/', dev)).toBe(false);
  });

  it('refuses a URL that only mentions the app protocol in its query', () => {
    expect(isTrustedRendererUrl('http://x/?next=app://field-station/', {})).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/#app://field-station/', {})).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/app://field-station/', {})).toBe(false);
  });

  it('refuses hosts that merely start or end like the app host', () => {
    expect(isTrustedRendererUrl('app://field-station.evil/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-station./', {})).toBe(false);
    expect(isTrustedRendererUrl('app://evil.field-station/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-stationx/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-station%2eevil/', {})).toBe(false);
  });

  it('refuses another host on the app protocol', () => {
    expect(isTrustedRendererUrl('app://evil/', {})).toBe(false);
    expect(isTrustedRendererUrl('app:///index.html', {})).toBe(false);
    expect(isTrustedRendererUrl('app:field-station/index.html', {})).toBe(false);
  });

  it('refuses a port on the app protocol', () => {
    expect(isTrustedRendererUrl('app://field-station:80/', {})).toBe(false);
  });

  it('refuses user info that hides the real host', () => {
    expect(isTrustedRendererUrl('app://field-station@evil/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://user:pass@field-station/', {})).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173@evil.example/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://user@localhost:5173/', dev)).toBe(false);
  });

  it('refuses a dev server address that carries user info or is not http(s)', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', { devServerUrl: 'http://u@localhost:5173' })).toBe(false);
    expect(isTrustedRendererUrl('file:///index.html', { devServerUrl: 'file:///' })).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', { devServerUrl: 'not a url' })).toBe(false);
  });

  it('refuses script, file, data, blob and other schemes', () => {
    for (const url of [
      'javascript:alert(1)',
      'javascript://field-station/%0aalert(1)',
      'file:///etc/passwd',
      'file://field-station/index.html',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://field-station/1234',
      'https://field-station/',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'chrome://settings',
    ]) {
      expect(isTrustedRendererUrl(url, dev), url).toBe(false);
    }
  });

  it('refuses malformed strings', () => {
    for (const url of ['', 'app', 'app:', 'app://', '//field-station/', 'field-station/index.html', 'http://', 'http://[::1', '%%%']) {
      expect(isTrustedRendererUrl(url, dev), url).toBe(false);
    }
  });

  it('refuses addresses that the URL parser would first have to clean of whitespace or control characters', () => {
    expect(isTrustedRendererUrl(' app://field-station/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-\tstation/', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-station/\n', {})).toBe(false);
    expect(isTrustedRendererUrl('app://field-station/\u0000', {})).toBe(false);
  });

  it('accepts the scheme in capitals, which URL parsing lowercases', () => {
    expect(isTrustedRendererUrl('APP://field-station/', {})).toBe(true);
  });

  it('refuses the app host in capitals, which Chromium would have lowercased', () => {
    expect(isTrustedRendererUrl('app://FIELD-STATION/', {})).toBe(false);
  });
});

describe('parseAppProtocolUrl', () => {
  it('gives the parsed URL for the app protocol and null for anything else', () => {
    expect(parseAppProtocolUrl('app://field-station/a/b.js')?.pathname).toBe('/a/b.js');
    expect(parseAppProtocolUrl('app://evil/a/b.js')).toBeNull();
  });
});

describe('isExternalWebUrl', () => {
  it('accepts plain http and https links', () => {
    expect(isExternalWebUrl('https://brapi.org/specification')).toBe(true);
    expect(isExternalWebUrl('http://example.org/')).toBe(true);
  });

  it('refuses links the system browser should never be handed', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'app://field-station/',
      'https://user:pass@example.org/',
      'https://example.org@evil.example/',
      'not a url',
      ' https://example.org/',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});
