// Replacing a file so that a complete version is on disk at every instant: write a recognisable temporary beside
// the target (`.NAME.rnnlab-tmp-<pid>-<random>`), loop until every byte is written, fsync, check the size, rename.
// Temporaries that a killed process left beside the same target are removed on the next write.
import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_MARK = '.rnnlab-tmp-';
/** A temporary of a live process older than this is left over from a process whose pid was reused. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** `.model.onnx.rnnlab-tmp-4242-9f3a1c07`: hidden, says who wrote it and for which file. */
export function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes `data` to `target` atomically: either the old file or the complete new one, never a part. Fails (and
 * removes its temporary) when the disk takes fewer bytes than given; keeps the permissions of a replaced file.
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await removeStaleTemporaries(target);
  const mode = await modeOf(target);
  const temp = temporaryPath(target);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(temp, 'wx', mode);
    for (let offset = 0; offset < bytes.byteLength; ) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
      if (bytesWritten <= 0) throw noSpace(target);
      offset += bytesWritten;
    }
    await handle.sync();
    const { size } = await handle.stat();
    if (size !== bytes.byteLength) throw noSpace(target);
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));
}

/**
 * Makes `copy` hold the current bytes of `source`, atomically: a hard link where the file system has them (no
 * space needed, so a backup still works on a nearly full disk), else a copy written like any other file.
 */
export async function keepCopy(source: string, copy: string): Promise<void> {
  await removeStaleTemporaries(copy);
  const temp = temporaryPath(copy);
  try {
    await link(source, temp);
    await rename(temp, copy);
    // When `copy` already is a link to the same file (an earlier save failed after keeping it), rename(2) does
    // nothing and leaves `temp`: remove it.
    await unlink(temp).catch(() => undefined);
  } catch {
    await unlink(temp).catch(() => undefined);
    await writeFileAtomically(copy, await readFile(source));
  }
}

/** Removes `.NAME.rnnlab-tmp-<pid>-*` beside `target` whose process is gone (or that are over an hour old). */
export async function removeStaleTemporaries(target: string): Promise<string[]> {
  const folder = dirname(target);
  const prefix = `.${basename(target)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const path = join(folder, name);
    const old = await stat(path).then((s) => Date.now() - s.mtimeMs > STALE_AFTER_MS, () => false);
    if (!old && isRunning(Number(match[1]))) continue;
    if (await unlink(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function modeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return 0o666;
  }
}

function noSpace(target: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${target}'`), { code: 'ENOSPC' });
}

/** Makes the rename itself durable (POSIX); folders cannot be opened for fsync on Windows, so that is skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system: the data itself is already fsynced.
  } finally {
    await handle?.close();
  }
}
