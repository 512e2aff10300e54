// Dropout between stacked layers: masks hold 0 or 1/(1-p), they reach only the inputs of layers 1..L-1, training
// without masks draws them from options.random, and eval mode ignores dropout entirely.
import { describe, expect, test } from 'vitest';
import { EngineError, InputShapeError } from '../../src-main/core/errors';
import { drawDropoutMasks, referenceEngine } from '../../src-main/core/engine/reference/index';
import { Random } from '../../src-main/core/random';
import { makeSpec, maxRelativeError, randomDropoutMasks, randomInput, randomModel } from '../helpers/random-model';

const fields = { arch: 'gru', num_layers: 3, bidirectional: true, dropout: 0.3, hidden_size: 4 } as const;

describe('dropout', () => {
  test('drawn masks hold only 0 and 1/(1-p), about p of them zero', () => {
    const rng = new Random(3);
    const masks = drawDropoutMasks(0.3, 2, 5000, () => rng.next());
    expect(masks).toHaveLength(2);
    for (const mask of masks) {
      const zeros = mask.filter((v) => v === 0).length;
      expect(mask.every((v) => v === 0 || v === 1 / 0.7)).toBe(true);
      expect(zeros / mask.length).toBeGreaterThan(0.27);
      expect(zeros / mask.length).toBeLessThan(0.33);
    }
  });

  test('training with options.random draws the same masks drawDropoutMasks draws from that source', () => {
    const model = randomModel(fields, 2);
    const input = randomInput(model.spec, { batch: 2, steps: 3 });
    const drawn = referenceEngine.forward(model, input, { training: true, random: seeded(5) });
    const masks = drawDropoutMasks(0.3, 2, 2 * 3 * 8, seeded(5));
    const given = referenceEngine.forward(model, input, { training: true, dropoutMasks: masks });
    expect(Array.from(drawn.output)).toEqual(Array.from(given.output));
  });

  test('masks multiply the inputs of layers 1..L-1 and never the last output', () => {
    const model = randomModel(fields, 2);
    const input = randomInput(model.spec, { batch: 2, steps: 3 });
    const masks = randomDropoutMasks(model.spec, 2, 3);
    const train = referenceEngine.forward(model, input, { training: true, dropoutMasks: masks });
    const plain = referenceEngine.forward(model, input);
    // Layer 0 is untouched; layer 1 differs because its input was masked; the output is layer 2's, unmasked.
    expect(Array.from(train.layerStates[0])).toEqual(Array.from(plain.layerStates[0]));
    expect(maxRelativeError(train.layerStates[1], plain.layerStates[1])).toBeGreaterThan(1e-3);
    expect(Array.from(train.output)).toEqual(Array.from(train.layerStates[2]));
    // All-ones masks are no dropout at all.
    const ones = masks.map((m) => m.map(() => 1));
    const kept = referenceEngine.forward(model, input, { training: true, dropoutMasks: ones });
    expect(Array.from(kept.output)).toEqual(Array.from(plain.output));
  });

  test('eval mode ignores dropout and the masks', () => {
    const model = randomModel(fields, 2);
    const noDropout = { spec: makeSpec({ ...fields, dropout: 0 }), weights: model.weights };
    const input = randomInput(model.spec, { batch: 2, steps: 3 });
    const masks = randomDropoutMasks(model.spec, 2, 3);
    const evalPass = referenceEngine.forward(model, input, { training: false, dropoutMasks: masks });
    expect(Array.from(evalPass.output)).toEqual(Array.from(referenceEngine.forward(noDropout, input).output));
  });

  test('training without masks or a random source is an EngineError; wrong masks an InputShapeError', () => {
    const model = randomModel(fields, 2);
    const input = randomInput(model.spec, { batch: 2, steps: 3 });
    expect(() => referenceEngine.forward(model, input, { training: true })).toThrow(EngineError);
    const one = randomDropoutMasks(model.spec, 2, 3).slice(0, 1);
    expect(() => referenceEngine.forward(model, input, { training: true, dropoutMasks: one })).toThrow(
      'dropoutMasks: expected 2 masks (num_layers - 1), found 1',
    );
    const short = [new Float64Array(10), new Float64Array(48)];
    expect(() => referenceEngine.forward(model, input, { training: true, dropoutMasks: short })).toThrow(InputShapeError);
  });
});

function seeded(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.next();
}
