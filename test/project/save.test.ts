// Atomic save: `.bak` holds the previous version; any failed save leaves the existing file byte-identical.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../../src-main/core/errors';
import { loadProject, saveProject, serializeProject } from '../../src-main/core/project/index';
import type { Project } from '../../src-main/core/project/types';
import { familyProject, useTempFolder } from './helpers';

const tempFolder = useTempFolder();

async function savedFile(): Promise<{ path: string; project: Project; bytes: Buffer }> {
  const path = join(tempFolder(), 'tiny.rnnlab');
  const project = familyProject('gru', 'first version');
  await saveProject(path, project);
  return { path, project, bytes: readFileSync(path) };
}

describe('saveProject', () => {
  it('a new file gets no .bak; the next save keeps the previous content as .bak', async () => {
    const { path, project, bytes } = await savedFile();
    expect(existsSync(`${path}.bak`)).toBe(false);
    project.name = 'second version';
    await saveProject(path, project);
    expect(readFileSync(`${path}.bak`)).toEqual(bytes);
    expect((await loadProject(path)).name).toBe('second version');
    expect((await loadProject(`${path}.bak`)).name).toBe('first version');
    const third = readFileSync(path);
    project.name = 'third version';
    await saveProject(path, project);
    expect(readFileSync(`${path}.bak`)).toEqual(third);
  });

  it('leaves no temporary files behind', async () => {
    const { path, project } = await savedFile();
    await saveProject(path, project);
    expect(readdirSync(tempFolder()).sort()).toEqual(['tiny.rnnlab', 'tiny.rnnlab.bak']);
  });

  const unsavable: [string, (p: Project) => void, RegExp][] = [
    ['a NaN weight', (p) => (p.weights.weight_hh_l0.data[3] = NaN), /^tiny\.rnnlab: cannot save: weights\.weight_hh_l0: expected finite float32 numbers, found NaN at \[0, 3\]$/],
    ['a weight beyond float32', (p) => (p.weights.weight_ih_l0.data[0] = 1e39), /found 1e\+39, beyond float32's range, at \[0, 0\]$/],
    ['a spec that fails validation', (p) => (p.spec = { ...p.spec, hidden_size: 0 }), /^tiny\.rnnlab: cannot save: invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0$/],
    ['a missing weight', (p) => delete p.weights.weight_hh_l0, /weights: missing "weight_hh_l0" \(shape \[15, 5\]\), which this gru spec needs$/],
    ['a weight of the wrong shape', (p) => (p.weights.weight_hh_l0.shape = [5, 15]), /weights\.weight_hh_l0: expected shape \[15, 5\] for this gru spec, found \[5, 15\]$/],
    ['a short data buffer', (p) => (p.weights.weight_hh_l0.data = new Float64Array(3)), /expected 75 values for shape \[15, 5\], found 3$/],
    ['an empty name', (p) => (p.name = ''), /name: expected a project name of 1 to 200 characters, found ""$/],
    ['a cyclic task section', (p) => ((p.task = {}), (p.task.self = p.task)), /task: cannot be written as JSON \(Converting circular structure to JSON/],
  ];
  for (const [what, spoil, message] of unsavable) {
    it(`refuses ${what} and leaves the old file and .bak untouched`, async () => {
      const { path, project } = await savedFile();
      await saveProject(path, project);
      const bytes = readFileSync(path);
      const backup = readFileSync(`${path}.bak`);
      const mtime = statSync(path).mtimeMs;
      spoil(project);
      const error = await saveProject(path, project).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectFileError);
      expect((error as Error).message).toMatch(message);
      expect(readFileSync(path)).toEqual(bytes);
      expect(readFileSync(`${path}.bak`)).toEqual(backup);
      expect(statSync(path).mtimeMs).toBe(mtime);
      expect(readdirSync(tempFolder()).sort()).toEqual(['tiny.rnnlab', 'tiny.rnnlab.bak']);
    });
  }

  it('serializeProject names the project in its error', () => {
    const project = familyProject('rnn', 'broken');
    project.weights.head_bias = project.weights['head.bias'];
    expect(() => serializeProject(project)).toThrow(/^project "broken": cannot be saved: weights: unexpected "head_bias", not a parameter of this rnn spec/);
  });

  it('a folder that does not exist: clear error, nothing created', async () => {
    const folder = join(tempFolder(), 'missing');
    const error = await saveProject(join(folder, 'x.rnnlab'), familyProject('elman')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as Error).message).toBe(`x.rnnlab: cannot save: the folder ${folder} does not exist`);
    expect(existsSync(folder)).toBe(false);
  });

  it('a backup that cannot be written stops the save before the project file is replaced', async () => {
    const { path, project, bytes } = await savedFile();
    mkdirSync(`${path}.bak`); // a folder where the backup should go
    writeFileSync(join(`${path}.bak`, 'keep'), 'x');
    project.name = 'never written';
    const error = await saveProject(path, project).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as Error).message).toMatch(/^tiny\.rnnlab: cannot save: /);
    expect(readFileSync(path)).toEqual(bytes);
  });

  it('a target that is a folder is refused', async () => {
    const path = join(tempFolder(), 'folder.rnnlab');
    mkdirSync(path);
    const error = await saveProject(path, familyProject('rnn')).catch((e: unknown) => e);
    expect((error as Error).message).toBe('folder.rnnlab: cannot save: is a folder, not a file');
  });
});
