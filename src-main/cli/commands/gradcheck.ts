// `rnnlab gradcheck`: compares BPTT gradients with central finite differences, in float64, on a random batch.
// Prints the worst relative error of every parameter and of dx; exits 1 when one is above the tolerance.
import type { Command } from 'commander';
import type { EngineName, SequenceBatch } from '../../core/engine/types';
import { LabError } from '../../core/errors';
import type { Random } from '../../core/random';
import { numDirections, type ModelSpec } from '../../core/spec/types';
import { table } from '../format';
import type { CliIO } from '../io';
import { chooseEngine, engineOption, parseCountArg, parseNumberArg } from '../options';

interface GradcheckOptions {
  seed: number;
  batch: number;
  steps: number;
  tolerance: number;
  elements: number;
  engine?: EngineName;
}

/** A gradient check whose worst relative error is above the tolerance. */
export class GradientCheckError extends LabError {}

/**
 * Inputs uniform in [-1, 1) (continuous values exercise every symbol matrix of a gated net too), with
 * random initial states so their gradients are checked too (jordan: y0; a gated net that learns h0 uses its own).
 */
export function randomBatch(spec: ModelSpec, batch: number, steps: number, rng: Random): SequenceBatch {
  const input: SequenceBatch = { batch, steps, x: rng.uniformArray(batch * steps * spec.input_size, -1, 1) };
  const stateSize = spec.num_layers * numDirections(spec) * batch * spec.hidden_size;
  if (!spec.learn_h0 && spec.arch !== 'jordan') input.h0 = rng.uniformArray(stateSize, -0.5, 0.5);
  if (spec.arch === 'lstm') input.c0 = rng.uniformArray(stateSize, -0.5, 0.5);
  if (spec.arch === 'jordan') input.y0 = rng.uniformArray(batch * spec.output_size, -0.5, 0.5);
  return input;
}

const formatError = (e: number) => e.toExponential(2);

export function registerGradcheck(program: Command, io: CliIO): void {
  program
    .command('gradcheck')
    .description('check BPTT gradients against finite differences (float64) on a random batch')
    .argument('<project>', 'project file (*.rnnlab)')
    .option('--seed <s>', 'seed of the random input', parseNumberArg, 0)
    .option('--batch <n>', 'sequences in the random batch', parseCountArg, 2)
    .option('--steps <n>', 'time steps per sequence', parseCountArg, 4)
    .option('--tolerance <e>', 'largest worst-case relative error that passes', parseNumberArg, 1e-5)
    .option('--elements <n>', 'elements checked per tensor, drawn at random when a tensor has more', parseCountArg, 64)
    .addOption(engineOption())
    .action(async (path: string, options: GradcheckOptions) => {
      const { loadProject } = await import('../../core/project/index');
      const { gradientCheck } = await import('../../core/engine/gradcheck');
      const { Random } = await import('../../core/random');
      const project = await loadProject(path);
      const engine = await chooseEngine(io, options.engine);
      const input = randomBatch(project.spec, options.batch, options.steps, new Random(options.seed));
      const model = { spec: project.spec, weights: project.weights };
      const result = gradientCheck(engine, model, input, { seed: options.seed, maxElementsPerTensor: options.elements });
      io.out(
        `gradient check of ${path} (${project.spec.arch}, ${engine.name} engine, float64): batch ${options.batch}, ` +
          `steps ${options.steps}, seed ${options.seed}, ${result.checked} elements\n`,
      );
      const states = Object.entries(result.initialStates).map(([name, e]): [string, number] => [`d${name}`, e]);
      const errors: [string, number][] = [...Object.entries(result.params), ['dx', result.dx], ...states];
      io.out(table([['parameter', 'worst relative error'], ...errors.map(([name, e]) => [name, formatError(e)])]) + '\n');
      const tolerance = formatError(options.tolerance);
      if (!(result.worst <= options.tolerance)) {
        const culprit = errors.reduce((a, b) => (b[1] > a[1] || Number.isNaN(b[1]) ? b : a))[0];
        throw new GradientCheckError(
          `gradient check failed: worst relative error ${formatError(result.worst)} (${culprit}) is above the tolerance ${tolerance}`,
        );
      }
      io.out(`worst ${formatError(result.worst)}: ok (tolerance ${tolerance})\n`);
    });
}
