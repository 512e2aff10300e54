// Who may talk to the web host: requests carrying the session token, addressed to our loopback host name, and (when
// a browser says where the request comes from) sent by our own page. The Host check defeats DNS rebinding; the
// Origin check refuses other pages even if they learnt the token; the token refuses every other local process.
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

/**
 * True unless a browser says the request comes from another site: an `Origin` other than our own, or
 * `Sec-Fetch-Site: cross-site`. Clients that send neither (curl, the tests) still need the token.
 */
export function isSameOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
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
