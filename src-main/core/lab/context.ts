// What every part of the Lab service shares: the workspace (open project, undo, unsaved), the compute process,
// the options the host started the lab with, and the queue that runs state-changing requests one at a time.
// Parts (tasks-part.ts, settings-part.ts, ...) are classes constructed with it: `new XPart(context)`.
import type { Result } from '../../api/lab-api';
import { ComputeClient } from '../compute/client';
import type { ChannelFactory } from '../compute/protocol';
import type { EngineName } from '../engine/types';
import { attempt } from './results';
import { Workspace } from './workspace';

export interface LabServiceOptions {
  /** Engine to ask for; native by default (with the reference fallback and its warning). */
  engine?: EngineName;
  /** How to start the compute process: Electron passes utilityChannelFactory(...); a Node fork by default. */
  compute?: ChannelFactory;
  /** Folder for the lab's own files (recent projects, recovery copies); the host's user-data folder. */
  dataDir?: string;
  /** Browser mode: files may be opened and saved only under this folder (see files-part.ts). */
  root?: string;
}

export class LabContext {
  readonly workspace = new Workspace();
  readonly compute: ComputeClient;
  /** State-changing requests run one at a time, so a save never sees a half-opened project. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: LabServiceOptions = {}) {
    this.compute = new ComputeClient(options.compute ?? null);
  }

  /** Runs `work` after every earlier state-changing request finished; answers a Result, never rejects. */
  serial<T>(work: () => T | Promise<T>): Promise<Result<T>> {
    const run = this.queue.then(() => attempt(work));
    this.queue = run;
    return run;
  }

  /** Runs read-only `work` now; answers a Result, never rejects. */
  attempt<T>(work: () => T | Promise<T>): Promise<Result<T>> {
    return attempt(work);
  }
}
