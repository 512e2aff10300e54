// `rnnlab info`: what a project file holds, as a human summary or as JSON for scripts.
import type { Command } from 'commander';
import { loadProject } from '../../core/project/index';
import { paramLayout, parameterCount } from '../../core/spec/params';
import type { ModelSpec } from '../../core/spec/types';
import { infoText } from '../format';
import { emitJson, type CliIO } from '../io';

/** The spec's fields as they are, plus `parameters` (the count) and each parameter's shape in state_dict order. */
export function infoJson(name: string, spec: ModelSpec) {
  return {
    name,
    ...spec,
    parameters: parameterCount(spec),
    parameter_shapes: Object.fromEntries(paramLayout(spec).map((p) => [p.name, p.shape])),
  };
}

export function registerInfo(program: Command, io: CliIO): void {
  program
    .command('info')
    .description('describe a project: architecture, sizes, output layer, parameters and their shapes')
    .argument('<project>', 'project file (*.rnnlab)')
    .option('--json', 'print JSON (the spec, "parameters" as a count and "parameter_shapes")')
    .action(async (path: string, options: { json?: boolean }) => {
      const project = await loadProject(path);
      if (options.json) emitJson(io, infoJson(project.name, project.spec), undefined);
      else io.out(infoText(project.name, path, project.spec) + '\n');
    });
}
