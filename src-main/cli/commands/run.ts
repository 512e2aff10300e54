// `rnnlab run`: any ONNX model through onnxruntime (in a worker thread), on inputs from a JSON file; or, with
// --describe, its inputs and outputs with element types and symbolic shapes.
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { emitJson, readJsonFile, readUserFile, type CliIO } from '../io';
import { parseCountArg } from '../options';

interface RunCliOptions {
  input?: string;
  output?: string;
  describe?: boolean;
  threads: number;
  timeout: number;
}

/** ONNX files are protobuf, which stops at 2 GiB; RNN Lab's recurrent models are far below this. */
const MAX_MODEL_BYTES = 1024 * 2 ** 20;

function readModelFile(path: string): Uint8Array {
  return readUserFile(path, MAX_MODEL_BYTES, 'an ONNX model file');
}

/** Seconds `rnnlab run` waits for onnxruntime unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_S = 60;

function parseTimeoutArg(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new InvalidArgumentError(`expected a time limit in seconds from 0.001 to 86400, found '${value}'`);
  }
  return seconds;
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
    .option('--timeout <seconds>', 'stop the run after this long (a Loop without a trip count may never end)', parseTimeoutArg, DEFAULT_TIMEOUT_S)
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
        const limits = { timeoutMs: options.timeout * 1000, timeoutHint: 'raise the limit with --timeout <seconds>' };
        await emitJson(io, await runOnnxModel(bytes, input, path, runtime, limits), options.output);
      } finally {
        await runtime.close();
      }
    });
}
