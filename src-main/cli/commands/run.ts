// `rnnlab run`: any ONNX model through onnxruntime (in a worker thread), on inputs from a JSON file; or, with
// --describe, its inputs and outputs with element types and symbolic shapes.
import { readFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { CliFileError, emitJson, readJsonFile, type CliIO } from '../io';
import { parseCountArg } from '../options';

interface RunCliOptions {
  input?: string;
  output?: string;
  describe?: boolean;
  threads: number;
}

function readModelFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliFileError(`cannot read ${path}: ${reason}`);
  }
}

export function registerRun(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('run any ONNX model on inputs from a JSON file, or --describe its inputs and outputs')
    .argument('<model>', 'ONNX file (*.onnx)')
    .option('--input <file>', 'input JSON: {"<input name>": nested arrays, ...} for every input of the model')
    .option('--output <file>', 'write the outputs JSON here instead of stdout')
    .option('--describe', 'print the inputs and outputs with element types and shapes, and run nothing')
    .option('--threads <n>', "onnxruntime's intra-op threads (inter-op is 1: operators run one after another)", parseCountArg, 1)
    .addHelpText(
      'after',
      `
Element types: float32, float64 and int32/int64 take numbers; bool takes true/false. Output JSON maps every output
name to nested arrays (int64 values beyond 2^53 lose precision).`,
    )
    .action(async (path: string, options: RunCliOptions) => {
      if (!options.describe && options.input === undefined) {
        throw new CommanderError(2, 'rnnlab.usage', 'run: expected --input <file> or --describe, found neither');
      }
      const bytes = readModelFile(path);
      if (options.describe) {
        const { decodeModel } = await import('../../core/onnx/codec');
        const { describeModel, formatDescription } = await import('../../core/onnx/runtime/describe');
        io.out(formatDescription(path, describeModel(decodeModel(bytes, path))));
        return;
      }
      const input = readJsonFile(options.input!);
      const { runOnnxModel } = await import('../../core/onnx/runtime/run-model');
      const { OnnxRuntime } = await import('../../core/onnx/runtime/client');
      const runtime = new OnnxRuntime({ intraOpThreads: options.threads, interOpThreads: 1 });
      try {
        await emitJson(io, await runOnnxModel(bytes, input, path, runtime), options.output);
      } finally {
        await runtime.close();
      }
    });
}
