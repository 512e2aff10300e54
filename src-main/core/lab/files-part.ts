// Projects and files: open and save by path or as bytes (uploads and downloads), the recent projects list and
// crash-recovery copies (every minute while unsaved, in the host's data folder). Paths are resolved against the
// working directory; which paths a host may pass at all is the host's rule (browser mode: web/rooted-lab.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { FileBytes, ProjectSummary, RecentProject, RecoveryCopy, Result, SavedProject } from '../../api/lab-api';
import { loadProject, parseProject, saveProject } from '../project/index';
import { projectToText } from '../project/serialize';
import type { LabContext } from './context';
import { RecentProjects } from './recent-projects';
import { RECOVERY_INTERVAL_MS, RecoveryStore } from './recovery';
import { parseArgument, RequestError } from './results';

const pathSchema = z.string({ error: 'expected a file path as text' }).trim().min(1, { error: 'expected a non-empty file path' });
/** An uploaded project: its own name (no folders) and its bytes as base64. */
export const fileBytesSchema = z.strictObject({
  fileName: z.string({ error: 'expected fileName as text' }).min(1).max(255).refine((n) => !/[/\\\0]/.test(n), { error: 'expected a file name without folders' }),
  base64: z.base64({ error: 'expected base64 text' }),
}, { error: 'expected {"fileName": "...", "base64": "..."}' });
const recoveryIdSchema = z.string({ error: 'expected a recovery id as text' });

export class FilesPart {
  private readonly recent: RecentProjects;
  private readonly recovery: RecoveryStore | null;
  private readonly timer: ReturnType<typeof setInterval> | null = null;
  /** True when the project changed since the last recovery copy. */
  private changedSinceCopy = false;

  constructor(private readonly context: LabContext) {
    const dataDir = context.options.dataDir ?? null;
    this.recent = new RecentProjects(dataDir);
    this.recovery = dataDir ? new RecoveryStore(dataDir) : null;
    context.workspace.onChange(() => {
      this.changedSinceCopy = true;
      // Saved (or closed): this session's copy is no longer needed.
      if (!context.workspace.unsaved) void this.recovery?.clear().catch(() => undefined);
    });
    if (this.recovery) {
      this.timer = setInterval(() => void this.writeRecoveryCopy(), RECOVERY_INTERVAL_MS);
      this.timer.unref();
    }
  }

  openProject(path: unknown): Promise<Result<ProjectSummary>> {
    return this.context.serial(async () => {
      const file = resolve(parseArgument(pathSchema, path, 'open project'));
      const project = await loadProject(file);
      this.context.workspace.replace(project, file, false);
      await this.recent.touch(file, project.name);
      return this.context.workspace.summary();
    });
  }

  /** An uploaded file: opened as it is (not unsaved), with no path; Save gives it back as a download. */
  openProjectBytes(file: unknown): Promise<Result<ProjectSummary>> {
    return this.context.serial(() => {
      const { fileName, base64 } = parseArgument(fileBytesSchema, file, 'open project');
      const project = parseProject(Buffer.from(base64, 'base64'), fileName);
      this.context.workspace.replace(project, null, false);
      return this.context.workspace.summary();
    });
  }

  saveProject(path?: unknown): Promise<Result<SavedProject>> {
    return this.context.serial(async () => {
      const { workspace } = this.context;
      const project = workspace.require();
      const target = path === undefined ? workspace.path : resolve(parseArgument(pathSchema, path, 'save project'));
      if (target === null) throw new RequestError('this project has never been saved: choose a file name to save it to');
      const backupPath = existsSync(target) ? `${target}.bak` : null;
      await saveProject(target, project);
      workspace.markSaved(target);
      await this.recent.touch(target, project.name);
      return { path: target, backupPath };
    });
  }

  projectBytes(): Promise<Result<FileBytes>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const project = workspace.require();
      const text = projectToText({ ...project, modified: new Date().toISOString() });
      if ('problem' in text) throw new RequestError(`project "${project.name}": cannot be saved: ${text.problem}`);
      workspace.markSaved();
      return { fileName: `${safeFileStem(project.name)}.rnnlab`, base64: Buffer.from(text.text, 'utf8').toString('base64') };
    });
  }

  listRecentProjects(): Promise<Result<RecentProject[]>> {
    return this.context.attempt(() => this.recent.list());
  }

  listRecoveries(): Promise<Result<RecoveryCopy[]>> {
    return this.context.attempt(() => this.recovery?.list() ?? []);
  }

  restoreRecovery(id: unknown): Promise<Result<ProjectSummary>> {
    return this.context.serial(async () => {
      const wanted = parseArgument(recoveryIdSchema, id, 'restore recovery copy');
      const store = this.requireRecovery();
      const { project, path } = await store.read(wanted);
      this.context.workspace.replace(project, path, true);
      await store.remove(wanted);
      return this.context.workspace.summary();
    });
  }

  discardRecovery(id: unknown): Promise<Result<RecoveryCopy[]>> {
    return this.context.serial(async () => {
      const store = this.requireRecovery();
      await store.remove(parseArgument(recoveryIdSchema, id, 'discard recovery copy'));
      return store.list();
    });
  }

  /** Writes this session's recovery copy now if the project changed and is unsaved (the minute timer calls it). */
  async writeRecoveryCopy(): Promise<boolean> {
    const { workspace } = this.context;
    if (!this.recovery || !workspace.project || !workspace.unsaved || !this.changedSinceCopy) return false;
    this.changedSinceCopy = false;
    try {
      await this.recovery.write(workspace.project, workspace.path);
      return true;
    } catch {
      // A full disk or a read-only data folder: try again at the next tick.
      this.changedSinceCopy = true;
      return false;
    }
  }

  /** A clean exit: stop the timer and remove this session's copy (the user already answered about unsaved work).
   * Synchronous, so it completes inside a host's quit handler. */
  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.recovery?.clearSync();
  }

  private requireRecovery(): RecoveryStore {
    if (!this.recovery) throw new RequestError('this lab keeps no recovery copies (it was started without a data folder)');
    return this.recovery;
  }
}

/** A project name as a file name: characters no file system accepts become '_'. */
export function safeFileStem(name: string): string {
  const stem = [...name]
    .map((c) => (c.charCodeAt(0) < 32 || '/\\:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return stem || 'untitled';
}
