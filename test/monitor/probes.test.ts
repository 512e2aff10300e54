// Probe snapshots from the reference engine: shapes, the PCA fitted on valid steps only, projections that match the
// stored states, LSTM cell states, and orientation kept from one snapshot to the next.
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { ProbeRecorder, recordProbes, type ProbeSet } from '../../src-main/core/monitor/probes';
import { Random } from '../../src-main/core/random';
import { cloneWeights } from '../../src-main/core/tensor';
import { modelFrom } from './helpers';

/** Three one-hot sequences over {a, b}, lengths 6, 4, 5 (padded to T = 6 with zeros). */
function probeSet(): ProbeSet {
  const words = ['aabbab', 'abab', 'bbbaa'];
  const T = 6;
  const x = new Float64Array(words.length * T * 2);
  words.forEach((w, b) => [...w].forEach((ch, t) => (x[(b * T + t) * 2 + (ch === 'a' ? 0 : 1)] = 1)));
  return { batch: 3, steps: T, x, lengths: words.map((w) => w.length), symbols: words.map((w) => [...w]) };
}

describe('recordProbes', () => {
  const { spec, weights } = modelFrom({ arch: 'lstm', input_size: 2, hidden_size: 4, num_layers: 2, output_size: 2, output_activation: 'softmax', init: { seed: 2 } });
  const model = { spec, weights };

  it('keeps inputs, symbols, outputs, every layer and cell state, with the shapes of the engine contract', () => {
    const snap = recordProbes(referenceEngine, model, probeSet(), 40);
    expect([snap.step, snap.batch, snap.steps, snap.width, snap.inputSize]).toEqual([40, 3, 6, 4, 2]);
    expect(snap.states.map((s) => s.length)).toEqual([72, 72]);
    expect(snap.cellStates!.map((s) => s.length)).toEqual([72, 72]);
    expect(snap.outputs!.length).toBe(36);
    expect(snap.symbols![2]).toEqual(['b', 'b', 'b', 'a', 'a']);
    expect(snap.pca.layer).toBe(1);
    expect(snap.pca.projection2d.length).toBe(36);
    expect(snap.pca.projection3d.length).toBe(54);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });

  it('fits the PCA on valid steps only, and its projections are the stored states in the PCA basis', () => {
    const snap = recordProbes(referenceEngine, model, probeSet(), 0);
    const { states, lengths, width: d, steps: T } = snap;
    const last = states[1];
    const mean = new Array(d).fill(0);
    const valid = lengths.reduce((a, b) => a + b, 0);
    lengths.forEach((n, b) => {
      for (let t = 0; t < n; t++) for (let j = 0; j < d; j++) mean[j] += last[(b * T + t) * d + j] / valid;
    });
    snap.pca.mean.forEach((m, j) => expect(m).toBeCloseTo(mean[j], 12));
    for (let r = 0; r < 3 * T; r++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (last[r * d + j] - mean[j]) * snap.pca.components[c * d + j];
        expect(snap.pca.projection3d[r * 3 + c]).toBeCloseTo(s, 10);
        if (c < 2) expect(snap.pca.projection2d[r * 2 + c]).toBe(snap.pca.projection3d[r * 3 + c]);
      }
    }
    const ratios = snap.pca.explainedVarianceRatio;
    expect(ratios[0]).toBeGreaterThanOrEqual(ratios[1]);
    expect(ratios.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('a recorder keeps each component pointing the way the previous snapshot pointed', () => {
    const recorder = new ProbeRecorder(referenceEngine, probeSet(), 5);
    expect([0, 3, 5, 10].map((s) => recorder.isDue(s))).toEqual([true, false, true, true]);
    const first = recorder.record(0, model);
    const nudged = cloneWeights(weights);
    const rng = new Random(9);
    for (const t of Object.values(nudged)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.01 * rng.normal();
    const second = recorder.record(5, { spec, weights: nudged });
    const d = first.width;
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += first.pca.components[c * d + j] * second.pca.components[c * d + j];
      expect(dot).toBeGreaterThan(0.5);
    }
    // A resumed recorder told about the last snapshot orients exactly like the uninterrupted one.
    const flipped = { ...second, pca: { ...second.pca, components: second.pca.components.map((v) => -v) } };
    const resumed = new ProbeRecorder(referenceEngine, probeSet(), 5);
    resumed.continueFrom(flipped);
    const third = resumed.record(10, { spec, weights: nudged });
    third.pca.components.forEach((v, i) => expect(v).toBeCloseTo(-second.pca.components[i], 12));
  });

  it('refuses lengths outside 1..T and a layer the model lacks', () => {
    expect(() => recordProbes(referenceEngine, model, { ...probeSet(), lengths: [6, 0, 5] }, 0)).toThrow('expected 3 probe lengths from 1 to 6, found [6, 0, 5]');
    expect(() => recordProbes(referenceEngine, model, probeSet(), 0, { layer: 2 })).toThrow('expected a probe layer from 0 to 1, found 2');
  });
});
