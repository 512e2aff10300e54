// Which matrices the spectral tracker measures for each family, with which gamma, and their values against the SVD.
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { SpectralTracker } from '../../src-main/core/monitor/spectral';
import { modelFrom } from './helpers';

function svdSigmaMax(data: Float64Array, rows: number, cols: number): number {
  return Math.max(...new SingularValueDecomposition(Matrix.from1DArray(rows, cols, Array.from(data)), { autoTranspose: true }).diagonal);
}

const H = 5;
const table: { fields: Record<string, unknown>; keys: string[]; gammas: number[] }[] = [
  { fields: { arch: 'rnn' }, keys: ['weight_hh_l0'], gammas: [1] },
  { fields: { arch: 'rnn', nonlinearity: 'relu', num_layers: 2, bidirectional: true }, keys: ['weight_hh_l0', 'weight_hh_l0_reverse', 'weight_hh_l1', 'weight_hh_l1_reverse'], gammas: [1, 1, 1, 1] },
  { fields: { arch: 'elman' }, keys: ['weight_hh_l0'], gammas: [1] },
  { fields: { arch: 'lstm' }, keys: ['weight_hh_l0:i', 'weight_hh_l0:f', 'weight_hh_l0:g', 'weight_hh_l0:o'], gammas: [0.25, 0.25, 1, 0.25] },
  { fields: { arch: 'gru' }, keys: ['weight_hh_l0:r', 'weight_hh_l0:z', 'weight_hh_l0:n'], gammas: [0.25, 0.25, 1] },
  { fields: { arch: 'gated', input_size: 3 }, keys: ['weight_hh:W_0', 'weight_hh:W_1', 'weight_hh:W_2'], gammas: [1, 1, 1] },
  { fields: { arch: 'jordan' }, keys: ['jordan_loop'], gammas: [1] },
  { fields: { arch: 'jordan', output_activation: 'sigmoid' }, keys: ['jordan_loop'], gammas: [0.25] },
  { fields: { arch: 'jordan', nonlinearity: 'relu', output_activation: 'softmax' }, keys: ['jordan_loop'], gammas: [0.5] },
];

describe('SpectralTracker', () => {
  it.each(table)('measures $fields.arch blocks $keys with gammas $gammas, sigma_max equal to the SVD', ({ fields, keys, gammas }) => {
    const { spec, weights } = modelFrom({ input_size: 2, hidden_size: H, output_size: 2, ...fields, init: { seed: 4 } });
    const entries = new SpectralTracker(spec).measure(weights);
    expect(entries.map((e) => e.key)).toEqual(keys);
    expect(entries.map((e) => e.gamma)).toEqual(gammas);
    for (const e of entries) {
      expect(e.bound).toBeCloseTo(e.gamma * e.sigmaMax, 14);
      expect(e.converged).toBe(true);
      const expected = expectedSigma(spec.arch, spec.output_activation, e.key, e.params, weights);
      expect(Math.abs(e.sigmaMax - expected) / expected).toBeLessThan(1e-8);
    }
  });

  it('hits the init spectral radius exactly for orthogonal blocks (sigma_max = radius) and warm-starts the next call', () => {
    const { spec, weights } = modelFrom({ arch: 'lstm', input_size: 2, hidden_size: 8, init: { scheme: 'orthogonal', spectral_radius: 1.5 } });
    const tracker = new SpectralTracker(spec);
    const first = tracker.measure(weights);
    for (const e of first) expect(e.sigmaMax).toBeCloseTo(1.5, 10);
    expect(first.map((e) => e.bound.toFixed(3))).toEqual(['0.375', '0.375', '1.500', '0.375']);
    const again = tracker.measure(weights);
    expect(again.every((e, i) => e.iterations <= first[i].iterations)).toBe(true);
    const saved = JSON.parse(JSON.stringify(tracker.saveVectors()));
    const resumed = new SpectralTracker(spec);
    resumed.loadVectors(saved);
    expect(resumed.measure(weights).map((e) => e.iterations)).toEqual(again.map((e) => e.iterations));
  });
});

function expectedSigma(arch: string, g: string, key: string, params: string[], weights: Record<string, { data: Float64Array; shape: number[] }>): number {
  if (arch === 'jordan') {
    const wYh = Matrix.from1DArray(H, 2, Array.from(weights['weight_yh_l0'].data));
    const v = Matrix.from1DArray(2, H, Array.from(weights['head.weight'].data));
    if (g === 'none') return svdSigmaMax(Float64Array.from(wYh.mmul(v).to1DArray()), H, H);
    return svdSigmaMax(weights['weight_yh_l0'].data, H, 2) * svdSigmaMax(weights['head.weight'].data, 2, H);
  }
  const data = weights[params[0]].data;
  const block = ['i', 'f', 'g', 'o', 'r', 'z', 'n'].indexOf(key.split(':')[1] ?? '');
  const index = key.includes(':W_') ? Number(key.split(':W_')[1]) : block < 0 ? 0 : block < 4 ? block : block - 4;
  return svdSigmaMax(data.subarray(index * H * H, (index + 1) * H * H), H, H);
}
