// `rnnlab import`: an ONNX model (torch.onnx.export of nn.RNN/LSTM/GRU with an optional Linear head, or RNN Lab's own
// export) as a new project file, written atomically. Anything else is refused with one line naming the node.
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { specSummary } from '../format';
import { checkOverwrite, readUserFile, type CliIO } from '../io';

interface ImportCliOptions {
  output: string;
  name?: string;
  force?: boolean;
}

/** Larger files cannot be a recurrent model RNN Lab trains (and would not fit a project file). */
const MAX_MODEL_BYTES = 400 * 1024 * 1024;

function readModelFile(path: string): Uint8Array {
  return new Uint8Array(readUserFile(path, MAX_MODEL_BYTES, 'an ONNX model file'));
}

export function registerImport(program: Command, io: CliIO): void {
  program
    .command('import')
    .description('import an ONNX model (PyTorch RNN/LSTM/GRU export, or an RNN Lab export) as a project')
    .argument('<model>', 'ONNX file (*.onnx)')
    .requiredOption('-o, --output <file>', 'project file to write (*.rnnlab)')
    .option('--name <name>', 'project name (default: the output file name)')
    .option('--force', 'overwrite the output file if it exists')
    .addHelpText(
      'after',
      `
Imports graphs written by torch.onnx.export (opsets 14-17) for nn.RNN, nn.LSTM and nn.GRU (any layers, directions,
bias, batch_first), optionally followed by nn.Linear and sigmoid or softmax, and every file rnnlab export writes.
The project evaluates as the source model; its weights carry PyTorch's names (weight_ih_l0, ..., head.weight).
Example:
  rnnlab import model.onnx -o model.rnnlab`,
    )
    .action(async (path: string, options: ImportCliOptions) => {
      checkOverwrite(options.output, options.force);
      const bytes = readModelFile(path);
      const { importOnnxProject } = await import('../../core/onnx/import/index');
      const { saveProject } = await import('../../core/project/index');
      const name = options.name ?? basename(options.output, extname(options.output));
      const result = importOnnxProject(bytes, name, basename(path));
      await saveProject(options.output, result.project);
      const { inputs, outputs } = result.model;
      const from = result.source === 'rnnlab' ? 'an RNN Lab export' : `an ONNX graph (opset ${result.opset})`;
      const given = [inputs.x, inputs.h0, inputs.c0, inputs.y0].filter((n) => n !== null).join(', ');
      const produced = outputs.map((o) => (o.name === o.role ? o.name : `${o.name} = ${o.role}`)).join(', ');
      io.out(`created ${options.output} from ${from}: ${specSummary(result.project.spec)}\n  inputs: ${given}; outputs: ${produced}\n`);
    });
}
