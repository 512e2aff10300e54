// docs/project-format.md, "task, training and history": loading accepts any object in these sections and keeps it
// through a save; their contents are checked when training starts, in one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../src-main/core/project/index';
import { lines, requireBuiltCli, runInProcess, scratchFolder, spawnCli } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

async function projectWithSections(name: string, sections: Record<string, unknown>): Promise<string> {
  const path = scratch.file(name);
  expect((await runInProcess(['new', '--arch', 'gru', '--input-size', '2', '--hidden-size', '3', '-o', path])).code).toBe(0);
  const document = JSON.parse(readFileSync(path, 'utf8'));
  expect([document.task, document.training, document.history]).toEqual([null, null, null]);
  writeFileSync(path, JSON.stringify({ ...document, ...sections }));
  return path;
}

describe('task, training and history sections', () => {
  const odd = { task: { id: 5, extra: [1, 2] }, training: { whatever: true }, history: { anything: { nested: 'yes' } } };

  it('load whatever object they hold and survive a save unchanged', async () => {
    const path = await projectWithSections('odd.rnnlab', odd);
    expect((await runInProcess(['info', path])).code).toBe(0);
    await saveProject(path, await loadProject(path));
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect({ task: saved.task, training: saved.training, history: saved.history }).toEqual(odd);
  });

  it('are checked when training starts: one line naming the section, exit 1', async () => {
    const path = await projectWithSections('train.rnnlab', odd);
    const result = spawnCli(['train', path, '--engine', 'reference']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^rnnlab: task section: id: .*found 5/);
  });

  it('refuse a section that is not an object or null when loading', async () => {
    const path = await projectWithSections('list.rnnlab', { task: [1, 2] });
    const result = await runInProcess(['info', path]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^rnnlab: .*list\.rnnlab: task: expected an object or null/);
  });
});
