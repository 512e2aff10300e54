// Browser mode touches only project and ONNX files under its root (issue 12, item 4): hostile paths with the
// token are refused in one line that reveals nothing about files outside; a non-project is never overwritten;
// "recent projects" are the projects under the root. Each case here passed (wrongly) before the root existed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSummary, RecentProject } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { newProject, saveProject } from '../../src-main/core/project/index';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { caller } from './helpers';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'rnnlab-root-')));
const root = join(scratch, 'served');
const outside = join(scratch, 'outside');
const project = (name: string) => newProject(name, parseModelSpec({ arch: 'rnn', input_size: 1, hidden_size: 2, output_size: 1 }));

let host: WebHost;
const call = caller(() => host);
const OUTSIDE = `browser mode reads and writes only .rnnlab files under the served folder ${root}`;

beforeAll(async () => {
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  await saveProject(join(root, 'inside.rnnlab'), project('inside'));
  await saveProject(join(root, 'sub', 'deeper.rnnlab'), project('deeper'));
  await saveProject(join(outside, 'secret.rnnlab'), project('secret'));
  writeFileSync(join(outside, 'shadow.rnnlab'), 'root:$6$hash:19000:0:99999:7:::\n');
  writeFileSync(join(root, 'notes.rnnlab'), 'my notes, not a project\n');
  writeFileSync(join(root, 'notes.txt'), 'plain notes\n');
  symlinkSync(join(outside, 'secret.rnnlab'), join(root, 'link-out.rnnlab'));
  symlinkSync(outside, join(root, 'linked-folder'));
  host = await startWebHost({ rendererDir: '/nonexistent', root, lab: new LabService({ engine: 'reference', root }) });
});
afterAll(async () => {
  await host.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('opening', () => {
  it('opens a project under the root, by a path relative to it or absolute', async () => {
    expect(await call<ProjectSummary>('openProject', 'inside.rnnlab')).toMatchObject({ ok: true, value: { name: 'inside', path: join(root, 'inside.rnnlab') } });
    expect(await call('openProject', join(root, 'sub', 'deeper.rnnlab'))).toMatchObject({ ok: true, value: { name: 'deeper' } });
  });

  it.each([
    ['an absolute path outside', '/etc/shadow.rnnlab'],
    ['a climb out of the root', '../outside/secret.rnnlab'],
    ['a climb hidden in a sub-folder', 'sub/../../outside/secret.rnnlab'],
    ['an existing outside file that is not a project', join(outside, 'shadow.rnnlab')],
    ['a link inside the root to a file outside', 'link-out.rnnlab'],
    ['a link inside the root to a folder outside', 'linked-folder/secret.rnnlab'],
  ])('refuses %s, saying the rule and nothing about the file', async (_what, path) => {
    expect(await call('openProject', path)).toEqual({ ok: false, error: `open project: ${OUTSIDE}` });
    expect(await call('describeProject')).toMatchObject({ value: { name: 'deeper' } });
  });

  it('answers the same for an outside file that exists and one that does not', async () => {
    const existing = await call('openProject', join(outside, 'secret.rnnlab'));
    const missing = await call('openProject', join(outside, 'missing.rnnlab'));
    expect(existing).toEqual(missing);
  });

  it('opens only .rnnlab names (and .onnx for models)', async () => {
    for (const path of ['/etc/shadow', 'notes.txt', '/etc/passwd']) {
      const answer = await call('openProject', path);
      expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^open project: browser mode opens and saves only \.rnnlab files, found a name ending in/) });
      expect(JSON.stringify(answer)).not.toMatch(/root:|plain notes/);
    }
    expect(await call('openOnnx', '/etc/passwd')).toMatchObject({ ok: false, error: expect.stringMatching(/^open ONNX: browser mode opens and saves only \.onnx files/) });
    expect(await call('openOnnx', join(outside, 'model.onnx'))).toEqual({
      ok: false,
      error: `open ONNX: browser mode reads and writes only .onnx files under the served folder ${root}`,
    });
    expect(await call('openProject', 42)).toEqual({ ok: false, error: 'open project: expected a path to a .rnnlab file in the served folder' });
  });
});

describe('saving', () => {
  it('never writes outside the root, however the path is spelt', async () => {
    await call('openProject', 'inside.rnnlab');
    for (const path of [join(outside, 'written.rnnlab'), '../outside/written.rnnlab', 'linked-folder/written.rnnlab', '/tmp/written.rnnlab']) {
      expect(await call('saveProject', path)).toEqual({ ok: false, error: `save project: ${OUTSIDE}` });
    }
    expect(existsSync(join(outside, 'written.rnnlab'))).toBe(false);
    expect(existsSync('/tmp/written.rnnlab')).toBe(false);
  });

  it('never replaces a file that is not a project, nor writes through a link, nor uses another extension', async () => {
    expect(await call('saveProject', 'notes.rnnlab')).toEqual({ ok: false, error: 'save project: will not replace "notes.rnnlab": it is not an RNN Lab project' });
    expect(readFileSync(join(root, 'notes.rnnlab'), 'utf8')).toBe('my notes, not a project\n');
    expect(await call('saveProject', 'link-out.rnnlab')).toEqual({ ok: false, error: 'save project: will not write through the symbolic link "link-out.rnnlab"' });
    expect(await call('saveProject', 'notes.txt')).toMatchObject({ ok: false, error: expect.stringMatching(/^save project: browser mode opens and saves only \.rnnlab files/) });
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('plain notes\n');
    expect(await call('exportOnnx', { path: '/tmp/model.onnx' })).toEqual({
      ok: false,
      error: `export ONNX: browser mode reads and writes only .onnx files under the served folder ${root}`,
    });
    expect(await call('exportOnnx', { path: 'notes.rnnlab' })).toMatchObject({ ok: false, error: expect.stringMatching(/^export ONNX: browser mode opens and saves only \.onnx files/) });
  });

  it('saves under the root: a new file, over a project, and back to the project\'s own file', async () => {
    expect(await call('saveProject', 'sub/new.rnnlab')).toMatchObject({ ok: true, value: { path: join(root, 'sub', 'new.rnnlab') } });
    expect(await call('saveProject', 'sub/deeper.rnnlab')).toMatchObject({ ok: true, value: { path: join(root, 'sub', 'deeper.rnnlab'), backupPath: join(root, 'sub', 'deeper.rnnlab.bak') } });
    expect(await call('saveProject')).toMatchObject({ ok: true, value: { path: join(root, 'sub', 'deeper.rnnlab') } });
  });
});

describe('recent projects in browser mode', () => {
  it('are the project files under the root, newest first, never a file outside or behind a link', async () => {
    const recent = await call<RecentProject[]>('listRecentProjects');
    expect(recent.ok).toBe(true);
    const paths = recent.ok ? recent.value.map((r) => r.path) : [];
    expect(paths[0]).toBe(join(root, 'sub', 'deeper.rnnlab'));
    expect([...paths].sort()).toEqual(
      ['inside.rnnlab', 'notes.rnnlab', 'sub/deeper.rnnlab', 'sub/new.rnnlab'].map((p) => join(root, p)).sort(),
    );
    expect(paths.some((p) => p.startsWith(outside) || p.includes('link'))).toBe(false);
  });
});
