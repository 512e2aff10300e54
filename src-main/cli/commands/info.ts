// `rnnlab info`: what a project file holds, as the core's text summary or as JSON for scripts.
import type { Command } from 'commander';
import { formatProjectSummary, loadProject, projectSummary, type Project } from '../../core/project/index';
import { emitJson, type CliIO } from '../io';

/** Every spec field as it is, plus the summary's counts: `parameters` (scalars) and `tensors` (name, shape, count). */
export function infoJson(project: Project) {
  const { name, directions, parameters, tensors, created, modified } = projectSummary(project);
  return { name, ...project.spec, directions, parameters, tensors, created, modified };
}

export function registerInfo(program: Command, io: CliIO): void {
  program
    .command('info')
    .description('describe a project: architecture, sizes, output layer, parameters and their shapes')
    .argument('<project>', 'project file (*.rnnlab)')
    .option('--json', 'print JSON: every spec field, "parameters" (count) and "tensors" (name, shape, count)')
    .action(async (path: string, options: { json?: boolean }) => {
      const project = await loadProject(path);
      if (options.json) emitJson(io, infoJson(project), undefined);
      else io.out(formatProjectSummary(projectSummary(project)) + '\n');
    });
}
