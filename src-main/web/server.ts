// The web host: `rnnlab serve`'s browser mode. A loopback-only HTTP server that serves the built renderer and the
// LabApi (HTTP JSON + Server-Sent Events) to whoever holds the random token in the URL it prints.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { LabApi } from '../api/lab-api';
import { LabService } from '../core/lab/lab-service';
import { isLoopbackHost, newToken, presentedToken, sameToken, tokenCookie } from './access';
import { failure, handleCall, handleEvents, sendJson } from './api-routes';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The built renderer, usually `out/renderer`. */
  rendererDir: string;
  /** The lab to serve; a fresh LabService by default. */
  lab?: LabApi;
}

export interface WebHost {
  /** Open this in a browser: it carries the token. */
  url: string;
  port: number;
  token: string;
  lab: LabApi;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const lab = options.lab ?? new LabService();
  const rendererDir = resolve(options.rendererDir);
  const token = newToken();
  let port = options.port ?? 0;
  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, failure(`internal error: ${error instanceof Error ? error.message : String(error)}`));
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackHost(request, port)) {
      return void response.writeHead(403, { 'content-type': 'text/plain' }).end(`refused: expected Host 127.0.0.1:${port}\n`);
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    if (!sameToken(presentedToken(request, url, !isApi), token)) {
      const text = 'refused: this address needs the token; open the full URL that `rnnlab serve` printed';
      return isApi ? sendJson(response, 401, failure(text)) : void response.writeHead(401, { 'content-type': 'text/plain' }).end(`${text}\n`);
    }
    if (url.pathname === '/api/events') return handleEvents(lab, request, response);
    if (url.pathname.startsWith('/api/call/')) return handleCall(lab, url.pathname.slice('/api/call/'.length), request, response);
    if (isApi) return sendJson(response, 404, failure(`no such endpoint ${url.pathname}: expected /api/call/<method> or /api/events`));
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    const cookie: Record<string, string> = url.searchParams.has('token') ? { 'set-cookie': tokenCookie(token) } : {};
    await serveStatic(rendererDir, url.pathname, response, { ...SECURITY_HEADERS, ...cookie });
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    lab,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
