// Sampling text from a character-level model at a temperature, independent of any engine: the caller supplies
// `nextDistribution`, which feeds one symbol to its model (advancing the model's state) and returns the
// probabilities of the next symbol. `engineStepper` builds one from an Engine for models with a softmax head.
import type { Engine, Model } from '../../engine/types';
import type { Random } from '../../random';
import { TaskError } from '../errors';

export interface SampleTextOptions {
  alphabet: readonly string[];
  /** Feeds symbol index k; returns the next-symbol probabilities (alphabet order, summing to 1). */
  nextDistribution: (symbol: number) => ArrayLike<number>;
  /** Primes the model; at least one character, all in the alphabet. */
  seedText: string;
  /** Characters to generate after the seed. */
  length: number;
  /** 1 samples the model's distribution; below 1 sharpens it, above 1 flattens it; 0 always takes the most likely. */
  temperature: number;
  random: Random;
}

/** Index drawn from probabilities raised to 1/temperature and renormalised (argmax at temperature 0). */
export function drawWithTemperature(probabilities: ArrayLike<number>, temperature: number, random: Random): number {
  const K = probabilities.length;
  let best = 0;
  for (let k = 1; k < K; k++) if (probabilities[k] > probabilities[best]) best = k;
  if (temperature === 0) return best;
  // Divide by the largest probability first so p^(1/T) cannot underflow to all zeros at small temperatures.
  const weights = Float64Array.from({ length: K }, (_, k) => Math.pow(Math.max(probabilities[k], 0) / probabilities[best], 1 / temperature));
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random.next() * total;
  for (let k = 0; k < K; k++) {
    u -= weights[k];
    if (u < 0) return k;
  }
  return best;
}

export function sampleText(options: SampleTextOptions): string {
  const { alphabet, nextDistribution, seedText, length, temperature, random } = options;
  if (!(temperature >= 0 && Number.isFinite(temperature))) throw new TaskError(`expected a temperature of 0 or more, found ${temperature}`);
  if (!Number.isInteger(length) || length < 0) throw new TaskError(`expected a whole number of characters to sample, found ${length}`);
  const seed = [...seedText];
  if (seed.length === 0) throw new TaskError('expected seed text of at least one character, found an empty string');
  const index = new Map(alphabet.map((c, i) => [c, i]));
  let distribution: ArrayLike<number> = [];
  for (const c of seed) {
    const k = index.get(c);
    if (k === undefined) throw new TaskError(`expected seed text from the model's alphabet, found ${JSON.stringify(c)}`);
    distribution = nextDistribution(k);
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    if (distribution.length !== alphabet.length) {
      throw new TaskError(`expected a distribution over ${alphabet.length} symbols, found ${distribution.length} values`);
    }
    const k = drawWithTemperature(distribution, temperature, random);
    out += alphabet[k];
    if (i < length - 1) distribution = nextDistribution(k);
  }
  return out;
}

/**
 * A `nextDistribution` over a one-hot, softmax-headed model: each call runs one step with the previous step's
 * final states as the initial states (h0, c0, and for Jordan networks y0). Forward-only models only.
 */
export function engineStepper(engine: Engine, model: Model): (symbol: number) => Float64Array {
  const { spec } = model;
  if (spec.bidirectional) throw new TaskError('sampling needs a forward-only model, found a bidirectional one');
  if (spec.output_size < 1) throw new TaskError('sampling needs an output layer (output_size >= 1)');
  let h0: Float64Array | undefined;
  let c0: Float64Array | undefined;
  let y0: Float64Array | undefined;
  return (symbol) => {
    const x = new Float64Array(spec.input_size);
    x[symbol] = 1;
    const pass = engine.forward(model, { batch: 1, steps: 1, x, h0, c0, y0 });
    // A Jordan network's state is its previous output (y0); the others carry their hidden (and cell) state.
    if (spec.arch === 'jordan') y0 = pass.y ?? undefined;
    else h0 = pass.hN;
    c0 = pass.cN ?? undefined;
    return pass.y as Float64Array;
  };
}
