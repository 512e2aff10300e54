// `rnnlab serve`: the real bundle starts the web host on loopback, prints a tokened URL, answers the LabApi, and
// stops cleanly on SIGINT; a missing renderer is a one-line error.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, requireBuiltCli, scratchFolder, spawnCli } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

function startServe(rendererDir: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--renderer', rendererDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[0],
        stop: () =>
          new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGINT');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
}

describe('rnnlab serve', () => {
  it('serves the renderer and the LabApi behind the printed token, then stops on Ctrl-C', async () => {
    const dir = scratch.file('renderer');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>lab page</title>');
    const { url, stop } = await startServe(dir);
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lab page');
      const origin = new URL(url).origin;
      const token = new URL(url).searchParams.get('token') ?? '';
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args": []}' };
      expect((await fetch(`${origin}/api/call/engineInfo`, request)).status).toBe(401);
      const call = await fetch(`${origin}/api/call/engineInfo?token=${token}`, request);
      const result = (await call.json()) as { ok: boolean; value?: { name?: string } };
      expect(result.ok).toBe(true);
      expect(['native', 'reference']).toContain(result.value?.name);
    } finally {
      expect(await stop()).toBe(0);
    }
  });

  it('says which folder it may touch, and refuses a --root that is not a folder', async () => {
    const dir = scratch.file('renderer-root');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const result = spawnCli(['serve', '--renderer', dir, '--root', scratch.file('no-such-folder')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^rnnlab: --root: expected a folder, found .*no-such-folder$/);
    const child = spawn(process.execPath, [BIN, 'serve', '--renderer', dir, '--root', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const printed = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl-C')) resolve(out);
      });
    });
    child.kill('SIGINT');
    expect(printed).toContain(`it opens and saves .rnnlab/.onnx files under ${dir} only`);
  });

  it('says the renderer is not built when its folder has no index.html', () => {
    const result = spawnCli(['serve', '--renderer', scratch.file('nowhere')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^rnnlab: the renderer is not built \(expected .*nowhere\/index\.html\); run npm run build$/);
  });
});
