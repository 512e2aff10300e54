// `rnnlab task list` and `rnnlab task set`: which tasks exist, and giving a project its task (id, parameters, data
// seed) and optionally its training settings, checked against the model (input and output sizes, activation).
// Without --task the stored task is kept and --param / --settings change single fields of it.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Project } from '../../core/project/types';
import type { TaskData } from '../../core/tasks/types';
import { CliFileError, type CliIO } from '../io';
import { parseNumberArg } from '../options';

interface TaskSetOptions {
  task?: string;
  param?: Record<string, unknown>;
  seed?: number;
  description?: string;
  settings?: string;
  monitor?: string;
  evalEvery?: number;
  output?: string;
}

/** `key=value`: the value is JSON when it parses (numbers, true, arrays), else the text itself. */
export function parseParam(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = text.indexOf('=');
  if (eq < 1) throw new CliFileError(`--param: expected key=value, found '${text}'`);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // plain text, e.g. a file name
  }
  return { ...previous, [text.slice(0, eq)]: value };
}

/** Refuses a task whose data does not fit the model, naming the flag of `rnnlab new` that would fix it. */
export function checkTaskFits(project: Project, data: TaskData): void {
  const spec = project.spec;
  const problems: string[] = [];
  if (spec.input_size !== data.inputSize) problems.push(`input size ${data.inputSize} (model: ${spec.input_size})`);
  if (spec.output_size !== data.outputSize) problems.push(`output size ${data.outputSize} (model: ${spec.output_size})`);
  if (spec.output_activation !== data.outputActivation) {
    problems.push(`output activation ${data.outputActivation} (model: ${spec.output_activation})`);
  }
  if (problems.length > 0) throw new CliFileError(`task ${data.task} needs ${problems.join(', ')}; create the model to fit it`);
}

export function registerTask(program: Command, io: CliIO): void {
  const task = program.command('task').description('list the tasks, or set the task a project trains on');
  task
    .command('list')
    .description('every task id with its title')
    .action(async () => {
      const { listTasks } = await import('../../core/tasks/index');
      for (const t of listTasks()) io.out(`${t.id.padEnd(14)} ${t.title}\n`);
    });
  task
    .command('set')
    .description("set a project's task (and optionally its training settings); checks that the model fits")
    .argument('<project>', 'project file (*.rnnlab)')
    .option('--task <id>', "task id (see `rnnlab task list`); without it the project's task, parameters and seed are kept")
    .option('--param <key=value>', 'task parameter, repeatable (value parsed as JSON when it can be)', parseParamArg)
    .option('--seed <s>', 'seed of the generated data (default 0)', parseNumberArg)
    .option('--description <text>', 'one paragraph saying what this project shows')
    .option('--settings <json>', 'training settings as JSON, e.g. \'{"optimizer":"adam","lr":0.01,"batch_size":16}\'')
    .option('--monitor <json>', 'gradient monitor settings as JSON, e.g. \'{"exploding":{"max_norm":100}}\'')
    .option('--eval-every <n>', 'evaluate the validation split every n steps (default: every epoch, at most ~100 times a run)', parseNumberArg)
    .option('-o, --output <file>', 'write here instead of back into <project>')
    .action(async (path: string, options: TaskSetOptions) => {
      const { loadProject, saveProject } = await import('../../core/project/index');
      const { getTask } = await import('../../core/tasks/index');
      const { parseTrainingSettings } = await import('../../core/train/settings');
      const { parseMonitorSettings } = await import('../../core/monitor/thresholds');
      const project = await loadProject(path);
      const kept = keptTask(project, options.task, path);
      const params = { ...(kept?.params ?? {}), ...(options.param ?? {}) };
      // A data file named relative to where the command runs must still be found when training runs elsewhere.
      if (typeof params.file === 'string') params.file = resolve(params.file);
      const seed = options.seed ?? kept?.seed ?? 0;
      const data = getTask(options.task ?? kept!.id).generate(params, seed);
      checkTaskFits(project, data);
      project.task = {
        id: data.task,
        params: data.params,
        seed,
        ...(data.alphabet ? { alphabet: data.alphabet } : {}),
        ...(options.description ? { description: options.description } : kept?.description ? { description: kept.description } : {}),
      };
      const training: Record<string, unknown> = { ...(project.training ?? {}), checkpoint: null };
      if (options.settings !== undefined) {
        const given = jsonOption('--settings', options.settings);
        training.settings = parseTrainingSettings(kept ? mergeSettings(project.training?.settings, given) : given);
      }
      if (options.monitor !== undefined) training.monitor = parseMonitorSettings(jsonOption('--monitor', options.monitor));
      if (options.evalEvery !== undefined) training.eval_every = options.evalEvery;
      project.training = training;
      const out = options.output ?? path;
      await saveProject(out, project);
      io.out(`${out}: task ${data.task} (${data.train.length} train, ${data.validation.length} validation, ${data.test.length} test sequences)\n`);
    });
}

/** The project's task when --task is not given (null when it is); an error when there is none to keep. */
interface KeptTask {
  id: string;
  params: Record<string, unknown>;
  seed: number;
  description?: string;
}

function keptTask(project: Project, taskOption: string | undefined, path: string): KeptTask | null {
  if (taskOption !== undefined) return null;
  const task = project.task;
  if (!task || typeof task.id !== 'string') throw new CliFileError(`${path}: has no task yet; expected --task <id> (see rnnlab task list)`);
  return {
    id: task.id,
    params: typeof task.params === 'object' && task.params !== null ? (task.params as Record<string, unknown>) : {},
    seed: typeof task.seed === 'number' ? task.seed : 0,
    description: typeof task.description === 'string' ? task.description : undefined,
  };
}

/** Stored settings with the given fields replaced; giving epochs or steps drops the other. */
function mergeSettings(stored: unknown, given: unknown): unknown {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return given;
  const base: Record<string, unknown> = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {};
  if ('epochs' in given || 'steps' in given) {
    delete base.epochs;
    delete base.steps;
  }
  return { ...base, ...given };
}

function jsonOption(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliFileError(`${flag}: expected JSON, found '${text}'`);
  }
}

function parseParamArg(text: string, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  return parseParam(text, previous ?? {});
}
