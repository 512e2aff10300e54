// Saving work that must not be lost (a trained project): when the save fails on the file system, the project is
// written to a recovery copy instead, and the one-line error says where. Tried in order: beside the target (the
// folder the user looks in), the home folder (persists; often another disk), the OS temp folder (last resort).
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ProjectFileError } from '../errors';
import { ProjectWriteError, saveProject } from './store';
import type { Project } from './types';

/** Folders a recovery copy of `target` may go to, best first, without repeats. */
export function recoveryFolders(target: string): string[] {
  return [...new Set([dirname(resolve(target)), homedir(), tmpdir()])];
}

/** `train.recovered-20261202-163512.rnnlab`: the target's stem, when, and still a project file by its name. */
export function recoveryName(target: string, when = new Date()): string {
  const stem = basename(target, extname(target));
  const stamp = when.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stem}.recovered-${stamp}.rnnlab`;
}

/**
 * saveProject, and when the file system refuses it, a recovery copy. Throws one ProjectFileError saying why the
 * save failed and where `what` (e.g. "the trained project (step 500)") was saved instead, or that it could not be.
 * Returns normally only when `path` itself was written.
 */
export async function saveProjectOrRecover(path: string, project: Project, what: string): Promise<void> {
  try {
    await saveProject(path, project);
    return;
  } catch (error) {
    if (!(error instanceof ProjectWriteError)) throw error;
    const folders = recoveryFolders(path);
    const copy = await saveFirstCopy(folders.map((folder) => join(folder, recoveryName(path))), project);
    if (copy !== null) throw new ProjectFileError(`${error.message}; ${what} was saved to ${copy} instead`);
    throw new ProjectFileError(`${error.message}; ${what} could not be saved anywhere else either (tried ${folders.join(', ')})`);
  }
}

async function saveFirstCopy(paths: readonly string[], project: Project): Promise<string | null> {
  for (const path of paths) {
    try {
      await saveProject(path, { ...project });
      return path;
    } catch {
      // Full or read-only too: try the next folder.
    }
  }
  return null;
}
