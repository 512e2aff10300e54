// Every answer the web host sends goes through here, so each one (page, asset, API result, SSE stream, refusal,
// internal error) carries the same security headers: nosniff, a strict CSP with frame-ancestors 'none', no referrer.
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';
import type { Result } from '../api/lab-api';


export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function sendJson(response: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra }).end(body);
}

export function sendText(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra }).end(`${text}\n`);
}

export function failure(error: string): Result<never> {
  return { ok: false, error };
}
