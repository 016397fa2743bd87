import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import type { Logger } from '../logger';
import { resolveAppProtocolPath } from '../security/app-protocol-path';
import { contentSecurityPolicy } from '../security/content-security-policy';
import { appProtocolScheme } from '../security/trusted-url';

/**
 * `app://field-station/...`: the built renderer served from disk with the app's CSP, so the
 * production renderer has a real, secure origin instead of `file://`.
 */

/** Must run before the app is ready: a standard, secure scheme that fetch() may use. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appProtocolScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pbf': 'application/x-protobuf',
};

function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

function isMissingFile(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Serves `rendererDir` on the app protocol; call once the app is ready. */
export function handleAppProtocol(rendererDir: string, logger: Logger): void {
  protocol.handle(appProtocolScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    const file = resolveAppProtocolPath(request.url, rendererDir);
    if (!file) return plainResponse(404, 'Not found');
    try {
      const body = await readFile(file);
      const headers = { ...baseHeaders(), 'Content-Type': contentTypeOf(file), 'Content-Length': String(body.byteLength) };
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch (error) {
      if (isMissingFile(error)) return plainResponse(404, 'Not found');
      logger.error({ err: error, file }, 'could not read a renderer file');
      return plainResponse(500, 'Could not read this part of the app. Reinstalling Field Station should fix it.');
    }
  });
}
