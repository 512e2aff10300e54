// The example gallery: listExamples over resources/examples/*.rnnlab (title and "what to look at" from examples.ts,
// the paragraph from each project's task), and openExample, which opens a copy as a new, unsaved project.
import { join } from 'node:path';
import { z } from 'zod';
import type { ExampleInfo, ProjectSummary, Result } from '../../api/lab-api';
import { loadProject } from '../project/index';
import { findPackageRoot } from '../util/package-root';
import type { LabContext } from './context';
import { EXAMPLES, type ExampleEntry } from './examples';
import { parseArgument, RequestError } from './results';

const exampleIdSchema = z.string({ error: 'expected an example id as text' });

/** resources/examples of the installed package (app.asar when packaged: Electron reads it like a folder). */
export function examplesFolder(): string {
  const root = findPackageRoot();
  if (!root) throw new RequestError('the example projects are missing: expected resources/examples in the RNN Lab package');
  return join(root, 'resources', 'examples');
}

export class ExamplesPart {
  private gallery: Promise<ExampleInfo[]> | null = null;

  constructor(private readonly context: LabContext, private readonly folder: () => string = examplesFolder) {}

  listExamples(): Promise<Result<ExampleInfo[]>> {
    return this.context.attempt(async () => structuredClone(await this.describeAll()));
  }

  openExample(id: unknown): Promise<Result<ProjectSummary>> {
    return this.context.serial(async () => {
      const entry = this.find(parseArgument(exampleIdSchema, id, 'open example'));
      // Task, settings and run history come along; the copy has no file, so Save asks where to put it.
      const project = await loadProject(join(this.folder(), `${entry.id}.rnnlab`));
      this.context.workspace.replace(project, null, true);
      return this.context.workspace.summary();
    });
  }

  private find(id: string): ExampleEntry {
    const entry = EXAMPLES.find((e) => e.id === id);
    if (!entry) throw new RequestError(`no example '${id}': expected one of ${EXAMPLES.map((e) => e.id).join(', ')}`);
    return entry;
  }

  private describeAll(): Promise<ExampleInfo[]> {
    if (!this.gallery) {
      this.gallery = Promise.all(EXAMPLES.map((entry) => this.describe(entry)));
      // A failed read is not kept, so a later call can try again.
      this.gallery.catch(() => (this.gallery = null));
    }
    return this.gallery;
  }

  private async describe(entry: ExampleEntry): Promise<ExampleInfo> {
    const project = await loadProject(join(this.folder(), `${entry.id}.rnnlab`));
    const task = project.task ?? {};
    return {
      id: entry.id,
      title: entry.title,
      description: typeof task.description === 'string' ? task.description : '',
      lookFor: entry.lookFor,
      arch: project.spec.arch,
      taskId: typeof task.id === 'string' ? task.id : '',
      expectedAlerts: [...entry.expectedAlerts],
    };
  }
}
