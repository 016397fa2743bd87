/**
 * The renderer's Content-Security-Policy, sent as a header by the app protocol (desktop) and by
 * the web-mode server: only the app's own scripts, styles, fonts and data; no inline scripts,
 * no remote anything.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
