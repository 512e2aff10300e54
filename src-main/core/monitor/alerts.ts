// Alerts: a finding (rules.ts) worded for a student, with its remedies, and the rate limiter that lets at most one
// alert of each kind through per `alert_every` steps while counting the ones it holds back.
import type { ModelSpec } from '../spec/types';
import { remediesFor, suggestedClipNorm, type Remedy } from './remedies';
import type { AlertKind, Finding } from './rules';

export interface Alert {
  kind: AlertKind;
  rule: Finding['rule'];
  step: number;
  value: number;
  threshold: number;
  param: string | null;
  /** Plain explanation of what was measured and why it matters. */
  message: string;
  remedies: Remedy[];
  /** Alerts of this kind held back by the rate limit since the previous one that was let through. */
  suppressed: number;
}

export interface AlertContext {
  step: number;
  spec: ModelSpec;
  /** Running mean of the global norm (null before any finite step). */
  meanNorm: number | null;
  /** What the loop does about it, for the message: 'warn' | 'clip' | 'stop' | 'skip'. */
  policy: string;
  /** Largest Pascanu bound gamma * sigma_max of the last spectral measurement, when there is one. */
  largestBound: number | null;
  /** Truncated BPTT's window sizes when the run uses it (null or absent: full BPTT). */
  truncation?: { k1: number; k2: number } | null;
}

export function makeAlert(finding: Finding, ctx: AlertContext, suppressed: number): Alert {
  const clipNorm = suggestedClipNorm(ctx.meanNorm);
  return {
    ...finding,
    step: ctx.step,
    message: explain(finding, ctx),
    remedies: remediesFor(finding.kind, ctx.spec, clipNorm),
    suppressed,
  };
}

function explain(f: Finding, ctx: AlertContext): string {
  const at = `at step ${ctx.step}`;
  const bound = boundNote(f.kind, ctx.largestBound);
  switch (f.rule) {
    case 'max-norm':
    case 'mean-multiple': {
      const what =
        f.rule === 'max-norm'
          ? `the gradient norm is ${fmt(f.value)}, above the limit ${fmt(f.threshold)}`
          : f.floor
            ? `the gradient norm is ${fmt(f.value)}, more than ${fmt(f.threshold)} (${fmt(100 * f.floor.ratio)}% of the weights' norm ${fmt(f.floor.of)}, and more than a multiple of its running mean ${fmt(ctx.meanNorm ?? 0)})`
            : `the gradient norm is ${fmt(f.value)}, more than ${fmt(f.threshold)} (a multiple of its running mean ${fmt(ctx.meanNorm ?? 0)})`;
      const then = ctx.policy === 'clip' ? ' This step is clipped.' : ctx.policy === 'stop' ? ' The run stops.' : '';
      return `Exploding gradients ${at}: ${what}. Going back through time multiplies the gradient by the recurrent weights at every step; when that gain is above 1 it grows exponentially and one update can throw the weights far away.${bound}${then}`;
    }
    case 'timestep-ratio':
      return `Vanishing gradients ${at}: ${ratioText(f.value)} (alert below ${fmt(f.threshold)}). Each step back through time multiplies it by a gain below 1, so the network can hardly learn from early inputs.${bound}${truncationNote(ctx.truncation)}`;
    case 'param-norm':
      return `Vanishing gradients ${at}: the gradient of ${f.param} has norm ${fmt(f.value)}, below ${fmt(f.threshold)}, so these weights have almost stopped learning.${bound}`;
    case 'nonfinite': {
      const then = ctx.policy === 'skip' ? 'This step was skipped' : 'The run stops';
      // value 0: every gradient element is finite, but a norm over them (global, per parameter or per time step)
      // overflowed; saying '0 parameter gradients hold NaN' would contradict the stop.
      const what =
        f.value > 0
          ? `${f.value} parameter gradient(s)${f.param ? ` (first: ${f.param})` : ''} hold NaN or Infinity`
          : 'the gradient norms overflowed to Infinity (no single gradient entry is NaN or Infinity yet)';
      return `Non-finite gradients ${at}: ${what}. ${then} and the weights stay the last finite ones. Usually the gradients exploded beyond what floating point holds, or the learning rate is too high.`;
    }
  }
}

/** First-to-last time-step ratio in words; 0 means the first step's gradient underflowed, not that it is exactly 0. */
function ratioText(ratio: number): string {
  if (ratio === 0) return 'the gradient reaching the first time step has shrunk to 0 in floating point (too small to represent) next to the one at the last step';
  return `the gradient reaching the first time step is ${fmt(ratio)} times the one at the last step`;
}

/** Under truncated BPTT the time-step norms also drop to 0 where no loss within k2 steps reaches back. */
function truncationNote(truncation: AlertContext['truncation']): string {
  if (!truncation) return '';
  return ` This run uses truncated BPTT (k1 = ${truncation.k1}, k2 = ${truncation.k2}): no gradient reaches more than k2 steps back from a loss, so steps far from every loss get none whatever the weights; full BPTT or a larger k2 lets it through.`;
}

/** The largest Pascanu bound, with what it says when it explains the alert. */
function boundNote(kind: AlertKind, bound: number | null): string {
  if (bound === null || !Number.isFinite(bound)) return '';
  const why =
    kind === 'vanishing' && bound < 1
      ? ' (below 1, which is enough to make gradients vanish)'
      : kind === 'exploding' && bound > 1
        ? ' (above 1, which is what lets gradients explode)'
        : '';
  return ` The largest recurrent bound gamma * sigma_max is ${fmt(bound)}${why}.`;
}

/** 3 significant digits, exponent form for very large or small values. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const rounded = Number(v.toPrecision(3));
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? rounded.toExponential() : String(rounded);
}

export interface RateLimitState {
  /** Step of the last alert let through, per kind. */
  lastStep: Partial<Record<AlertKind, number>>;
  /** Alerts held back since then, per kind. */
  held: Partial<Record<AlertKind, number>>;
}

/** At most one alert per kind per `every` steps; `admit` returns null (and counts it) when one is held back. */
export class AlertRateLimiter {
  state: RateLimitState;

  constructor(
    private readonly every: number,
    state?: RateLimitState,
  ) {
    this.state = state ? { lastStep: { ...state.lastStep }, held: { ...state.held } } : { lastStep: {}, held: {} };
  }

  /** The number of held-back alerts to report with this one, or null when this one is held back. */
  admit(kind: AlertKind, step: number): number | null {
    const last = this.state.lastStep[kind];
    if (last !== undefined && step - last < this.every) {
      this.state.held[kind] = (this.state.held[kind] ?? 0) + 1;
      return null;
    }
    const held = this.state.held[kind] ?? 0;
    this.state.lastStep[kind] = step;
    this.state.held[kind] = 0;
    return held;
  }
}
