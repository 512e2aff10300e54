// Shared helpers for the web host tests: start a host on a scratch root, call the API, make raw requests.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Result } from '../../src-main/api/lab-api';
import type { WebHost } from '../../src-main/web/index';

export function poster(host: () => WebHost) {
  return (method: string, args: unknown[], headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`http://127.0.0.1:${host().port}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rnnlab-token': host().token, ...headers },
      body: JSON.stringify({ args }),
    });
}

export function caller(host: () => WebHost) {
  const post = poster(host);
  return async <T = unknown>(method: string, ...args: unknown[]): Promise<Result<T>> => (await post(method, args)).json() as Promise<Result<T>>;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw request, for headers fetch will not let us set (Host, Origin) or bodies it would frame itself. */
export function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
