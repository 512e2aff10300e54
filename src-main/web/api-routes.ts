// The LabApi over HTTP: `POST /api/call/<method>` with `{"args": [...]}` answers the method's Result as JSON;
// `GET /api/events` is a Server-Sent Events stream of LabApi events (`event: projectChanged`, `data: <json>`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LAB_EVENTS, type LabApi, type LabSubscription, type Result } from '../api/lab-api';
import { callLabMethod } from '../core/lab/dispatch';

/** Largest request body accepted (an evaluate batch as JSON), in bytes. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
const KEEPALIVE_MS = 25_000;

export async function handleCall(lab: LabApi, method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') return sendJson(response, 405, failure(`${method}: expected a POST request, found ${request.method}`));
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(response, 415, failure(`${method}: expected a JSON body (content-type application/json)`));
  }
  const body = await readBody(request);
  if (body === null) return sendJson(response, 413, failure(`${method}: request body larger than ${MAX_BODY_BYTES} bytes`));
  let parsed: unknown;
  try {
    parsed = body.length ? JSON.parse(body) : {};
  } catch {
    return sendJson(response, 400, failure(`${method}: the request body is not valid JSON`));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return sendJson(response, 400, failure(`${method}: expected a JSON object like {"args": [...]}`));
  }
  sendJson(response, 200, await callLabMethod(lab, method, (parsed as { args?: unknown }).args ?? []));
}

export function handleEvents(lab: LabApi, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write('retry: 2000\n\n');
  const subscriptions = Object.entries(LAB_EVENTS) as [LabSubscription, (typeof LAB_EVENTS)[LabSubscription]][];
  const stops = subscriptions.map(([subscription, event]) =>
    lab[subscription]((payload) => void response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)),
  );
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
  request.once('close', () => {
    clearInterval(keepalive);
    stops.forEach((stop) => stop());
  });
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

export function failure(error: string): Result<never> {
  return { ok: false, error };
}

/** The body as text, or null when it exceeds MAX_BODY_BYTES (the rest is drained, not buffered). */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
