// `rnnlab info`: what a project file holds, as the core's text summary or as JSON for scripts.
import type { Command } from 'commander';
import type { Project, ProjectSummaryInfo } from '../../core/project/index';
import { emitJson, type CliIO } from '../io';

/**
 * Every spec field as it is, plus the summary's counts: `parameters` (scalars) and `tensors` (name, shape, count);
 * with a task, `task` (its id) and for one-hot tasks `alphabet` (the input symbols in one-hot order).
 */
export function infoJson(project: Project, summary: ProjectSummaryInfo) {
  const { name, directions, parameters, tensors, created, modified } = summary;
  const task = typeof project.task?.id === 'string' ? { task: project.task.id } : {};
  const alphabet = Array.isArray(project.task?.alphabet) ? { alphabet: project.task.alphabet } : {};
  return { name, ...project.spec, directions, parameters, tensors, ...task, ...alphabet, created, modified };
}

export function registerInfo(program: Command, io: CliIO): void {
  program
    .command('info')
    .description('describe a project: architecture, sizes, output layer, parameters and their shapes')
    .argument('<project>', 'project file (*.rnnlab)')
    .option('--json', 'print JSON: every spec field, "parameters" (count), "tensors" (name, shape, count), "task" and "alphabet"')
    .action(async (path: string, options: { json?: boolean }) => {
      const { formatProjectSummary, loadProject, projectSummary } = await import('../../core/project/index');
      const project = await loadProject(path);
      const summary = projectSummary(project);
      if (options.json) await emitJson(io, infoJson(project, summary), undefined);
      else io.out(formatProjectSummary(summary) + '\n');
    });
}
