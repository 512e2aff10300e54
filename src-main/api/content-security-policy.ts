// The Content-Security-Policy the renderer runs under, in both hosts: the Electron app (a response header, and the
// meta tag of src-renderer/index.html checked at build time) and browser mode (a header on every response).

/** Only the page's own scripts (no eval, no inline script), no remote origin at all, never framed. Inline styles are
 * allowed: Vue's style bindings and ECharts set them. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
