// FilesPart through the Lab service: bytes in and out, the recent projects list in the host's data folder, and the
// crash-recovery copies (every minute while unsaved, removed on save and on a clean exit, offered to the next session).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { RecentProject, RecoveryCopy } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { RECENT_LIMIT } from '../../src-main/core/lab/recent-projects';
import { RECOVERY_INTERVAL_MS } from '../../src-main/core/lab/recovery';
import { parseProject } from '../../src-main/core/project/index';

const scratch = mkdtempSync(join(tmpdir(), 'rnnlab-files-part-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const labs: LabService[] = [];
afterEach(() => {
  vi.useRealTimers();
  labs.splice(0).forEach((lab) => (lab.files.dispose(), lab.dispose()));
});
const lab = (dataDir?: string) => {
  const service = new LabService({ engine: 'reference', dataDir });
  labs.push(service);
  return service;
};
const spec = { arch: 'gru', input_size: 1, hidden_size: 2, output_size: 1 };
const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('project bytes', () => {
  it('gives the project as a download that opens again, and marks it saved', async () => {
    const service = lab();
    await service.newProject({ name: 'a/b: c', spec });
    const file = value(await service.projectBytes());
    expect(file.fileName).toBe('a_b_ c.rnnlab');
    expect(value(await service.describeProject()).unsaved).toBe(false);
    const other = lab();
    expect(value(await other.openProjectBytes(file))).toMatchObject({ name: 'a/b: c', path: null, unsaved: false, spec: { arch: 'gru' } });
  });

  it('refuses what is not a project file, in one line naming the file', async () => {
    const service = lab();
    expect(await service.openProjectBytes({ fileName: 'x.rnnlab', base64: Buffer.from('{"format": 1}').toString('base64') })).toMatchObject({ ok: false, error: expect.stringMatching(/^x\.rnnlab: /) });
    expect(await service.openProjectBytes({ fileName: '../x.rnnlab', base64: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/without folders/) });
    expect(await service.openProjectBytes('x')).toMatchObject({ ok: false, error: expect.stringMatching(/^open project: /) });
    expect(await service.projectBytes()).toEqual({ ok: false, error: 'no project is open: create a new project or open a file first', code: 'no-project', params: {} });
  });
});

describe('recent projects', () => {
  it('lists opened and saved files newest first in <dataDir>/recent-projects.json, flagging missing ones', async () => {
    const dataDir = join(scratch, 'recent');
    const service = lab(dataDir);
    await service.newProject({ name: 'one', spec });
    await service.saveProject(join(scratch, 'one.rnnlab'));
    await service.newProject({ name: 'two', spec });
    await service.saveProject(join(scratch, 'two.rnnlab'));
    await service.openProject(join(scratch, 'one.rnnlab'));
    rmSync(join(scratch, 'two.rnnlab'));
    const recent = value(await lab(dataDir).listRecentProjects());
    expect(recent.map((r: RecentProject) => [r.name, r.path, r.exists])).toEqual([
      ['one', join(scratch, 'one.rnnlab'), true],
      ['two', join(scratch, 'two.rnnlab'), false],
    ]);
    expect(JSON.parse(readFileSync(join(dataDir, 'recent-projects.json'), 'utf8')).recent).toHaveLength(2);
  });

  it('keeps at most the limit, and reads a damaged list as empty', async () => {
    const dataDir = join(scratch, 'recent-many');
    const service = lab(dataDir);
    await service.newProject({ name: 'many', spec });
    for (let i = 0; i < RECENT_LIMIT + 5; i++) await service.saveProject(join(scratch, `many-${i}.rnnlab`));
    const recent = value(await service.listRecentProjects());
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0].path).toBe(join(scratch, `many-${RECENT_LIMIT + 4}.rnnlab`));
    writeFileSync(join(dataDir, 'recent-projects.json'), '{"recent": [{"path": 5}]');
    expect(await service.listRecentProjects()).toEqual({ ok: true, value: [] });
  });
});

describe('crash-recovery copies', () => {
  it('are written every minute only while there are unsaved changes, and removed by a save', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const dataDir = join(scratch, 'recovery-timer');
    const service = lab(dataDir);
    const folder = join(dataDir, 'recovery');
    await service.newProject({ name: 'work', spec });
    expect(existsSync(folder)).toBe(false);
    await vi.advanceTimersByTimeAsync(RECOVERY_INTERVAL_MS - 1000);
    expect(existsSync(folder)).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(readdirSync(folder).sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.rnnlab$/)]));
    const copy = readdirSync(folder).find((n) => n.endsWith('.rnnlab'))!;
    expect(parseProject(readFileSync(join(folder, copy)), copy).name).toBe('work');

    await service.saveProject(join(scratch, 'work.rnnlab'));
    await vi.waitFor(() => expect(readdirSync(folder)).toEqual([]));
    await vi.advanceTimersByTimeAsync(RECOVERY_INTERVAL_MS * 3);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('are offered to the next session (not to their own), restored as unsaved with their file, or discarded', async () => {
    const dataDir = join(scratch, 'recovery-next');
    const crashed = new LabService({ engine: 'reference', dataDir });
    await crashed.newProject({ name: 'lost work', spec });
    await crashed.saveProject(join(scratch, 'lost.rnnlab'));
    await crashed.resetWeights(7);
    expect(await crashed.files.writeRecoveryCopy()).toBe(true);
    expect(value(await crashed.listRecoveries())).toEqual([]);
    crashed.dispose(); // no files.dispose(): the process "died" and its copy stays

    const next = lab(dataDir);
    const copies = value(await next.listRecoveries());
    expect(copies).toEqual([{ id: expect.any(String), name: 'lost work', path: join(scratch, 'lost.rnnlab'), savedAt: expect.any(String) }]);
    expect(await next.restoreRecovery('../../etc')).toMatchObject({ ok: false, error: "no recovery copy '../../etc': expected one of listRecoveries()" });
    const restored = value(await next.restoreRecovery(copies[0].id));
    expect(restored).toMatchObject({ name: 'lost work', path: join(scratch, 'lost.rnnlab'), unsaved: true });
    expect(value(await next.listRecoveries())).toEqual([]);

    const again = new LabService({ engine: 'reference', dataDir });
    await again.newProject({ name: 'another', spec });
    await again.files.writeRecoveryCopy();
    again.dispose();
    const third = lab(dataDir);
    const [copy] = value(await third.listRecoveries()) as RecoveryCopy[];
    expect(value(await third.discardRecovery(copy.id))).toEqual([]);
  });

  it('disappear on a clean exit', async () => {
    const dataDir = join(scratch, 'recovery-clean');
    const service = new LabService({ engine: 'reference', dataDir });
    await service.newProject({ name: 'closing', spec });
    expect(await service.files.writeRecoveryCopy()).toBe(true);
    expect(readdirSync(join(dataDir, 'recovery'))).toHaveLength(2);
    service.files.dispose();
    service.dispose();
    expect(readdirSync(join(dataDir, 'recovery'))).toEqual([]);
  });
});
