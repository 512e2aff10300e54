// Which files browser mode may touch: project (.rnnlab) and ONNX (.onnx) files under the served folder (the folder
// `rnnlab serve` started in, or --root), after following symbolic links; writes never replace a file that is not a
// project (or a model), nor go through a link. Refusals say the rule, never anything about a file outside the root.
import { lstat, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LabError } from '../core/errors';
import { decodeModel } from '../core/onnx/codec';
import { parseProject } from '../core/project/index';

export type FileKind = 'project' | 'onnx';
const EXTENSION: Record<FileKind, string> = { project: '.rnnlab', onnx: '.onnx' };
const WHAT: Record<FileKind, string> = { project: 'an RNN Lab project', onnx: 'an ONNX model' };
/** A file this large is not checked by reading it: it is not one we would overwrite. */
const MAX_CHECK_BYTES = 512 * 1024 * 1024;

/** A request that breaks the served folder's rule; its message is safe to show (it names nothing outside). */
export class OutsideRootError extends LabError {}

export class ServedRoot {
  private real: Promise<string>;

  constructor(readonly folder: string) {
    // A missing root (checked by `rnnlab serve`) must not become an unhandled rejection: compare with it as written.
    this.real = realpath(folder).catch(() => resolve(folder));
  }

  /** The absolute path of an existing file of `kind` under the root (relative paths are taken from the root). */
  async forReading(input: unknown, kind: FileKind, what: string): Promise<string> {
    const path = await this.lexical(input, kind, what);
    const real = await realpath(path).catch(() => null);
    if (real === null) throw new OutsideRootError(`${what}: no file ${this.shown(path)} in the served folder`);
    if (!this.inside(await this.real, real)) throw this.outside(what, kind);
    return real;
  }

  /** The absolute path to write a file of `kind` to, under the root; an existing target must be of that kind. */
  async forWriting(input: unknown, kind: FileKind, what: string): Promise<string> {
    const path = await this.lexical(input, kind, what);
    const root = await this.real;
    const folder = await realpath(dirname(path)).catch(() => null);
    if (folder === null) throw new OutsideRootError(`${what}: the folder of ${this.shown(path)} does not exist in the served folder`);
    if (!this.inside(root, folder)) throw this.outside(what, kind);
    const target = resolve(folder, basename(path));
    const info = await lstat(target).catch(() => null);
    if (info === null) return target;
    if (info.isSymbolicLink()) throw new OutsideRootError(`${what}: will not write through the symbolic link ${this.shown(path)}`);
    if (!info.isFile() || info.size > MAX_CHECK_BYTES || !(await isKind(target, kind))) {
      throw new OutsideRootError(`${what}: will not replace ${this.shown(path)}: it is not ${WHAT[kind]}`);
    }
    return target;
  }

  /** Checks the name and that the path, as written, stays inside the root; answers it absolute. */
  private async lexical(input: unknown, kind: FileKind, what: string): Promise<string> {
    if (typeof input !== 'string' || input.trim() === '' || input.includes('\0')) {
      throw new OutsideRootError(`${what}: expected a path to a ${EXTENSION[kind]} file in the served folder`);
    }
    if (extname(input).toLowerCase() !== EXTENSION[kind]) {
      throw new OutsideRootError(`${what}: browser mode opens and saves only ${EXTENSION[kind]} files, found a name ending in "${extname(input).slice(0, 20) || 'no extension'}"`);
    }
    const path = isAbsolute(input) ? resolve(input) : resolve(this.folder, input);
    if (!this.inside(resolve(this.folder), path) && !this.inside(await this.real, path)) throw this.outside(what, kind);
    return path;
  }

  private inside(root: string, path: string): boolean {
    return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
  }

  private outside(what: string, kind: FileKind): OutsideRootError {
    return new OutsideRootError(`${what}: browser mode reads and writes only ${EXTENSION[kind]} files under the served folder ${this.folder}`);
  }

  /** A path inside the root, as the user sees it (relative to the root). */
  private shown(path: string): string {
    return JSON.stringify(relative(this.folder, path) || basename(path));
  }
}

async function isKind(path: string, kind: FileKind): Promise<boolean> {
  try {
    const bytes = await readFile(path);
    if (kind === 'project') parseProject(bytes, basename(path));
    else decodeModel(bytes, basename(path));
    return true;
  } catch {
    return false;
  }
}
