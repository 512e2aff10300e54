// Step records as the dashboard draws them (StepPoint), and their decimation: when more steps happened than a
// batch or a history should carry, neighbouring points merge into one that stands for `span` steps, keeps the
// loss minimum and maximum and the largest gradient norm, and shows the step with the largest gradient (the
// spike). Points with an alert-worthy action, a validation or a spectral measurement are never merged away.
import type { StepPoint } from '../../api/lab-api';
import type { StepRecord } from './loop';

/** `allLayers`: carry every layer's ||dL/dh_t||, not only the last one's. */
export function toStepPoint(record: StepRecord, allLayers = false): StepPoint {
  return {
    step: record.step,
    epoch: record.epoch,
    span: 1,
    loss: record.loss,
    lossMin: record.loss,
    lossMax: record.loss,
    lr: record.lr,
    gradNorm: record.grad_norm,
    gradNormMax: record.grad_norm,
    paramGradNorms: record.param_grad_norms,
    paramWeightNorms: record.param_weight_norms,
    timestepGradNorms: record.timestep_grad_norms,
    layerTimestepGradNorms: allLayers ? record.layer_timestep_grad_norms : null,
    spectral: record.spectral
      ? Object.fromEntries(Object.entries(record.spectral).map(([k, v]) => [k, { sigmaMax: v.sigma_max, bound: v.bound }]))
      : null,
    action: record.action,
    validation: record.validation ?? null,
  };
}

/** A point that must stay its own: a measurement or an event a chart marks. */
export function isLandmark(p: StepPoint): boolean {
  return p.validation !== null || p.spectral !== null || p.action === 'stopped' || p.action === 'skipped' || !Number.isFinite(p.loss);
}

/** One point standing for `a` then `b` (consecutive): the spike's values, the pair's extremes and span. */
export function mergePoints(a: StepPoint, b: StepPoint): StepPoint {
  const spike = spikeOf(a, b);
  return {
    ...spike,
    // A merged point sits at its last step, so curves stay ordered and the latest state is shown.
    step: b.step,
    epoch: b.epoch,
    span: a.span + b.span,
    loss: (a.loss * a.span + b.loss * b.span) / (a.span + b.span),
    lossMin: minFinite(a.lossMin, b.lossMin),
    lossMax: maxFinite(a.lossMax, b.lossMax),
    lr: b.lr,
    gradNormMax: maxFinite(a.gradNormMax, b.gradNormMax),
    paramWeightNorms: b.paramWeightNorms,
    action: spike.action === 'applied' ? b.action : spike.action,
    spectral: b.spectral ?? a.spectral,
    validation: b.validation ?? a.validation,
  };
}

/** At most `max` points: merges the neighbours with the smallest combined span first, sparing landmarks. */
export function decimate(points: StepPoint[], max: number): StepPoint[] {
  if (points.length <= max) return points;
  let out = points;
  while (out.length > max) {
    const next: StepPoint[] = [];
    // Pairwise merging halves the count per pass; landmarks pass through (a final pass merges them too if needed).
    const spare = out.filter(isLandmark).length < max / 2;
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      const b = out[i + 1];
      if (b && next.length + (out.length - i) > max && !(spare && (isLandmark(a) || isLandmark(b)))) {
        next.push(mergePoints(a, b));
        i++;
      } else next.push(a);
    }
    if (next.length === out.length) {
      // Only landmarks left to merge: merge everything pairwise.
      const forced: StepPoint[] = [];
      for (let i = 0; i < out.length; i += 2) forced.push(out[i + 1] ? mergePoints(out[i], out[i + 1]) : out[i]);
      out = forced;
    } else out = next;
  }
  return out;
}

function spikeOf(a: StepPoint, b: StepPoint): StepPoint {
  if (!Number.isFinite(a.gradNorm)) return a;
  if (!Number.isFinite(b.gradNorm)) return b;
  return a.gradNorm > b.gradNorm ? a : b;
}

function minFinite(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b);
}

function maxFinite(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}
