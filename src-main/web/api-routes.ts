// The LabApi over HTTP: `POST /api/call/<method>` with `{"args": [...]}` answers the method's Result as JSON;
// `GET /api/events` is a Server-Sent Events stream of LabApi events (`event: projectChanged`, `data: <json>`).
// Both directions are bounded (BUDGETS): a larger request or answer is refused in one line, never buffered whole.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LAB_EVENTS, type LabCoreApi, type LabSubscription } from '../api/lab-api';
import { callLabMethod } from '../core/lab/dispatch';
import { failure, SECURITY_HEADERS, sendJson } from './responses';
import { SseWriter } from './sse';

const MiB = 1024 * 1024;
/** The documented budgets of browser mode (README, "Browser mode"). */
export const BUDGETS = {
  /** Request body of any call: covers a CSV or text file of 16 MB sent to setTask, escaped as JSON. */
  body: 24 * MiB,
  /** Request body of an upload (openProjectBytes, openOnnxBytes): the file as base64 inside JSON. */
  uploadBody: 160 * MiB,
  /** Answer of any call, as JSON (a project or model download is the largest). */
  answer: 160 * MiB,
} as const;
const UPLOADS = new Set(['openProjectBytes', 'openOnnxBytes']);
const KEEPALIVE_MS = 25_000;

const mib = (bytes: number) => `${Number((bytes / MiB).toPrecision(3))} MB`;

export type Budgets = typeof BUDGETS;

export async function handleCall(
  lab: LabCoreApi,
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
  budgets: Budgets = BUDGETS,
): Promise<void> {
  if (request.method !== 'POST') return sendJson(response, 405, failure(`${method}: expected a POST request, found ${request.method}`));
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(response, 415, failure(`${method}: expected a JSON body (content-type application/json)`));
  }
  const limit = UPLOADS.has(method) ? budgets.uploadBody : budgets.body;
  const tooLarge = failure(`${method}: the request is larger than browser mode's budget of ${mib(limit)}; send less data at once`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return sendJson(response, 413, tooLarge, { connection: 'close' });
  const body = await readBody(request, limit);
  if (body === null) return sendJson(response, 413, tooLarge, { connection: 'close' });
  let parsed: unknown;
  try {
    parsed = body.length ? JSON.parse(body) : {};
  } catch {
    return sendJson(response, 400, failure(`${method}: the request body is not valid JSON`));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return sendJson(response, 400, failure(`${method}: expected a JSON object like {"args": [...]}`));
  }
  const result = await callLabMethod(lab, method, (parsed as { args?: unknown }).args ?? []);
  if (response.destroyed) return;
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch {
    // V8 refuses strings past ~512 MB: an answer that large is far past the budget anyway.
    text = '';
  }
  if (text === '' || Buffer.byteLength(text) > budgets.answer) {
    return sendJson(response, 200, failure(`${method}: the answer is larger than browser mode's budget of ${mib(budgets.answer)}; ask for less at once`));
  }
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' }).end(text);
}

export function handleEvents(lab: LabCoreApi, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  response.write('retry: 2000\n\n');
  const writer = new SseWriter(response);
  const subscriptions = Object.entries(LAB_EVENTS) as [LabSubscription, (typeof LAB_EVENTS)[LabSubscription]][];
  const stops = subscriptions.map(([subscription, event]) => lab[subscription]((payload: unknown) => writer.send(event, payload)));
  const keepalive = setInterval(() => writer.comment('keepalive'), KEEPALIVE_MS);
  response.once('close', () => {
    clearInterval(keepalive);
    stops.forEach((stop) => stop());
  });
}

/** The body as text, or null when it exceeds `limit` (the rest is drained, never buffered). */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
