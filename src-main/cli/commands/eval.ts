// `rnnlab eval`: one forward pass of a project's model over the sequences of an input JSON file.
import type { Command } from 'commander';
import type { EngineName } from '../../core/engine/types';
import { parseSequenceInput } from '../../core/io/sequenceInput';
import { forwardToJson } from '../../core/io/sequenceOutput';
import { emitJson, readJsonFile, type CliIO } from '../io';
import { chooseEngine, engineOption } from '../options';

export interface RunOptions {
  input: string;
  output?: string;
  engine?: EngineName;
}

export const INPUT_HELP = `
Input JSON (batch-first nested arrays, whatever the model's batch_first says; L*D = layers x directions):
  {"x": [batch][time][input_size], "h0"?: [L*D][batch][hidden] (not jordan), "c0"?: (lstm, like h0),
   "y0"?: [batch][output] (jordan: the previous output fed back at the first step)}`;

export function registerEval(program: Command, io: CliIO): void {
  program
    .command('eval')
    .description('run the model forward over the sequences in an input file')
    .argument('<project>', 'project file (*.rnnlab)')
    .requiredOption('--input <file>', 'input JSON: {"x": [batch][time][input_size], "h0"?, "c0"?, "y0"?}')
    .option('--output <file>', 'write the result JSON here instead of stdout')
    .addOption(engineOption())
    .addHelpText(
      'after',
      `${INPUT_HELP}
Output JSON: {"y": [batch][time][output] (with an output layer), "output": [batch][time][D*hidden],
  "h_n": [L*D][batch][hidden], "c_n": (lstm)}`,
    )
    .action(async (path: string, options: RunOptions) => {
      const { loadProject } = await import('../../core/project/index');
      const project = await loadProject(path);
      const input = parseSequenceInput(readJsonFile(options.input), project.spec, false);
      const engine = await chooseEngine(io, options.engine);
      const pass = engine.forward({ spec: project.spec, weights: project.weights }, input.batch, { training: false });
      await emitJson(io, forwardToJson(project.spec, input.batch, pass), options.output);
    });
}
