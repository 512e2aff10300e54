// A disk error while the new version is written (after the backup): the old file stays byte-identical, the
// backup holds it too, and the error is one line. write-file-atomic is wrapped to fail on the project file only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ProjectFileError } from '../../src-main/core/errors';
import { saveProject } from '../../src-main/core/project/index';
import { familyProject, useTempFolder } from './helpers';

const failing = vi.hoisted(() => ({ path: null as string | null }));

vi.mock('write-file-atomic', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...args: unknown[]) => Promise<void> }).default;
  return {
    default: (path: string, ...rest: unknown[]) => {
      if (path === failing.path) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      return real(path, ...rest);
    },
  };
});

const tempFolder = useTempFolder();

describe('saveProject on a full disk', () => {
  it('keeps the old project intact and says the disk is full', async () => {
    const path = join(tempFolder(), 'full.rnnlab');
    const project = familyProject('lstm', 'old');
    await saveProject(path, project);
    const old = readFileSync(path);
    failing.path = path;
    project.name = 'new';
    const error = await saveProject(path, project).catch((e: unknown) => e);
    failing.path = null;
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as Error).message).toBe('full.rnnlab: cannot save: the disk is full');
    expect(readFileSync(path)).toEqual(old);
    expect(readFileSync(`${path}.bak`)).toEqual(old);
  });
});
