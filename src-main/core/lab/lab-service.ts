// The Lab service: LabApi implemented over the core, for every host (Electron IPC, web host, tests).
// Holds the open project; validates every unknown argument; answers results, never throws. Pure Node, no electron.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type {
  EngineInfo, EvaluateResult, ExampleInfo, LabApi, ProjectSummary, Result, SavedProject, Unsubscribe,
} from '../../api/lab-api';
import { selectEngine, type EngineChoice } from '../engine/select';
import type { EngineName } from '../engine/types';
import { loadProject, newProject, saveProject } from '../project/index';
import type { Project } from '../project/types';
import { parseModelSpec } from '../spec/schema';
import { evaluateModel } from './evaluate';
import { EXAMPLES } from './examples';
import { attempt, parseArgument, RequestError } from './results';
import { summarizeProject } from './summary';

export interface LabServiceOptions {
  /** Engine to ask for; native by default (with the reference fallback and its warning). */
  engine?: EngineName;
}

const pathSchema = z.string({ error: 'expected a file path as text' }).trim().min(1, { error: 'expected a non-empty file path' });
const newProjectSchema = z.strictObject({
  name: z.string({ error: 'expected a name as text' }).trim().min(1, { error: 'expected a non-empty name' }).optional(),
  spec: z.unknown().refine((v) => v !== undefined, { error: 'expected a model spec' }),
}, { error: 'expected an object like {"name": "...", "spec": {"arch": "lstm", ...}}' });
const exampleIdSchema = z.string({ error: 'expected an example id as text' });

/** File paths from a host are resolved against the process's working directory, so summaries carry absolute paths. */
export class LabService implements LabApi {
  private project: Project | null = null;
  private path: string | null = null;
  private unsaved = false;
  private engineChoice: Promise<EngineChoice> | null = null;
  private readonly listeners = new Set<(summary: ProjectSummary | null) => void>();
  /** State-changing requests run one at a time, so a save never sees a half-opened project. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LabServiceOptions = {}) {}

  engineInfo(): Promise<Result<EngineInfo>> {
    return attempt(async () => {
      const choice = await this.engine();
      return { name: choice.engine.name, warning: choice.warning };
    });
  }

  newProject(request: unknown): Promise<Result<ProjectSummary>> {
    return this.serial(() => {
      const { name, spec } = parseArgument(newProjectSchema, request, 'new project');
      this.replaceProject(newProject(name ?? 'untitled', parseModelSpec(spec)), null, true);
      return this.summary();
    });
  }

  openProject(path: unknown): Promise<Result<ProjectSummary>> {
    return this.serial(async () => {
      const file = resolve(parseArgument(pathSchema, path, 'open project'));
      this.replaceProject(await loadProject(file), file, false);
      return this.summary();
    });
  }

  saveProject(path?: unknown): Promise<Result<SavedProject>> {
    return this.serial(async () => {
      const project = this.requireProject();
      const target = path === undefined ? this.path : resolve(parseArgument(pathSchema, path, 'save project'));
      if (target === null) throw new RequestError('this project has never been saved: choose a file name to save it to');
      const backupPath = existsSync(target) ? `${target}.bak` : null;
      await saveProject(target, project);
      this.path = target;
      this.unsaved = false;
      this.emitChange();
      return { path: target, backupPath };
    });
  }

  describeProject(): Promise<Result<ProjectSummary>> {
    return attempt(() => this.summary());
  }

  listExamples(): Promise<Result<ExampleInfo[]>> {
    return attempt(() => structuredClone([...EXAMPLES]));
  }

  openExample(id: unknown): Promise<Result<ProjectSummary>> {
    return this.serial(() => {
      const wanted = parseArgument(exampleIdSchema, id, 'open example');
      const example = EXAMPLES.find((e) => e.id === wanted);
      if (!example) {
        throw new RequestError(`no example '${wanted}': expected one of ${EXAMPLES.map((e) => e.id).join(', ')}`);
      }
      this.replaceProject(newProject(example.title, parseModelSpec(example.spec)), null, true);
      return this.summary();
    });
  }

  evaluate(request: unknown): Promise<Result<EvaluateResult>> {
    return attempt(async () => {
      const project = this.requireProject();
      const { engine } = await this.engine();
      return evaluateModel(engine, { spec: project.spec, weights: project.weights }, request);
    });
  }

  onProjectChanged(listener: (summary: ProjectSummary | null) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private engine(): Promise<EngineChoice> {
    if (!this.engineChoice) {
      const choice = selectEngine(this.options.engine);
      // A failed selection is not kept, so a later call can try again.
      choice.catch(() => (this.engineChoice = null));
      this.engineChoice = choice;
    }
    return this.engineChoice;
  }

  private serial<T>(work: () => T | Promise<T>): Promise<Result<T>> {
    const run = this.queue.then(() => attempt(work));
    this.queue = run;
    return run;
  }

  private requireProject(): Project {
    if (!this.project) throw new RequestError('no project is open: create a new project or open a file first');
    return this.project;
  }

  private summary(): ProjectSummary {
    return summarizeProject(this.requireProject(), this.path, this.unsaved);
  }

  private replaceProject(project: Project, path: string | null, unsaved: boolean): void {
    this.project = project;
    this.path = path;
    this.unsaved = unsaved;
    this.emitChange();
  }

  private emitChange(): void {
    const summary = this.project ? this.summary() : null;
    for (const listener of [...this.listeners]) {
      try {
        listener(summary);
      } catch {
        // A broken listener (a closed window, a dropped connection) must not break the request that changed the project.
      }
    }
  }
}
