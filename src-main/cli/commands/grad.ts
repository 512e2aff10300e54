// `rnnlab grad`: gradients of the loss sum(output*dOutput) + sum(y*dY) (+ h_n, c_n seeds) by backpropagation through time.
import type { Command } from 'commander';
import { parseSequenceInput } from '../../core/io/sequenceInput';
import { gradientsToJson } from '../../core/io/sequenceOutput';
import { emitJson, readJsonFile, type CliIO } from '../io';
import { chooseEngine, engineOption } from '../options';
import { INPUT_HELP, type RunOptions } from './eval';

export function registerGrad(program: Command, io: CliIO): void {
  program
    .command('grad')
    .description('backpropagate through time: gradients of every parameter and of the input')
    .argument('<project>', 'project file (*.rnnlab)')
    .requiredOption('--input <file>', 'input JSON: as for eval, plus "dOutput" and/or "dY" (and "dhN", "dcN")')
    .option('--output <file>', 'write the gradients JSON here instead of stdout')
    .addOption(engineOption())
    .addHelpText(
      'after',
      `${INPUT_HELP}
Gradient seeds (at least one): "dOutput": [batch][time][D*hidden], "dY": [batch][time][output],
  "dhN": [L*D][batch][hidden], "dcN": (lstm). The loss is sum(output*dOutput) + sum(y*dY) + sum(h_n*dhN) + sum(c_n*dcN).
Output JSON: {"grads": {name: array of the parameter's shape}, "dx": [batch][time][input_size],
  "dh0": [L*D][batch][hidden], "dc0": (lstm), "dy0": (jordan)}`,
    )
    .action(async (path: string, options: RunOptions) => {
      const { loadProject } = await import('../../core/project/index');
      const project = await loadProject(path);
      const input = parseSequenceInput(readJsonFile(options.input), project.spec, true);
      const engine = await chooseEngine(io, options.engine);
      const pass = engine.forward({ spec: project.spec, weights: project.weights }, input.batch, { training: false });
      const grads = pass.backward(input.seeds ?? {});
      await emitJson(io, gradientsToJson(project.spec, input.batch, grads), options.output);
    });
}
