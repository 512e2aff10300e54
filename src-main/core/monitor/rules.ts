// When each threshold fires: pure checks of one step's statistics against the settings and the running mean of
// the global norm. No state lives here except the small `NormAverage` record the monitor passes in and keeps.
import { paramLayout } from '../spec/params';
import type { ModelSpec } from '../spec/types';
import type { StepStats } from './stats';
import type { MonitorSettings } from './thresholds';

export type AlertKind = 'vanishing' | 'exploding' | 'nonfinite';

/** One threshold that fired, before it becomes a worded alert. */
export interface Finding {
  kind: AlertKind;
  /** Which rule: the absolute norm limit, the running-mean multiple, the time-step ratio, a parameter's norm. */
  rule: 'max-norm' | 'mean-multiple' | 'timestep-ratio' | 'param-norm' | 'nonfinite';
  value: number;
  threshold: number;
  /** The parameter concerned (param-norm: the smallest one; nonfinite: the first one). */
  param: string | null;
  /** What set a floor that was higher than the rule's own threshold (the message says it), else absent. */
  floor?: { what: 'weight-norm'; of: number; ratio: number };
}

/** Bias-corrected exponential moving average of the global norm, as Adam corrects its moments. */
export interface NormAverage {
  /** Uncorrected EMA: m_n = decay * m_{n-1} + (1 - decay) * x_n. */
  ema: number;
  /** Finite steps folded in so far (n). */
  count: number;
}

export const EMPTY_AVERAGE: NormAverage = { ema: 0, count: 0 };

/** The running mean m_n / (1 - decay^n), or null before the first finite step. */
export function runningMean(avg: NormAverage, decay: number): number | null {
  return avg.count === 0 ? null : avg.ema / (1 - decay ** avg.count);
}

/** The norm above which the step counts as exploding, and the rule that sets it. */
export function explodingLimit(avg: NormAverage, s: MonitorSettings['exploding']): { threshold: number; rule: 'max-norm' | 'mean-multiple' } {
  const mean = runningMean(avg, s.ema_decay);
  if (mean !== null && avg.count >= s.warmup_steps && s.mean_multiple * mean < s.max_norm) {
    return { threshold: s.mean_multiple * mean, rule: 'mean-multiple' };
  }
  return { threshold: s.max_norm, rule: 'max-norm' };
}

/**
 * Folds a finite norm into the average, capped at the exploding limit so that one spike cannot inflate the mean
 * and hide the spikes after it. Non-finite norms are left out.
 */
export function foldNorm(avg: NormAverage, norm: number, s: MonitorSettings['exploding']): NormAverage {
  if (!Number.isFinite(norm)) return avg;
  const capped = Math.min(norm, explodingLimit(avg, s).threshold);
  return { ema: s.ema_decay * avg.ema + (1 - s.ema_decay) * capped, count: avg.count + 1 };
}

/** Every threshold this step crosses. A non-finite step is reported as that alone (its norms mean nothing). */
export function checkStep(stats: StepStats, avg: NormAverage, settings: MonitorSettings, spec: ModelSpec): Finding[] {
  if (!stats.finite) {
    const count = stats.nonfiniteParams.length;
    return [{ kind: 'nonfinite', rule: 'nonfinite', value: count, threshold: 0, param: stats.nonfiniteParams[0] ?? null }];
  }
  const findings: Finding[] = [];
  const exploding = explodingFinding(stats, avg, settings.exploding);
  if (exploding) findings.push(exploding);
  const v = settings.vanishing;
  if (stats.firstToLastRatio !== null && stats.firstToLastRatio < v.min_ratio && decaysThroughTime(stats, v.min_ratio)) {
    findings.push({ kind: 'vanishing', rule: 'timestep-ratio', value: stats.firstToLastRatio, threshold: v.min_ratio, param: null });
  }
  const smallest = smallestWatchedNorm(stats, spec, v.param_roles);
  if (smallest && smallest.norm < v.min_param_norm && smallest.norm < v.max_param_share * stats.globalNorm) {
    findings.push({ kind: 'vanishing', rule: 'param-norm', value: smallest.norm, threshold: v.min_param_norm, param: smallest.name });
  }
  return findings;
}

/**
 * Above max_norm, or above mean_multiple times the running mean and (the floor) above min_weight_ratio times the
 * weights' norm: a spike is an explosion only when it is also large next to what it updates.
 */
function explodingFinding(stats: StepStats, avg: NormAverage, s: MonitorSettings['exploding']): Finding | null {
  const limit = explodingLimit(avg, s);
  if (limit.rule === 'max-norm') {
    return stats.globalNorm > limit.threshold ? { kind: 'exploding', rule: 'max-norm', value: stats.globalNorm, threshold: limit.threshold, param: null } : null;
  }
  const weightNorm = Math.hypot(...Object.values(stats.weightNorms));
  const floor = s.min_weight_ratio * weightNorm;
  const threshold = Math.max(limit.threshold, floor);
  if (!(stats.globalNorm > threshold)) return null;
  const finding: Finding = { kind: 'exploding', rule: 'mean-multiple', value: stats.globalNorm, threshold, param: null };
  if (floor > limit.threshold) finding.floor = { what: 'weight-norm', of: weightNorm, ratio: s.min_weight_ratio };
  return finding;
}

/**
 * Floor of the time-step rule: the gradient must already have shrunk halfway back (below min_ratio^(1/4), 0.18 by
 * default, where a steady decay to min_ratio at step 1 is near sqrt(min_ratio)), so that a network that only
 * ignores its first step (a converged one that learned step 1 does not matter) is not told that every step back
 * multiplies the gradient by a gain below 1. Without a middle step (T' < 2) there is nothing to check.
 */
function decaysThroughTime(stats: StepStats, minRatio: number): boolean {
  return stats.midToLastRatio === null || stats.midToLastRatio < minRatio ** 0.25;
}

function smallestWatchedNorm(stats: StepStats, spec: ModelSpec, roles: readonly string[]): { name: string; norm: number } | null {
  let best: { name: string; norm: number } | null = null;
  for (const p of paramLayout(spec)) {
    const norm = stats.paramNorms[p.name];
    if (!roles.includes(p.role) || norm === undefined) continue;
    if (!best || norm < best.norm) best = { name: p.name, norm };
  }
  return best;
}
