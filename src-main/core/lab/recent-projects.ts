// The recent projects list: a small JSON file in the host's data folder (Electron's user-data folder), newest
// first, at most RECENT_LIMIT entries. A missing or damaged list reads as empty: it is a convenience, never an error.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { RecentProject } from '../../api/lab-api';

export const RECENT_FILE = 'recent-projects.json';
export const RECENT_LIMIT = 20;

const entrySchema = z.object({ path: z.string().min(1), name: z.string(), openedAt: z.iso.datetime() });
const listSchema = z.object({ recent: z.array(entrySchema).max(1000) });
type Entry = z.infer<typeof entrySchema>;

export class RecentProjects {
  /** Without a data folder (tests, the CLI) the list lives in memory only. */
  private memory: Entry[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string | null) {}

  async list(): Promise<RecentProject[]> {
    const entries = await this.read();
    return entries.map((entry) => ({ ...entry, exists: existsSync(entry.path) }));
  }

  /** Puts `path` first (opened or saved just now). */
  async touch(path: string, name: string): Promise<void> {
    const entries = await this.read();
    const next = [{ path, name, openedAt: new Date().toISOString() }, ...entries.filter((e) => e.path !== path)].slice(0, RECENT_LIMIT);
    await this.write(next);
  }

  private async read(): Promise<Entry[]> {
    if (!this.dataDir) return [...this.memory];
    await this.writing;
    try {
      const parsed = listSchema.safeParse(JSON.parse(await readFile(join(this.dataDir, RECENT_FILE), 'utf8')));
      return parsed.success ? parsed.data.recent.slice(0, RECENT_LIMIT) : [];
    } catch {
      return [];
    }
  }

  private write(entries: Entry[]): Promise<void> {
    if (!this.dataDir) {
      this.memory = entries;
      return Promise.resolve();
    }
    const dir = this.dataDir;
    this.writing = this.writing
      .then(async () => {
        await mkdir(dir, { recursive: true });
        await writeFileAtomic(join(dir, RECENT_FILE), `${JSON.stringify({ recent: entries }, null, 2)}\n`);
      })
      // The list is a convenience: a read-only data folder must not fail the open or save that touched it.
      .catch(() => undefined);
    return this.writing;
  }
}
