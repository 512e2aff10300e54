// Projects on disk: loadProject (read-only, never modifies the file) and saveProject (atomic, keeps `.bak`).
// File-system failures become one-line ProjectFileErrors that start with the file name.
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ErrorCode } from '../../api/types/messages';
import { ProjectFileError } from '../errors';
import { replaceFileWithBackup } from './atomic-write';
import { FileReadRefusal, readFileCappedAsync } from '../util/read-capped';
import { MAX_FILE_BYTES } from './limits';
import { parseProject } from './parse';
import { projectToText } from './serialize';
import type { Project } from './types';


/** A save that failed on the file system (disk full, permission, ...), not because the project was invalid. */
export class ProjectWriteError extends ProjectFileError {}

export async function loadProject(path: string): Promise<Project> {
  const label = basename(path);
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ProjectFileError(`${label}: is a folder, not a project file`);
    if (!info.isFile()) throw new ProjectFileError(`${label}: is not a regular file (expected a *.rnnlab project file)`);
    if (info.size > MAX_FILE_BYTES) {
      throw new ProjectFileError(`${label}: is ${(info.size / 2 ** 20).toFixed(0)} MiB; expected a project file of at most ${MAX_FILE_BYTES / 2 ** 20} MiB`);
    }
    // The stat above gives the usual messages; the capped read is the guard (the file may change in between).
    bytes = await readFileCappedAsync(path, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof ProjectFileError) throw error;
    if (error instanceof FileReadRefusal) throw new ProjectFileError(`${label}: ${error.message} (expected a *.rnnlab project file of at most ${MAX_FILE_BYTES / 2 ** 20} MiB)`);
    const errno = (error as NodeJS.ErrnoException).code;
    const code: ErrorCode | null = errno === 'ENOENT' ? 'file-not-found' : errno === 'EACCES' || errno === 'EPERM' ? 'read-denied' : null;
    throw new ProjectFileError(`${label}: cannot be read: ${describeFsError(error, path, 'load')}`, code && { code, params: { path: label } });
  }
  return parseProject(bytes, label);
}

/**
 * Validates and writes the project atomically, keeping the previous file as `<path>.bak`; then sets
 * `project.modified` to the time written in the file. Nothing on disk changes when validation fails.
 */
export async function saveProject(path: string, project: Project): Promise<void> {
  const label = basename(path);
  const modified = new Date().toISOString();
  const result = projectToText({ ...project, modified });
  if ('problem' in result) throw new ProjectFileError(`${label}: cannot save: ${result.problem}`);
  if (result.text.length > MAX_FILE_BYTES) {
    // Base64 and JSON syntax are ASCII: characters are bytes (a long name may add a few; the margin is ample).
    throw new ProjectFileError(`${label}: cannot save: the project would take ${(result.text.length / 2 ** 20).toFixed(0)} MiB; expected at most ${MAX_FILE_BYTES / 2 ** 20} MiB (a checkpoint with large optimiser state? train with a smaller model)`);
  }
  try {
    await replaceFileWithBackup(path, result.text);
  } catch (error) {
    throw new ProjectWriteError(`${label}: cannot save: ${describeFsError(error, path, 'save')}`, { code: saveFailureCode(error), params: { file: label } });
  }
  project.modified = modified;
}

/** A failed write's errno as the kind the renderer words (the folder, permission, a full disk, anything else). */
function saveFailureCode(error: unknown): ErrorCode {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'save-no-folder';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'save-denied';
    case 'ENOSPC':
      return 'save-disk-full';
    default:
      return 'save-failed';
  }
}

/** errno -> words a user understands, naming the folder when the folder is the problem. */
function describeFsError(error: unknown, path: string, action: 'load' | 'save'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const folder = dirname(resolve(path));
  switch (code) {
    case 'ENOENT':
      return action === 'load' ? `no such file in ${folder}` : `the folder ${folder} does not exist`;
    case 'ENOTDIR':
      return `a part of the path ${folder} is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    default: {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      // Node's own messages already start with the code ("EMFILE: too many open files, open '...'").
      return code && !message.startsWith(`${code}:`) ? `${code}: ${message}` : message;
    }
  }
}
