// The analytic FLOP counts of the benchmark step against hand counts of tiny configurations.
import { describe, expect, it } from 'vitest';
import { forwardMacsPerStep, inputGradientMacsPerStep, stepFlops } from '../../src-main/core/bench/flops';
import { parseModelSpec } from '../../src-main/core/spec/schema';

// Hand counts: multiply-adds per sample and time step, written out product by product.
const cases = [
  {
    what: 'rnn I=1 H=8 (first benchmark row)',
    spec: { arch: 'rnn', input_size: 1, hidden_size: 8, output_size: 1 },
    macs: 8 * 1 + 8 * 8 + 1 * 8, // W_ih x, W_hh h, head
  },
  {
    what: 'lstm I=2 H=3 L=2',
    spec: { arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 2, output_size: 1 },
    macs: 12 * 2 + 12 * 3 + (12 * 3 + 12 * 3) + 3, // layer 0, layer 1 (input = H), head
  },
  {
    what: 'gru I=2 H=3 L=2 bidirectional',
    spec: { arch: 'gru', input_size: 2, hidden_size: 3, num_layers: 2, bidirectional: true, output_size: 1 },
    macs: 2 * (9 * 2 + 9 * 3) + 2 * (9 * 6 + 9 * 3) + 6, // two directions each; layer 1 reads D*H = 6; head 1x6
  },
  {
    what: 'elman with shortcut I=3 H=4 O=2',
    spec: { arch: 'elman', input_size: 3, hidden_size: 4, output_size: 2, shortcut: true },
    macs: 4 * 3 + 4 * 4 + 2 * 4 + 2 * 3,
  },
  {
    what: 'jordan I=3 H=4 O=2',
    spec: { arch: 'jordan', input_size: 3, hidden_size: 4, output_size: 2 },
    macs: 4 * 3 + 4 * 2 + 2 * 4, // W_ih x, W_yh y_prev, head
  },
  {
    what: 'gated I=3 H=4 O=1',
    spec: { arch: 'gated', input_size: 3, hidden_size: 4, output_size: 1 },
    macs: 3 * 4 * 4 + 4, // one H x H product per input symbol, head
  },
];

describe('benchmark FLOP counts', () => {
  for (const c of cases) {
    it(`matches the hand count for ${c.what}`, () => {
      expect(forwardMacsPerStep(parseModelSpec(c.spec))).toBe(c.macs);
    });
  }

  it('scales with batch and steps: forward = 2*B*T*m, training = 3 x forward less the skipped dx', () => {
    const spec = parseModelSpec({ arch: 'lstm', input_size: 64, hidden_size: 256, output_size: 1 });
    const m = 4 * 256 * (64 + 256) + 256;
    const mdx = 4 * 256 * 64;
    const { forward_flops, train_step_flops } = stepFlops(spec, 64, 100);
    expect(forward_flops).toBe(2 * 64 * 100 * m);
    expect(train_step_flops).toBe(6 * 64 * 100 * m - 2 * 64 * 100 * mdx);
  });

  it('skips dx only where the step skips it: scan families and elman, not jordan or gated', () => {
    expect(inputGradientMacsPerStep(parseModelSpec({ arch: 'gru', input_size: 4, hidden_size: 32, bidirectional: true, output_size: 1 }))).toBe(2 * 3 * 32 * 4);
    expect(inputGradientMacsPerStep(parseModelSpec({ arch: 'elman', input_size: 3, hidden_size: 8, output_size: 2, shortcut: true }))).toBe(8 * 3 + 2 * 3);
    expect(inputGradientMacsPerStep(parseModelSpec({ arch: 'jordan', input_size: 3, hidden_size: 8, output_size: 2 }))).toBe(0);
    expect(inputGradientMacsPerStep(parseModelSpec({ arch: 'gated', input_size: 3, hidden_size: 8, output_size: 2 }))).toBe(0);
  });
});
