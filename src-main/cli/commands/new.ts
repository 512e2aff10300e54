// `rnnlab new`: a model spec from flags, validated by parseModelSpec, initialised and saved as a project file.
import { basename, extname } from 'node:path';
import { Option, type Command } from 'commander';
import { ARCHITECTURES, INIT_SCHEMES, NONLINEARITIES, OUTPUT_ACTIVATIONS } from '../../core/spec/types';
import { specSummary } from '../format';
import { checkOverwrite, type CliIO } from '../io';
import { parseNumberArg } from '../options';

interface NewOptions {
  arch: string;
  inputSize?: number;
  hiddenSize?: number;
  numLayers?: number;
  bidirectional?: boolean;
  nonlinearity?: string;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  outputSize?: number;
  outputActivation?: string;
  shortcut?: boolean;
  learnH0?: boolean;
  init?: string;
  gain?: number;
  spectralRadius?: number;
  seed?: number;
  name?: string;
  output: string;
  force?: boolean;
}

/**
 * Sizes used when --input-size / --hidden-size are left out: those of the app's "New project" form. The spec schema
 * has no default for them (a project file must state its sizes), so the CLI fills them in and says so.
 */
export const DEFAULT_SIZES = { input_size: 1, hidden_size: 8 } as const;

/** `input_size 1, hidden_size 8` for the sizes the user left out, or null when both were given. */
export function defaultedSizes(o: Pick<NewOptions, 'inputSize' | 'hiddenSize'>): string | null {
  const left: string[] = [];
  if (o.inputSize === undefined) left.push(`input_size ${DEFAULT_SIZES.input_size}`);
  if (o.hiddenSize === undefined) left.push(`hidden_size ${DEFAULT_SIZES.hidden_size}`);
  return left.length === 0 ? null : left.join(', ');
}

/** The flags the user gave (and the default sizes): the schema fills in every other default, so `info` shows them. */
export function specFromOptions(o: NewOptions): Record<string, unknown> {
  const given = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  const spec = given([
    ['arch', o.arch],
    ['input_size', o.inputSize ?? DEFAULT_SIZES.input_size],
    ['hidden_size', o.hiddenSize ?? DEFAULT_SIZES.hidden_size],
    ['num_layers', o.numLayers],
    ['nonlinearity', o.nonlinearity],
    ['bias', o.bias],
    ['batch_first', o.batchFirst],
    ['dropout', o.dropout],
    ['bidirectional', o.bidirectional],
    ['output_size', o.outputSize],
    ['output_activation', o.outputActivation],
    ['shortcut', o.shortcut],
    ['learn_h0', o.learnH0],
  ]);
  const init = given([
    ['scheme', o.init],
    ['gain', o.gain],
    ['spectral_radius', o.spectralRadius],
    ['seed', o.seed],
  ]);
  if (Object.keys(init).length > 0) spec.init = init;
  return spec;
}

export function registerNew(program: Command, io: CliIO): void {
  program
    .command('new')
    .description('create a project file holding a new, initialised model')
    .addOption(new Option('--arch <family>', 'architecture').choices(ARCHITECTURES).makeOptionMandatory())
    .option('--input-size <n>', `features per time step (for gated: the number of symbols; default ${DEFAULT_SIZES.input_size})`, parseNumberArg)
    .option('--hidden-size <n>', `hidden units per layer and direction (default ${DEFAULT_SIZES.hidden_size})`, parseNumberArg)
    .option('--num-layers <n>', 'stacked layers (rnn, lstm, gru; default 1)', parseNumberArg)
    .option('--bidirectional', 'run a second direction backwards in time (rnn, lstm, gru)')
    .addOption(new Option('--nonlinearity <f>', 'hidden nonlinearity (rnn, elman, jordan; default tanh)').choices(NONLINEARITIES))
    .option('--bias', 'use bias vectors (the default)')
    .option('--no-bias', 'no bias vectors')
    .option('--batch-first', 'record batch_first=true for ONNX and PyTorch interop (the default)')
    .option('--no-batch-first', 'record batch_first=false')
    .option('--dropout <p>', 'dropout between stacked layers while training, in [0, 1)', parseNumberArg)
    .option('--output-size <n>', 'size of the per-step readout Linear(D*H -> n); 0 means none (default)', parseNumberArg)
    .addOption(new Option('--output-activation <g>', 'activation after the readout (default none)').choices(OUTPUT_ACTIVATIONS))
    .option('--shortcut', 'elman: a direct input-to-output connection')
    .option('--learn-h0', 'gated: learn the initial state instead of starting from zeros')
    .addOption(new Option('--init <scheme>', 'weight initialisation (default pytorch)').choices(INIT_SCHEMES))
    .option('--gain <g>', 'scale of the initialisation (default 1)', parseNumberArg)
    .option('--spectral-radius <r>', 'rescale every recurrent matrix to this spectral radius', parseNumberArg)
    .option('--seed <s>', 'seed of the initialisation, 0 to 4294967295 (default 0)', parseNumberArg)
    .option('--name <name>', 'project name (default: the file name)')
    .requiredOption('-o, --output <file>', 'project file to write (*.rnnlab)')
    .option('--force', 'overwrite the output file if it exists')
    .addHelpText('after', '\nExample:\n  rnnlab new --arch lstm --input-size 3 --hidden-size 8 --output-size 2 -o demo.rnnlab')
    .action(async (options: NewOptions) => {
      const { parseModelSpec } = await import('../../core/spec/schema');
      const { newProject, saveProject } = await import('../../core/project/index');
      const spec = parseModelSpec(specFromOptions(options));
      checkOverwrite(options.output, options.force);
      const name = options.name ?? basename(options.output, extname(options.output));
      await saveProject(options.output, newProject(name, spec));
      io.out(`created ${options.output}: ${specSummary(spec)}\n`);
      const defaulted = defaultedSizes(options);
      if (defaulted) io.out(`  default sizes used: ${defaulted} (set them with --input-size and --hidden-size)\n`);
    });
}
