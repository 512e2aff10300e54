// Initialisation schemes: determinism, layout coverage, orthogonality, identity, spectral radius and bounds.
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src-main/core/errors';
import { forEachGateBlock, initWeights, IRNN_INPUT_STD } from '../../src-main/core/spec/init';
import { rescaleToSpectralRadius, spectralRadius } from '../../src-main/core/spec/linalg-init';
import { paramLayout, shapeSize, type ParamInfo } from '../../src-main/core/spec/params';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { INIT_SCHEMES, type InitScheme, type ModelSpec } from '../../src-main/core/spec/types';

/** One small spec per family, exercising stacking, bidirectional, heads, shortcut and learned h0. */
const FAMILY_SPECS: Record<string, Record<string, unknown>> = {
  rnn: { arch: 'rnn', input_size: 3, hidden_size: 5, num_layers: 2, bidirectional: true, output_size: 2 },
  lstm: { arch: 'lstm', input_size: 3, hidden_size: 4, num_layers: 2, bidirectional: true, output_size: 2 },
  gru: { arch: 'gru', input_size: 2, hidden_size: 6, num_layers: 2, output_size: 1 },
  elman: { arch: 'elman', input_size: 3, hidden_size: 7, output_size: 2, shortcut: true },
  jordan: { arch: 'jordan', input_size: 3, hidden_size: 5, output_size: 2 },
  gated: { arch: 'gated', input_size: 2, hidden_size: 6, output_size: 1, learn_h0: true },
};

function spec(family: string, init: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): ModelSpec {
  return parseModelSpec({ ...FAMILY_SPECS[family], ...extra, init: { seed: 7, ...init } });
}

function schemesFor(family: string): InitScheme[] {
  return INIT_SCHEMES.filter((s) => !(family === 'jordan' && s === 'identity'));
}

function recurrentParams(s: ModelSpec): ParamInfo[] {
  return paramLayout(s).filter((p) => p.role === 'recurrent');
}

/** max |(gain^-2) Q^T Q - I| over a row-major n x n block. */
function orthogonalityError(block: Float64Array, n: number, gain: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += block[r * n + i] * block[r * n + j];
      worst = Math.max(worst, Math.abs(dot - (i === j ? gain * gain : 0)));
    }
  }
  return worst;
}

function std(values: Float64Array): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

function maxAbs(values: Float64Array): number {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('initWeights covers the parameter layout', () => {
  for (const family of Object.keys(FAMILY_SPECS)) {
    for (const scheme of schemesFor(family)) {
      it(`${family} / ${scheme}: every parameter present, right shape, finite`, () => {
        const s = spec(family, { scheme });
        const weights = initWeights(s);
        const layout = paramLayout(s);
        expect(Object.keys(weights)).toEqual(layout.map((p) => p.name));
        for (const p of layout) {
          expect(weights[p.name].shape).toEqual(p.shape);
          expect(weights[p.name].data.length).toBe(shapeSize(p.shape));
          expect(weights[p.name].data.every(Number.isFinite)).toBe(true);
        }
      });
    }
  }
});

describe('initWeights is seeded', () => {
  for (const family of Object.keys(FAMILY_SPECS)) {
    it(`${family}: same seed gives identical weights, another seed different ones`, () => {
      for (const scheme of schemesFor(family)) {
        const a = initWeights(spec(family, { scheme, seed: 11 }));
        const b = initWeights(spec(family, { scheme, seed: 11 }));
        const c = initWeights(spec(family, { scheme, seed: 12 }));
        let differs = false;
        for (const name of Object.keys(a)) {
          expect(Array.from(b[name].data)).toEqual(Array.from(a[name].data));
          differs ||= a[name].data.some((v, i) => v !== c[name].data[i]);
        }
        expect(differs, `${scheme}: seed 12 should change some weight`).toBe(true);
      }
    });
  }

  it('the seed maps to fixed values, not to the clock or Math.random', () => {
    const first = initWeights(spec('rnn', { seed: 3 }));
    const again = initWeights(spec('rnn', { seed: 3 }));
    expect(first.weight_hh_l0.data[0]).toBe(again.weight_hh_l0.data[0]);
  });
});

describe('orthogonal scheme', () => {
  for (const family of ['rnn', 'lstm', 'gru', 'gated', 'elman']) {
    it(`${family}: every recurrent gate block satisfies Q^T Q = gain^2 I to 1e-12`, () => {
      const gain = 1.3;
      const s = spec(family, { scheme: 'orthogonal', gain });
      const weights = initWeights(s);
      let blocks = 0;
      for (const p of recurrentParams(s)) {
        forEachGateBlock(weights[p.name].data, p, (block) => {
          expect(orthogonalityError(block, s.hidden_size, gain)).toBeLessThan(1e-12);
          blocks++;
        });
      }
      expect(blocks).toBeGreaterThan(0);
      for (const p of paramLayout(s)) {
        if (p.role === 'bias' || p.role === 'head_bias' || p.role === 'state') {
          expect(maxAbs(weights[p.name].data)).toBe(0);
        }
      }
    });
  }

  it('uses a fresh orthogonal matrix per gate block (LSTM gates differ)', () => {
    const s = spec('lstm', { scheme: 'orthogonal' });
    const w = initWeights(s).weight_hh_l0.data;
    const H = s.hidden_size;
    expect(Array.from(w.subarray(0, H * H))).not.toEqual(Array.from(w.subarray(H * H, 2 * H * H)));
  });
});

describe('identity scheme (IRNN)', () => {
  for (const family of ['rnn', 'lstm', 'gru', 'gated', 'elman']) {
    it(`${family}: recurrent gate blocks are exactly gain * I, biases zero`, () => {
      const gain = 0.9;
      const s = spec(family, { scheme: 'identity', gain });
      const weights = initWeights(s);
      const H = s.hidden_size;
      for (const p of recurrentParams(s)) {
        forEachGateBlock(weights[p.name].data, p, (block) => {
          for (let r = 0; r < H; r++) for (let c = 0; c < H; c++) expect(block[r * H + c]).toBe(r === c ? gain : 0);
        });
      }
      for (const p of paramLayout(s)) {
        if (p.role === 'bias' || p.role === 'head_bias') expect(maxAbs(weights[p.name].data)).toBe(0);
      }
    });
  }

  it('input weights are N(0, 0.001^2): empirical std within 10%, mean near 0', () => {
    const s = parseModelSpec({ arch: 'rnn', input_size: 64, hidden_size: 64, init: { scheme: 'identity', seed: 1 } });
    const w = initWeights(s).weight_ih_l0.data;
    expect(std(w) / IRNN_INPUT_STD).toBeGreaterThan(0.9);
    expect(std(w) / IRNN_INPUT_STD).toBeLessThan(1.1);
    expect(Math.abs(w.reduce((a, b) => a + b, 0) / w.length)).toBeLessThan(1e-4);
  });
});

describe('spectral radius rescale', () => {
  const cases: [string, InitScheme][] = [
    ['rnn', 'pytorch'], ['rnn', 'orthogonal'], ['lstm', 'xavier'], ['lstm', 'pytorch'], ['gru', 'pytorch'],
    ['gru', 'identity'], ['gated', 'pytorch'], ['gated', 'orthogonal'], ['elman', 'xavier'], ['elman', 'identity'],
  ];
  for (const [family, scheme] of cases) {
    for (const target of [0.5, 1.7]) {
      it(`${family} / ${scheme}: every square recurrent block reaches radius ${target} to 1e-9`, () => {
        const s = spec(family, { scheme, spectral_radius: target });
        const weights = initWeights(s);
        let blocks = 0;
        for (const p of recurrentParams(s)) {
          forEachGateBlock(weights[p.name].data, p, (block) => {
            expect(Math.abs(spectralRadius(block, s.hidden_size) - target) / target).toBeLessThan(1e-9);
            blocks++;
          });
        }
        const expected = recurrentParams(s).reduce((n, p) => n + shapeSize(p.shape) / s.hidden_size ** 2, 0);
        expect(blocks).toBe(expected);
      });
    }
  }

  it('leaves non-recurrent parameters as drawn', () => {
    const plain = initWeights(spec('lstm'));
    const scaled = initWeights(spec('lstm', { spectral_radius: 3 }));
    expect(Array.from(scaled.weight_ih_l0.data)).toEqual(Array.from(plain.weight_ih_l0.data));
    expect(Array.from(scaled['head.weight'].data)).toEqual(Array.from(plain['head.weight'].data));
    expect(Array.from(scaled.weight_hh_l0.data)).not.toEqual(Array.from(plain.weight_hh_l0.data));
  });

  it('spectralRadius is max |eigenvalue| for a nonsymmetric matrix with complex eigenvalues', () => {
    // [[1, -2], [2, 1]] has eigenvalues 1 +- 2i, radius sqrt(5); [[3, 100], [0, -0.5]] has radius 3.
    expect(spectralRadius(Float64Array.from([1, -2, 2, 1]), 2)).toBeCloseTo(Math.sqrt(5), 12);
    expect(spectralRadius(Float64Array.from([3, 100, 0, -0.5]), 2)).toBeCloseTo(3, 12);
  });

  it('a zero or nilpotent block cannot be rescaled: one clear line', () => {
    const zero = new Float64Array(9);
    expect(() => rescaleToSpectralRadius(zero, 3, 1.5, 'weight_hh_l0')).toThrow(SpecError);
    expect(() => rescaleToSpectralRadius(zero, 3, 1.5, 'weight_hh_l0')).toThrow(
      'init.spectral_radius: cannot rescale weight_hh_l0 to spectral radius 1.5: its spectral radius is 0, so no scale reaches it',
    );
    const nilpotent = Float64Array.from([0, 1, 0, 0]);
    expect(() => rescaleToSpectralRadius(nilpotent, 2, 1, 'weight_hh block 1')).toThrow(/cannot rescale weight_hh block 1/);
  });
});

describe('bounds and spread', () => {
  const big = { input_size: 40, hidden_size: 50, output_size: 30 };

  it('pytorch: recurrent-layer tensors within gain/sqrt(H), head within gain/sqrt(fan_in), std near bound/sqrt(3)', () => {
    const gain = 2;
    const s = parseModelSpec({ arch: 'lstm', ...big, init: { scheme: 'pytorch', gain, seed: 5 } });
    const w = initWeights(s);
    const layerBound = gain / Math.sqrt(50);
    for (const name of ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']) {
      expect(maxAbs(w[name].data)).toBeLessThanOrEqual(layerBound);
      expect(maxAbs(w[name].data)).toBeGreaterThan(0.95 * layerBound);
    }
    const hh = std(w.weight_hh_l0.data) / (layerBound / Math.sqrt(3));
    expect(hh).toBeGreaterThan(0.95);
    expect(hh).toBeLessThan(1.05);
    const headBound = gain / Math.sqrt(50); // fan_in of the head is D*H = 50
    expect(maxAbs(w['head.weight'].data)).toBeLessThanOrEqual(headBound);
    expect(maxAbs(w['head.bias'].data)).toBeLessThanOrEqual(headBound);
    expect(maxAbs(w['head.weight'].data)).toBeGreaterThan(0.9 * headBound);
  });

  it('pytorch: elman shortcut within 1/sqrt(input_size)', () => {
    const s = parseModelSpec({ arch: 'elman', ...big, shortcut: true, init: { seed: 2 } });
    const w = initWeights(s)['shortcut.weight'].data;
    expect(maxAbs(w)).toBeLessThanOrEqual(1 / Math.sqrt(40));
    expect(maxAbs(w)).toBeGreaterThan(0.9 / Math.sqrt(40));
  });

  it('xavier: each gate block within gain*sqrt(6/(fan_in+H)), std near bound/sqrt(3), biases zero', () => {
    const gain = 1.5;
    const s = parseModelSpec({ arch: 'gru', ...big, init: { scheme: 'xavier', gain, seed: 9 } });
    const w = initWeights(s);
    const checks: [string, number][] = [
      ['weight_ih_l0', gain * Math.sqrt(6 / (40 + 50))],
      ['weight_hh_l0', gain * Math.sqrt(6 / (50 + 50))],
      ['head.weight', gain * Math.sqrt(6 / (50 + 30))],
    ];
    for (const [name, bound] of checks) {
      expect(maxAbs(w[name].data)).toBeLessThanOrEqual(bound);
      expect(maxAbs(w[name].data)).toBeGreaterThan(0.95 * bound);
      const ratio = std(w[name].data) / (bound / Math.sqrt(3));
      expect(ratio).toBeGreaterThan(0.93);
      expect(ratio).toBeLessThan(1.07);
    }
    expect(maxAbs(w.bias_ih_l0.data)).toBe(0);
    expect(maxAbs(w['head.bias'].data)).toBe(0);
  });

  it('xavier on jordan: output feedback matrix uses fan_in = output_size', () => {
    const s = parseModelSpec({ arch: 'jordan', ...big, init: { scheme: 'xavier', seed: 4 } });
    const w = initWeights(s).weight_yh_l0.data;
    const bound = Math.sqrt(6 / (30 + 50));
    expect(maxAbs(w)).toBeLessThanOrEqual(bound);
    expect(maxAbs(w)).toBeGreaterThan(0.9 * bound);
  });

  it('orthogonal and identity: input and head matrices are Xavier with gain 1, whatever the recurrent gain', () => {
    for (const scheme of ['orthogonal', 'identity'] as const) {
      const s = parseModelSpec({ arch: 'rnn', ...big, init: { scheme, gain: 3, seed: 8 } });
      const head = initWeights(s)['head.weight'].data;
      const bound = Math.sqrt(6 / (50 + 30));
      expect(maxAbs(head)).toBeLessThanOrEqual(bound);
      expect(maxAbs(head)).toBeGreaterThan(0.9 * bound);
    }
  });

  it('learned h0 starts at zero', () => {
    for (const scheme of INIT_SCHEMES) {
      expect(maxAbs(initWeights(spec('gated', { scheme })).h0.data)).toBe(0);
    }
  });
});
