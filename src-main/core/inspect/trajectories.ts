// Hidden-state trajectories of probe sequences: every layer and direction, LSTM cell states, LSTM/GRU gates, and a
// PCA of one layer's states (2-D and 3-D, explained variance). With a basis model (the weights of another saved
// step), the PCA is fitted on that model's states of the same probes and held fixed, so an animation over
// snapshots compares like with like. Each probe runs alone (batch 1): no padding for the reverse direction to read.
import type { TrajectoryView } from '../../api/lab-api';
import type { Engine, Model } from '../engine/types';
import { fitPca, projectPca, type PcaFit } from '../monitor/pca';
import { numDirections } from '../spec/types';
import { InspectInputError, type EncodedInput } from './encode';
import { gateActivations } from './gates';

export interface ProbeRun {
  probe: EncodedInput;
  /** Per layer (T, D*H). */
  states: Float64Array[];
  cells: Float64Array[] | null;
  gates: Record<string, Float64Array>[] | null;
  /** (T, O) after the output activation, or null without a head. */
  y: Float64Array | null;
}

/** Runs one encoded input through the model (inference, float64) and recomputes its gates. */
export function runProbe(engine: Engine, model: Model, probe: EncodedInput): ProbeRun {
  const pass = engine.forward(model, { batch: 1, steps: probe.length, x: probe.x }, { training: false, precision: 'float64' });
  return {
    probe,
    states: pass.layerStates,
    cells: pass.layerCellStates,
    gates: gateActivations(model.spec, model.weights, probe.x, probe.length, pass.layerStates),
    y: pass.y,
  };
}

/** (T, width) rows as nested arrays. */
export function rows(values: Float64Array, width: number): number[][] {
  const out: number[][] = [];
  for (let t = 0; t * width < values.length; t++) out.push(Array.from(values.subarray(t * width, (t + 1) * width)));
  return out;
}

function fitLayer(runs: ProbeRun[], layer: number, width: number, reference?: readonly number[]): PcaFit {
  const total = runs.reduce((n, r) => n + r.probe.length, 0);
  if (total < 2) throw new InspectInputError(`expected probes with at least 2 steps in all for a PCA, found ${total}`, { code: 'inspect-pca-steps', params: { found: total } });
  const data = new Float64Array(total * width);
  let at = 0;
  for (const r of runs) {
    data.set(r.states[layer], at);
    at += r.states[layer].length;
  }
  return fitPca(data, total, width, 3, reference);
}

function project(fit: PcaFit, states: Float64Array, width: number, want: 2 | 3): number[][] {
  const n = states.length / width;
  const k = Math.min(want, fit.components.length / width);
  const flat = projectPca(fit, states, n, k);
  return Array.from({ length: n }, (_, t) => Array.from({ length: want }, (_, c) => (c < k ? flat[t * k + c] : 0)));
}

export interface TrajectoryOptions {
  /** Layer the PCA is fitted on (default the last). */
  layer?: number;
  /** Training step of `model`'s weights. */
  step: number;
  /** Weights whose states define the PCA basis (a saved snapshot), with their step; absent: fit on `model`. */
  basis?: { model: Model; step: number } | null;
}

export function computeTrajectories(engine: Engine, model: Model, probes: EncodedInput[], options: TrajectoryOptions): TrajectoryView {
  const { spec } = model;
  const L = spec.num_layers;
  const D = numDirections(spec);
  const width = D * spec.hidden_size;
  const layer = options.layer ?? L - 1;
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new InspectInputError(`layer: expected a layer from 0 to ${L - 1}, found ${layer}`, { code: 'inspect-layer', params: { max: L - 1, found: String(layer) } });
  if (probes.length === 0) throw new InspectInputError('probes: expected at least one probe', { code: 'inspect-no-probes', params: {} });
  const runs = probes.map((p) => runProbe(engine, model, p));
  const basisRuns = options.basis ? probes.map((p) => runProbe(engine, options.basis!.model, p)) : runs;
  const fit = fitLayer(basisRuns, layer, width);
  return {
    step: options.step,
    layer,
    layers: L,
    directions: D,
    hiddenSize: spec.hidden_size,
    probes: runs.map((r) => ({
      text: r.probe.text,
      length: r.probe.length,
      symbols: r.probe.symbols,
      label: r.probe.label,
      outputs: r.y ? rows(r.y, spec.output_size) : null,
    })),
    projection2d: runs.map((r) => project(fit, r.states[layer], width, 2)),
    projection3d: runs.map((r) => project(fit, r.states[layer], width, 3)),
    explainedVarianceRatio: [0, 1, 2].map((c) => fit.explainedVarianceRatio[c] ?? 0),
    basisStep: options.basis?.step ?? options.step,
    states: Array.from({ length: L }, (_, l) => runs.map((r) => rows(r.states[l], width))),
    cellStates: spec.arch === 'lstm' ? Array.from({ length: L }, (_, l) => runs.map((r) => rows(r.cells![l], width))) : null,
    gates: runs[0].gates
      ? Array.from({ length: L }, (_, l) => Object.fromEntries(Object.keys(runs[0].gates![l]).map((g) => [g, runs.map((r) => rows(r.gates![l][g], width))])))
      : null,
  };
}
