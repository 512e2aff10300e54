// saveProject on a real full and nearly full disk (a 256 KiB tmpfs; mounting needs root, as in CI): the save fails
// in one line, the old project and its `.bak` stay byte-identical, and no partial or temporary file is left.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProjectFileError } from '../../src-main/core/errors';
import { loadProject, newProject, saveProject } from '../../src-main/core/project/index';
import { writeFileAtomically } from '../../src-main/core/util/atomic-file';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { canMount, emptyFiller, fillDisk, leftovers, mountTinyDisk, unmountTinyDisk } from '../helpers/tiny-disk';

const title = canMount ? 'on a 256 KiB tmpfs' : 'SKIPPED: cannot mount a tmpfs here (needs root)';
let disk: string | null = null;
beforeAll(() => void (disk = canMount ? mountTinyDisk(256) : null));
afterEach(() => void (disk && emptyFiller(disk)));
afterAll(() => unmountTinyDisk(disk));

/** An LSTM of 8 units (about 2 KB of project file) or, `big`, of 32 units (about 26 KB). */
const project = (name: string, big = false) =>
  newProject(name, parseModelSpec({ arch: 'lstm', input_size: 2, hidden_size: big ? 32 : 8, output_size: 1 }));

describe.skipIf(!canMount)(`saveProject ${title}`, () => {
  for (const left of [0, 4096, 12 * 1024]) {
    // Replacing `.bak` frees the old backup's pages, so the new version must be larger than those plus what is free.
    it(`with ${left} bytes free: one line, old project intact and in .bak, nothing else left`, async () => {
      const path = join(disk!, 'p.rnnlab');
      await saveProject(path, project('old'));
      await saveProject(path, project('old'));
      const old = readFileSync(path);
      fillDisk(disk!, left);
      const error = await saveProject(path, project('new', true)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProjectFileError);
      expect((error as Error).message).toBe('p.rnnlab: cannot save: the disk is full');
      expect(readFileSync(path)).toEqual(old);
      // The backup is kept before the new version is written: it is the file the save would have replaced.
      expect(readFileSync(`${path}.bak`)).toEqual(old);
      expect(leftovers(disk!, ['p.rnnlab', 'p.rnnlab.bak'])).toEqual([]);
      emptyFiller(disk!);
      await saveProject(path, project('new', true));
      expect((await loadProject(path)).name).toBe('new');
      expect((await loadProject(`${path}.bak`)).name).toBe('old');
    });
  }

  it('writeFileAtomically: a file larger than the free space is never left cut', async () => {
    const path = join(disk!, 'data.bin');
    writeFileSync(path, 'old');
    fillDisk(disk!, 8192);
    const error = await writeFileAtomically(path, Buffer.alloc(64 * 1024, 7)).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(leftovers(disk!, ['data.bin', 'p.rnnlab', 'p.rnnlab.bak'])).toEqual([]);
  });
});
