// The web host: loopback only, token required, the built renderer served as files, LabApi over HTTP JSON and SSE.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary, Result } from '../../src-main/api/lab-api';
import { startWebHost, type WebHost } from '../../src-main/web/index';

const rendererDir = mkdtempSync(join(tmpdir(), 'rnnlab-web-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>RNN Lab</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("renderer")');
writeFileSync(join(rendererDir, '..', 'rnnlab-web-secret.txt'), 'outside the renderer');

let host: WebHost;
beforeAll(async () => {
  host = await startWebHost({ rendererDir });
});
afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(join(rendererDir, '..', 'rnnlab-web-secret.txt'), { force: true });
});

const base = () => `http://127.0.0.1:${host.port}`;
function post(method: string, args: unknown[], token: string | null = host.token): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-rnnlab-token'] = token;
  return fetch(`${base()}/api/call/${method}`, { method: 'POST', headers, body: JSON.stringify({ args }) });
}
async function call<T>(method: string, ...args: unknown[]): Promise<Result<T>> {
  const response = await post(method, args);
  expect(response.status).toBe(200);
  return (await response.json()) as Result<T>;
}

/** A raw request, for headers fetch will not let us set (Host) or paths it would normalise. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('access', () => {
  it('prints a loopback URL that carries the token', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(host.token);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the page and the API without the token, or with a wrong one', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=${host.token.slice(1)}x`)).status).toBe(401);
    const response = await post('listExamples', [], null);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      ok: false,
      error: 'refused: this address needs the token; open the full URL that `rnnlab serve` printed',
    });
    expect((await post('listExamples', [], 'not-the-token')).status).toBe(401);
  });

  it('serves the page with the token and its assets with the cookie it sets', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>RNN Lab</title>');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(`${base()}/assets/app.js`)).status).toBe(401);
    const asset = await fetch(`${base()}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The cookie opens page assets only: the API still needs the token itself.
    const api = await fetch(`${base()}/api/call/listExamples`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const refused = await raw(`/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(refused.status).toBe(403);
    expect((await raw(`/?token=${host.token}`, { host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/..%2frnnlab-web-secret.txt', '/%2e%2e/rnnlab-web-secret.txt', '/assets/..%2f..%2frnnlab-web-secret.txt']) {
      const response = await raw(`${path}?token=${host.token}`);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('outside the renderer');
    }
  });

  it('listens on the loopback interface only', async () => {
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no non-loopback interface on this machine: nothing else to connect through
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest({ host: external.address, port: host.port, path: '/', timeout: 2000 }, () => resolve('connected'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.on('timeout', () => (req.destroy(), resolve('timeout')));
      req.end();
    });
    expect(outcome).not.toBe('connected');
  });
});

describe('the LabApi over HTTP', () => {
  it('round-trips a project: new, describe, evaluate', async () => {
    const created = await call<ProjectSummary>('newProject', { name: 'web', spec: { arch: 'elman', input_size: 2, hidden_size: 3, output_size: 1 } });
    expect(created).toMatchObject({ ok: true, value: { name: 'web', spec: { arch: 'elman' }, parameterCount: 6 + 9 + 6 + 4 } });
    expect(await call('describeProject')).toEqual(created);
    const evaluated = await call<{ output: number[][][]; y: number[][][] }>('evaluate', { x: [[[1, 0], [0, 1]]] });
    expect(evaluated.ok && [evaluated.value.output[0].length, evaluated.value.output[0][0].length, evaluated.value.y[0][1].length]).toEqual([2, 3, 1]);
  });

  it('answers bad calls with a result naming the problem', async () => {
    expect(await call('evaluate', { x: [[[1, 0, 0]]] })).toEqual({
      ok: false,
      error: 'x: expected [batch][time][2] (input_size 2), found [1][1][3]',
    });
    expect(await call('toString')).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown lab method "toString": expected one of engineInfo, /) });
    const badJson = await fetch(`${base()}/api/call/listExamples`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rnnlab-token': host.token }, body: '{"args": [' });
    expect([badJson.status, await badJson.json()]).toEqual([400, { ok: false, error: 'listExamples: the request body is not valid JSON' }]);
    const notACall = await fetch(`${base()}/api/call/listExamples`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rnnlab-token': host.token }, body: '[1]' });
    expect([notACall.status, await notACall.json()]).toEqual([400, { ok: false, error: 'listExamples: expected a JSON object like {"args": [...]}' }]);
    const form = await fetch(`${base()}/api/call/listExamples`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-rnnlab-token': host.token }, body: '{}' });
    expect(form.status).toBe(415);
    const get = await fetch(`${base()}/api/call/listExamples?token=${host.token}`);
    expect(get.status).toBe(405);
  });

  it('streams project changes as Server-Sent Events', async () => {
    const events = await fetch(`${base()}/api/events?token=${host.token}`);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.getReader();
    await call('newProject', { name: 'streamed', spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } });
    let text = '';
    while (!text.includes('event: projectChanged')) text += new TextDecoder().decode((await reader.read()).value);
    while (!/data: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    const data = JSON.parse(/event: projectChanged\ndata: (.*)\n\n/.exec(text)![1]) as ProjectSummary;
    expect(data).toMatchObject({ name: 'streamed', spec: { arch: 'rnn', hidden_size: 2 } });
    await reader.cancel();
  });
});

describe('without a built renderer', () => {
  it('says how to build it', async () => {
    const bare = await startWebHost({ rendererDir: join(rendererDir, 'missing') });
    try {
      const response = await fetch(bare.url);
      expect(response.status).toBe(503);
      expect(await response.text()).toMatch(/the renderer is not built in .*missing: run `npx electron-vite build`/);
    } finally {
      await bare.close();
    }
  });
});
