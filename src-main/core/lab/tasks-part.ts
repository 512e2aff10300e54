// Tasks and data for LabApi: the task list with generated forms, setting the open project's task (an undoable edit;
// user data arrives as contents), previews of a task's examples and of a CSV file. Logic lives in lab/tasks/.
import type { CsvPreview, EditOutcome, Result, SetTaskRequest, TaskInfo, TaskPreview } from '../../api/lab-api';
import type { LabContext } from './context';
import { parseArgument } from './results';
import { taskInfos } from './tasks/param-fields';
import { previewCsv, previewTask } from './tasks/preview';
import { applyTask, setTaskSchema } from './tasks/set-task';

export class TasksPart {
  private infos: TaskInfo[] | null = null;

  constructor(private readonly context: LabContext) {}

  /** Browser mode (a root is set) reads no data file by path. */
  private get allowPaths(): boolean {
    return this.context.options.root === undefined;
  }

  listTasks(): Promise<Result<TaskInfo[]>> {
    return this.context.attempt(() => structuredClone((this.infos ??= taskInfos())));
  }

  setTask(request: unknown): Promise<Result<EditOutcome>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const parsed = parseArgument(setTaskSchema, request, 'set task') as SetTaskRequest;
      const edit = applyTask(workspace.require(), parsed, this.allowPaths);
      return workspace.edit(`Set task ${edit.data.task}`, { project: edit.project, message: edit.message, notes: edit.notes }, edit.what);
    });
  }

  previewTask(request: unknown): Promise<Result<TaskPreview>> {
    return this.context.attempt(() => previewTask(this.context.workspace.project, request, this.allowPaths));
  }

  previewCsv(request: unknown): Promise<Result<CsvPreview>> {
    return this.context.attempt(() => previewCsv(request));
  }
}
