// The web host: `rnnlab serve`'s browser mode. A loopback-only HTTP server that serves the built renderer and the
// LabApi (HTTP JSON + Server-Sent Events) to whoever holds the random token in the URL it prints, from our own page
// only; files it may touch are project/ONNX files under its root folder (root-paths.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { LabCoreApi } from '../api/lab-api';
import { LabService } from '../core/lab/lab-service';
import { isLoopbackHost, isSameOrigin, newToken, presentedToken, sameToken, tokenCookie } from './access';
import { BUDGETS, handleCall, handleEvents, type Budgets } from './api-routes';
import { failure, sendJson, sendText } from './responses';
import { rootedLab } from './rooted-lab';
import { ServedRoot } from './root-paths';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The built renderer, usually `out/renderer`. */
  rendererDir: string;
  /** The only folder whose project and ONNX files the API may open or write; the working directory by default. */
  root?: string;
  /** The lab to serve; a fresh LabService by default. */
  lab?: LabCoreApi;
  /** Request and answer size limits; the documented BUDGETS by default (tests lower them). */
  budgets?: Partial<Budgets>;
}

export interface WebHost {
  /** Open this in a browser: it carries the token. */
  url: string;
  port: number;
  token: string;
  /** The served lab as the API sees it (paths confined to `root`). */
  lab: LabCoreApi;
  root: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const root = resolve(options.root ?? process.cwd());
  const service = options.lab ?? new LabService({ root });
  const lab = rootedLab(service, new ServedRoot(root));
  const rendererDir = resolve(options.rendererDir);
  const budgets: Budgets = { ...BUDGETS, ...options.budgets };
  const token = newToken();
  let port = options.port ?? 0;
  const server = createServer((request, response) => {
    route(request, response).catch(() => {
      // Say nothing about the cause (it could name a file); the server log is the terminal that started it.
      if (!response.headersSent) sendJson(response, 500, failure('internal error: the request failed; see the terminal running rnnlab serve'));
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackHost(request, port)) return sendText(response, 403, `refused: expected Host 127.0.0.1:${port}`);
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    if (isApi && !isSameOrigin(request, port)) {
      return sendJson(response, 403, failure('refused: the lab answers only its own page (this request came from another origin)'));
    }
    if (!sameToken(presentedToken(request, url, !isApi), token)) {
      const text = 'refused: this address needs the token; open the full URL that `rnnlab serve` printed';
      return isApi ? sendJson(response, 401, failure(text)) : sendText(response, 401, text);
    }
    if (url.pathname === '/api/events') return handleEvents(lab, request, response);
    if (url.pathname.startsWith('/api/call/')) return handleCall(lab, url.pathname.slice('/api/call/'.length), request, response, budgets);
    if (isApi) return sendJson(response, 404, failure(`no such endpoint ${url.pathname}: expected /api/call/<method> or /api/events`));
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'expected GET');
    const cookie: Record<string, string> = url.searchParams.has('token') ? { 'set-cookie': tokenCookie(token) } : {};
    await serveStatic(rendererDir, url.pathname, response, cookie);
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
    root,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        if (!options.lab && service instanceof LabService) service.dispose();
      }),
  };
}
