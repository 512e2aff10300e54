// A small tmpfs mounted for one test file, to write on a nearly full disk for real (needs root, as in CI).
// `canMount` says whether this machine allows it; tests that need it are skipped with that reason in their title.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs of `kib` KiB on a fresh folder; returns the folder, or null when mounting is not allowed here. */
export function mountTinyDisk(kib: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

export function unmountTinyDisk(dir: string | null): void {
  if (dir === null) return;
  execFileSync('umount', [dir], { stdio: 'pipe' });
  rmSync(dir, { recursive: true, force: true });
}

/** Whether this process may mount a tmpfs (decided once, by trying). */
export const canMount: boolean = (() => {
  const dir = mountTinyDisk(16);
  if (dir === null) return false;
  unmountTinyDisk(dir);
  return true;
})();

/** Free bytes on the file system of `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Fills the disk of `dir` with a file `.filler` until only `leave` bytes (rounded down to 4 KiB pages) are free. */
export function fillDisk(dir: string, leave: number): void {
  rmSync(join(dir, '.filler'), { force: true });
  const size = freeBytes(dir) - leave;
  if (size > 0) writeFileSync(join(dir, '.filler'), Buffer.alloc(size));
}

/** Frees the space `fillDisk` took. */
export function emptyFiller(dir: string): void {
  rmSync(join(dir, '.filler'), { force: true });
}

/** Names in `dir` other than the ones given and the filler: temporaries a save left behind. */
export function leftovers(dir: string, expected: readonly string[]): string[] {
  return readdirSync(dir).filter((name) => name !== '.filler' && !expected.includes(name));
}
