// Browser mode's "recent projects": the project files under the served folder, newest first. The walk is bounded
// (depth, entries visited, results) so a huge folder cannot stall the server; hidden folders and node_modules are skipped.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RecentProject } from '../api/lab-api';

export const FIND_LIMITS = { depth: 3, entries: 5000, results: 50 } as const;

export async function findProjects(root: string, limits = FIND_LIMITS): Promise<RecentProject[]> {
  const found: { path: string; mtime: number }[] = [];
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++visited > limits.entries) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < limits.depth && !entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(path, depth + 1);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.rnnlab')) {
        const info = await stat(path).catch(() => null);
        if (info) found.push({ path, mtime: info.mtimeMs });
      }
    }
  };
  await walk(root, 0);
  return found
    .sort((a, b) => b.mtime - a.mtime)
    .slice(0, limits.results)
    .map(({ path, mtime }) => ({ path, name: basename(path, '.rnnlab'), openedAt: new Date(mtime).toISOString(), exists: true }));
}
