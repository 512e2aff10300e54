// Finds the installed `rnn-lab` package root (where build/, out/ and resources/ live) from wherever the code runs:
// the TypeScript sources under vitest, the CLI bundle in out/cli, or electron-vite's out/main.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directories to start the search from: this module, the running script, the working directory. */
function startDirs(): string[] {
  const dirs: string[] = [];
  try {
    if (typeof import.meta.url === 'string') dirs.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // Bundled to CommonJS: import.meta is empty; fall through to the process's own locations.
  }
  if (process.argv[1]) dirs.push(path.dirname(path.resolve(process.argv[1])));
  dirs.push(process.cwd());
  return dirs;
}

function isPackageRoot(dir: string): boolean {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'rnn-lab';
  } catch {
    return false;
  }
}

/** The first `rnn-lab` package root above any start directory, or null. */
export function findPackageRoot(): string | null {
  for (const start of startDirs()) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (isPackageRoot(dir)) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}
