// Replacing a file so that a complete version exists on disk at every instant, with the previous one kept as a
// backup. write-file-atomic does each write as temp file in the same folder -> fsync -> rename over the target.
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Writes `text` to `target`. If `target` exists, its bytes are first copied (atomically too) to `<target>.bak`,
 * before the rename that replaces it: a crash at any point leaves either the old or the new file complete, and the
 * backup is never half-written. Any failure leaves `target` as it was. Returns the backup path, or null if new.
 */
export async function replaceFileWithBackup(target: string, text: string): Promise<string | null> {
  const previous = await readIfExists(target);
  const backupPath = previous === null ? null : `${target}.bak`;
  if (backupPath !== null && previous !== null) await writeFileAtomic(backupPath, previous, { fsync: true });
  await writeFileAtomic(target, text, { fsync: true, encoding: 'utf8' });
  await syncFolder(dirname(target));
  return backupPath;
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes the renames themselves durable (POSIX); folders cannot be opened for fsync on Windows, so that is skipped. */
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
