// What a command may touch outside the core: the two output streams, and JSON files in and out.
// Commands write through CliIO so tests can run them in-process and read what they printed.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LabError } from '../core/errors';
import { writeFileAtomically } from '../core/util/atomic-file';
import { FileReadRefusal, formatBytes, readFileCapped } from '../core/util/read-capped';
import { formatJson } from './json';

export interface CliIO {
  /** Writes to stdout as is (add the newline yourself). */
  out(text: string): void;
  /** Writes to stderr as is. */
  err(text: string): void;
  /** Environment variables (RNNLAB_DEBUG). */
  env: Record<string, string | undefined>;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
};

/** A file named on the command line that cannot be read, parsed or written. */
export class CliFileError extends LabError {}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'the disk is full',
  ELOOP: 'too many levels of symbolic links (a symlink loop)',
  EROFS: 'the file system is read-only',
};

/** Why a file operation failed, in words (`no such file or directory`), or the first line of the error. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && FS_REASONS[code]) return FS_REASONS[code];
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** JSON inputs larger than this are refused (V8 strings stop near 512 MiB; parsed JSON takes several times more). */
export const MAX_JSON_BYTES = 256 * 2 ** 20;

/**
 * Reads a file a user named on the command line: a regular file of at most `maxBytes` (counted while reading, so
 * /dev/zero or a FIFO cannot hang the command); one-line CliFileError otherwise, saying what was expected.
 */
export function readUserFile(path: string, maxBytes: number, expected: string): Buffer {
  try {
    return readFileCapped(path, maxBytes);
  } catch (error) {
    if (error instanceof FileReadRefusal) throw new CliFileError(`${path}: expected ${expected} of at most ${formatBytes(maxBytes)}; this file ${error.message}`);
    throw new CliFileError(`cannot read ${path}: ${fsReason(error)}`);
  }
}

/** Reads and parses a JSON file; one-line CliFileError when it is missing, not a regular file, too large or not JSON. */
export function readJsonFile(path: string): unknown {
  const text = readUserFile(path, MAX_JSON_BYTES, 'a JSON file').toString('utf8');
  if (text.trim() === '') throw new CliFileError(`${path}: expected JSON, found an empty file`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliFileError(`${path}: expected JSON, found text that does not parse (${jsonErrorReason(error)})`);
  }
}

/**
 * JSON.parse's reason on one line, without the file text V8 echoes (`Unexpected token 'g', "garbage\n" is not valid
 * JSON`), which can hold newlines and would cut the message in the middle of a quote.
 */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/,\s*(\.\.\.)?".*is not valid JSON$/s, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Writes `value` as JSON to `path` (atomically: the complete file or none), or to stdout when no path is given. */
export async function emitJson(io: CliIO, value: unknown, path: string | undefined): Promise<void> {
  const text = formatJson(value) + '\n';
  if (path === undefined) {
    io.out(text);
    return;
  }
  try {
    await writeFileAtomically(path, text);
  } catch (error) {
    throw new CliFileError(`cannot write ${path}: ${fsReason(error)}`);
  }
}

/** Refuses an output path whose folder does not exist, before any work is done for it. */
export function checkOutputFolder(path: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new CliFileError(`cannot write ${path}: the folder ${folder} does not exist`);
}

/** Refuses to replace an existing file unless the user said --force. */
export function checkOverwrite(path: string, force: boolean | undefined): void {
  if (!force && existsSync(path)) throw new CliFileError(`${path} already exists; pass --force to overwrite it`);
}
