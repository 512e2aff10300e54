// Who may talk to the web host: requests carrying the session token, addressed to our loopback host name.
// The Host check defeats DNS rebinding (a foreign page resolving its own name to 127.0.0.1); the token defeats
// every other local page and process that does not know it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-rnnlab-token';
const TOKEN_COOKIE = 'rnnlab_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(found: string | undefined | null, token: string): boolean {
  if (!found) return false;
  const a = Buffer.from(found);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the Host header names this server on the loopback interface. */
export function isLoopbackHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** The token a request presents: `?token=`, the header (API calls) or, for page assets only, the cookie. */
export function presentedToken(request: IncomingMessage, url: URL, allowCookie: boolean): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const fromHeader = request.headers[TOKEN_HEADER];
  if (typeof fromHeader === 'string') return fromHeader;
  if (!allowCookie) return null;
  const cookie = (request.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie ? cookie.slice(TOKEN_COOKIE.length + 1) : null;
}

/** Lets the page's scripts and styles load without the token in their URLs; scoped to this origin, never sent cross-site. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}
