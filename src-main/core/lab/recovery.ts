// Crash-recovery copies: while the open project has unsaved changes, a copy is written every minute to
// <dataDir>/recovery/<id>.rnnlab with <id>.json beside it (name, original path, time). A clean exit or a save
// removes this session's copy; copies left by a session that died are offered at the next start.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { RecoveryCopy } from '../../api/lab-api';
import { parseProject } from '../project/index';
import { projectToText } from '../project/serialize';
import type { Project } from '../project/types';
import { RequestError } from './results';

export const RECOVERY_INTERVAL_MS = 60_000;
const ID_PATTERN = /^[a-z0-9-]{6,64}$/;
const metaSchema = z.object({ name: z.string(), path: z.string().nullable(), savedAt: z.iso.datetime() });

export class RecoveryStore {
  /** This session's copy; other ids in the folder belong to sessions that ended without cleaning up. */
  readonly sessionId = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'recovery');
  }

  /** Writes (replaces) this session's copy of `project`. */
  async write(project: Project, path: string | null): Promise<void> {
    const text = projectToText(project);
    if ('problem' in text) return; // A project that cannot be saved cannot be recovered either; the session still has it.
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, `${this.sessionId}.rnnlab`), text.text);
    const meta = { name: project.name, path, savedAt: new Date().toISOString() };
    await writeFileAtomic(join(this.dir, `${this.sessionId}.json`), `${JSON.stringify(meta)}\n`);
  }

  /** Removes this session's copy (the project was saved, or the app is closing cleanly). */
  clear(): Promise<void> {
    return this.remove(this.sessionId);
  }

  /** The same, synchronously: for a host's quit handler. */
  clearSync(): void {
    rmSync(join(this.dir, `${this.sessionId}.json`), { force: true });
    rmSync(join(this.dir, `${this.sessionId}.rnnlab`), { force: true });
  }

  /** Copies from earlier sessions, newest first; unreadable ones are skipped. */
  async list(): Promise<RecoveryCopy[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const copies: RecoveryCopy[] = [];
    for (const name of names) {
      const id = name.replace(/\.json$/, '');
      if (!name.endsWith('.json') || id === this.sessionId || !ID_PATTERN.test(id)) continue;
      const meta = await readFile(join(this.dir, name), 'utf8').then((text) => metaSchema.safeParse(JSON.parse(text)), () => null).catch(() => null);
      if (meta?.success) copies.push({ id, ...meta.data });
    }
    return copies.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** The copy's project and the file it belonged to; throws a one-line RequestError for an unknown id. */
  async read(id: string): Promise<{ project: Project; path: string | null }> {
    const copy = (await this.list()).find((c) => c.id === id);
    if (!copy) throw new RequestError(`no recovery copy '${id}': expected one of listRecoveries()`);
    const bytes = await readFile(join(this.dir, `${id}.rnnlab`)).catch(() => {
      throw new RequestError(`recovery copy of "${copy.name}" is gone (its project file was removed)`);
    });
    return { project: parseProject(bytes, `recovery copy of "${copy.name}"`), path: copy.path };
  }

  async remove(id: string): Promise<void> {
    if (!ID_PATTERN.test(id)) throw new RequestError(`no recovery copy '${id}': expected one of listRecoveries()`);
    await rm(join(this.dir, `${id}.json`), { force: true });
    await rm(join(this.dir, `${id}.rnnlab`), { force: true });
  }
}
