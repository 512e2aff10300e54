// Bounded live series: merges neighbouring StepPoints pairwise when a buffer is full, so memory never grows with the
// number of steps while each bucket keeps its min/max (a one-step spike survives) and a span-weighted mean.
import type { StepPoint } from '../../../../src-main/api/lab-api';

/** Points kept per run in the renderer (the core's own history holds a few hundred too). */
export const LIVE_CAPACITY = 256;

const SEVERITY: Record<StepPoint['action'], number> = { applied: 0, clipped: 1, skipped: 2, stopped: 3 };

function weighted(a: number, wa: number, b: number, wb: number): number {
  if (!Number.isFinite(a)) return a;
  if (!Number.isFinite(b)) return b;
  return (a * wa + b * wb) / (wa + wb);
}

function weightedRecord(a: Record<string, number>, wa: number, b: Record<string, number>, wb: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(b)) out[key] = key in a ? weighted(a[key], wa, b[key], wb) : b[key];
  return out;
}

/** One point standing for `a` followed by `b` (a.step < b.step); it carries b's step and the later snapshots. */
export function mergePoints(a: StepPoint, b: StepPoint): StepPoint {
  return {
    step: b.step,
    epoch: b.epoch,
    span: a.span + b.span,
    loss: weighted(a.loss, a.span, b.loss, b.span),
    lossMin: Math.min(a.lossMin, b.lossMin),
    lossMax: Math.max(a.lossMax, b.lossMax),
    lr: b.lr,
    gradNorm: weighted(a.gradNorm, a.span, b.gradNorm, b.span),
    gradNormMax: Math.max(a.gradNormMax, b.gradNormMax),
    paramGradNorms: weightedRecord(a.paramGradNorms, a.span, b.paramGradNorms, b.span),
    paramWeightNorms: b.paramWeightNorms,
    timestepGradNorms: b.timestepGradNorms,
    layerTimestepGradNorms: b.layerTimestepGradNorms,
    spectral: b.spectral ?? a.spectral,
    action: SEVERITY[a.action] >= SEVERITY[b.action] ? a.action : b.action,
    validation: b.validation ?? a.validation,
  };
}

/** Halves a series by merging neighbours (an odd last point stays alone). */
export function halve(points: readonly StepPoint[]): StepPoint[] {
  const out: StepPoint[] = [];
  for (let i = 0; i < points.length; i += 2) out.push(i + 1 < points.length ? mergePoints(points[i], points[i + 1]) : points[i]);
  return out;
}

/**
 * Appends `incoming` to `points` (both ordered by step) as the core's MetricHistory does: a new point joins the last
 * bucket while that bucket spans fewer steps than the current width; when more than `capacity` buckets would be
 * kept, neighbours merge pairwise and the width doubles. So every bucket spans about the same number of steps and
 * memory stays O(capacity). Points at or before the last kept step (a batch replayed after a reload) are dropped.
 */
export function appendBounded(points: readonly StepPoint[], incoming: readonly StepPoint[], capacity = LIVE_CAPACITY): StepPoint[] {
  let out = points.slice();
  let width = out.reduce((w, p) => Math.max(w, p.span), 1);
  for (const p of incoming) {
    const last = out.length > 0 ? out[out.length - 1] : null;
    if (last && p.step <= last.step) continue;
    if (last && out.length > 1 && last.span + p.span <= width) out[out.length - 1] = mergePoints(last, p);
    else out.push(p);
    if (out.length > capacity) {
      out = halve(out);
      width *= 2;
    }
  }
  return out;
}

/** Keeps at most `capacity` items of a step-ordered list by dropping every other one of the older half. */
export function thinList<T>(items: readonly T[], capacity: number): T[] {
  if (items.length <= capacity) return items.slice();
  const keepTail = Math.floor(capacity / 2);
  const head = items.slice(0, items.length - keepTail).filter((_, i) => i % 2 === 1);
  return thinList(head.concat(items.slice(items.length - keepTail)), capacity);
}
