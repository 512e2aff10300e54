// What browser mode guards besides paths (issue 12, items 3 and 4): the Origin of API requests, security headers on
// every response (API answers and refusals included), the request and answer budgets, and a server that keeps
// answering while a large evaluation runs in the compute process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCoreApi, Result } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { BUDGETS } from '../../src-main/web/api-routes';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { caller, poster, raw, type RawResponse } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'rnnlab-guards-'));
let host: WebHost;
const call = caller(() => host);
const post = poster(() => host);

beforeAll(async () => {
  host = await startWebHost({ rendererDir: '/nonexistent', root, lab: new LabService({ root }) });
});
afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

function expectSecurityHeaders(response: RawResponse | Response, what: string): void {
  const get = (name: string) => (response instanceof Response ? response.headers.get(name) : (response.headers[name] as string | undefined));
  expect(get('x-content-type-options'), what).toBe('nosniff');
  const csp = get('content-security-policy') ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toMatch(/unsafe-eval|https?:/);
}

describe('Origin', () => {
  it('refuses API calls another site makes, even with the token', async () => {
    const hostile: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: `http://127.0.0.1:${host.port + 1}` }, { 'sec-fetch-site': 'cross-site' }];
    for (const headers of hostile) {
      const response = await post('listExamples', [], headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toEqual({ ok: false, error: 'refused: the lab answers only its own page (this request came from another origin)' });
    }
    const events = await raw(host.port, `/api/events?token=${host.token}`, { headers: { host: `127.0.0.1:${host.port}`, origin: 'https://evil.example' } });
    expect(events.status).toBe(403);
  });

  it('answers our own page', async () => {
    expect((await post('listExamples', [], { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await post('listExamples', [], { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('go with every response: API answers, refusals, errors, missing files and the event stream', async () => {
    expectSecurityHeaders(await post('listExamples', []), 'API answer');
    expectSecurityHeaders(await post('listExamples', [], { 'x-rnnlab-token': 'wrong' }), '401');
    expectSecurityHeaders(await post('listExamples', [], { origin: 'https://evil.example' }), '403 origin');
    expectSecurityHeaders(await raw(host.port, '/', { headers: { host: 'evil.example' } }), '403 host');
    expectSecurityHeaders(await raw(host.port, `/api/nope?token=${host.token}`), '404 api');
    expectSecurityHeaders(await raw(host.port, `/missing.js?token=${host.token}`), '404 file');
    expectSecurityHeaders(await raw(host.port, `/api/call/listExamples?token=${host.token}`), '405');
    expectSecurityHeaders(await raw(host.port, `/api/call/listExamples?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), '400');
    const events = await fetch(`http://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    expectSecurityHeaders(events, 'event stream');
    await events.body?.cancel();
  });
});

describe('budgets', () => {
  it('refuses a request body over the budget in one line, before reading it', async () => {
    const big = `{"args": ["${'x'.repeat(BUDGETS.body)}"]}`;
    const response = await raw(host.port, `/api/call/listExamples?token=${host.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({ ok: false, error: "listExamples: the request is larger than browser mode's budget of 24 MB; send less data at once" });
    expectSecurityHeaders(response, '413');
  });

  it('refuses a chunked body (no length given) once it passes the budget', async () => {
    const small = await startWebHost({ rendererDir: '/nonexistent', root, lab: host.lab, budgets: { body: 1024 } });
    try {
      const response = await raw(small.port, `/api/call/evaluate?token=${small.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: `{"args": [{"x": [${'[[1]],'.repeat(400)}[[1]]]}]}`,
      });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).error).toBe("evaluate: the request is larger than browser mode's budget of 0.000977 MB; send less data at once");
    } finally {
      await small.close();
    }
  });

  it('lets uploads use their own, larger budget', async () => {
    const small = await startWebHost({ rendererDir: '/nonexistent', root, lab: host.lab, budgets: { body: 1024, uploadBody: 64 * 1024 } });
    try {
      const send = (method: string, arg: unknown) =>
        fetch(`http://127.0.0.1:${small.port}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rnnlab-token': small.token }, body: JSON.stringify({ args: [arg] }) });
      const file = { fileName: 'big.rnnlab', base64: Buffer.alloc(8 * 1024).toString('base64') };
      const upload = await send('openProjectBytes', file);
      expect(upload.status).toBe(200);
      expect(await upload.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^big\.rnnlab: /) });
      expect((await send('previewCsv', { text: 'x'.repeat(8 * 1024) })).status).toBe(413);
      expect((await send('openProjectBytes', { ...file, base64: Buffer.alloc(64 * 1024).toString('base64') })).status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('refuses an answer over the budget in one line instead of sending it', async () => {
    const huge = { listExamples: async (): Promise<Result<unknown>> => ({ ok: true, value: 'y'.repeat(4096) }) } as unknown as LabCoreApi;
    const small = await startWebHost({ rendererDir: '/nonexistent', root, lab: new Proxy(host.lab, { get: (t, k) => (k === 'listExamples' ? huge.listExamples : Reflect.get(t, k)) }), budgets: { answer: 1024 } });
    try {
      const response = await fetch(`http://127.0.0.1:${small.port}/api/call/listExamples`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rnnlab-token': small.token }, body: '{"args": []}' });
      expect(await response.json()).toEqual({ ok: false, error: "listExamples: the answer is larger than browser mode's budget of 0.000977 MB; ask for less at once" });
    } finally {
      await small.close();
    }
  });

  it('refuses an evaluation whose work or answer would exceed its budget, in one line', async () => {
    await call('newProject', { spec: { arch: 'rnn', input_size: 1, hidden_size: 64 } });
    const answer = await call('evaluate', { x: [Array.from({ length: 400_000 }, () => [0.5])] });
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^evaluate: .*above the budget of /) });
  });
});

describe('a large evaluation', () => {
  it('runs off the event loop: a small request sent after it is answered first, and quickly', async () => {
    // About 1.7e8 multiply-adds (under the 2e8 budget): long enough to see, too short to be refused.
    await call('newProject', { spec: { arch: 'rnn', input_size: 1, hidden_size: 256, output_size: 1 } });
    await call('evaluate', { x: [[[0]]] }); // the compute process is up
    const x = [Array.from({ length: 2600 }, (_, t) => [Math.sin(t)])];
    const order: string[] = [];
    const big = call('evaluate', { x }).then((answer) => (order.push('evaluate'), answer));
    await new Promise((done) => setTimeout(done, 100));
    const started = performance.now();
    const small = await call('describeProject');
    const smallMs = performance.now() - started;
    order.push('describeProject');
    const evaluated = await big;
    expect(small.ok).toBe(true);
    expect(evaluated).toMatchObject({ ok: true });
    expect(order).toEqual(['describeProject', 'evaluate']);
    expect(smallMs).toBeLessThan(250);
  });
});
