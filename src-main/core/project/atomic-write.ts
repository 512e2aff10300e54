// Replacing a project file so that a complete version exists on disk at every instant, with the previous one kept
// as `<target>.bak` (the atomic write itself is core/util/atomic-file.ts).
import { stat } from 'node:fs/promises';
import { keepCopy, writeFileAtomically } from '../util/atomic-file';

/**
 * Writes `text` to `target`. If `target` exists, it is first kept (atomically too) as `<target>.bak`, before the
 * rename that replaces it: a crash at any point leaves either the old or the new file complete, and the backup is
 * never half-written. Any failure leaves `target` as it was. Returns the backup path, or null if new.
 */
export async function replaceFileWithBackup(target: string, text: string): Promise<string | null> {
  const exists = await stat(target).then(
    (s) => s.isFile(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  const backupPath = exists ? `${target}.bak` : null;
  if (backupPath !== null) await keepCopy(target, backupPath);
  await writeFileAtomically(target, text);
  return backupPath;
}
