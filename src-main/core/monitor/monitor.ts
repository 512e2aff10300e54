// GradientMonitor: what the training loop calls once per step, after backward and before clipping and the
// optimiser. It keeps the running state (mean norm, rate limits, power-iteration vectors) and answers with the
// step's statistics, the spectral bounds when due, the alerts, and the action the loop must take.
import type { Gradients } from '../engine/types';
import type { ModelSpec } from '../spec/types';
import type { Weights } from '../tensor';
import { AlertRateLimiter, makeAlert, type Alert, type RateLimitState } from './alerts';
import { checkStep, EMPTY_AVERAGE, explodingLimit, foldNorm, runningMean, type AlertKind, type NormAverage } from './rules';
import { SpectralTracker, type SpectralEntry } from './spectral';
import { stepStats, type StepStats } from './stats';
import { parseMonitorSettings, type MonitorSettings } from './thresholds';

/**
 * What the loop must do with this step's gradients:
 *   continue  apply them (after the loop's own clipping setting, if any)
 *   clip      scale them to global norm `clipTo` first (clip_grad_norm_ semantics), then apply; when the training
 *             settings clip by norm too, the smaller of the two limits wins
 *   skip      do not apply them (non-finite step under policy 'skip'); the weights stay as they are
 *   stop      do not apply them and end the run; the weights stay the last finite ones
 */
export interface MonitorDecision {
  action: 'continue' | 'clip' | 'skip' | 'stop';
  clipTo?: number;
  /** The alert kinds that caused a non-'continue' action. */
  because: AlertKind[];
}

export interface MonitorReport {
  step: number;
  stats: StepStats;
  /** Measured on the weights the gradients belong to, every `spectral_every` steps; null on other steps. */
  spectral: SpectralEntry[] | null;
  /** Alerts let through the rate limit this step (the decision does not depend on rate limiting). */
  alerts: Alert[];
  decision: MonitorDecision;
  /** Running mean of the global norm after this step (null before any finite step). */
  meanNorm: number | null;
}

/** Everything needed to resume a monitor exactly (plain JSON, for checkpoints). */
export interface MonitorState {
  average: NormAverage;
  rateLimit: RateLimitState;
  spectralVectors: Record<string, number[]>;
  lastSpectral: SpectralEntry[] | null;
  stepsObserved: number;
}

const ACTION_ORDER: MonitorDecision['action'][] = ['continue', 'clip', 'skip', 'stop'];

export class GradientMonitor {
  readonly settings: MonitorSettings;
  private average: NormAverage = EMPTY_AVERAGE;
  private readonly limiter: AlertRateLimiter;
  private readonly spectral: SpectralTracker;
  private lastSpectral: SpectralEntry[] | null = null;
  private stepsObserved = 0;
  /** Set by a trainer running truncated BPTT, so a vanishing alert can say that the truncation also cuts gradients. */
  truncation: { k1: number; k2: number } | null = null;

  /** `settings` is validated here (unknown in, defaults filled); `state` resumes a saved monitor. */
  constructor(
    readonly spec: ModelSpec,
    settings: unknown = {},
    state?: MonitorState,
  ) {
    this.settings = parseMonitorSettings(settings);
    const s = this.settings;
    this.limiter = new AlertRateLimiter(s.alert_every, state?.rateLimit);
    this.spectral = new SpectralTracker(spec, { tolerance: s.spectral_tolerance, maxIterations: s.spectral_max_iterations });
    if (state) {
      this.average = { ...state.average };
      this.spectral.loadVectors(state.spectralVectors);
      this.lastSpectral = state.lastSpectral;
      this.stepsObserved = state.stepsObserved;
    }
  }

  /** One training step: `grads` from backward, `weights` the ones they were computed with (not yet updated). */
  observe(step: number, grads: Gradients, weights: Weights): MonitorReport {
    const s = this.settings;
    const stats = stepStats(grads, weights, this.spec);
    const spectral = this.stepsObserved % s.spectral_every === 0 ? this.spectral.measure(weights) : null;
    if (spectral) this.lastSpectral = spectral;
    this.stepsObserved++;

    const meanBefore = runningMean(this.average, s.exploding.ema_decay);
    const findings = checkStep(stats, this.average, s, this.spec);
    const decision = this.decide(findings.map((f) => f.kind), this.average);
    const largestBound = this.lastSpectral?.reduce((m, e) => Math.max(m, e.bound), -Infinity) ?? null;
    const alerts: Alert[] = [];
    for (const kind of new Set(findings.map((f) => f.kind))) {
      const held = this.limiter.admit(kind, step);
      if (held === null) continue;
      const policy = s[kind].policy;
      for (const f of findings.filter((g) => g.kind === kind)) {
        alerts.push(makeAlert(f, { step, spec: this.spec, meanNorm: meanBefore, policy, largestBound, truncation: this.truncation }, held));
      }
    }
    this.average = foldNorm(this.average, stats.globalNorm, s.exploding);
    return { step, stats, spectral, alerts, decision, meanNorm: runningMean(this.average, s.exploding.ema_decay) };
  }

  /** The most recent spectral measurement (for per-step records between measurements); null before the first. */
  get latestSpectral(): SpectralEntry[] | null {
    return this.lastSpectral;
  }

  /** Plain-JSON state for a checkpoint; `new GradientMonitor(spec, settings, state)` resumes it. */
  saveState(): MonitorState {
    return {
      average: { ...this.average },
      rateLimit: { lastStep: { ...this.limiter.state.lastStep }, held: { ...this.limiter.state.held } },
      spectralVectors: this.spectral.saveVectors(),
      lastSpectral: this.lastSpectral,
      stepsObserved: this.stepsObserved,
    };
  }

  private decide(kinds: AlertKind[], average: NormAverage): MonitorDecision {
    const s = this.settings;
    let decision: MonitorDecision = { action: 'continue', because: [] };
    for (const kind of kinds) {
      const policy = s[kind].policy;
      const action = policy === 'warn' ? 'continue' : policy;
      if (action === 'continue') continue;
      const rank = ACTION_ORDER.indexOf(action);
      if (rank > ACTION_ORDER.indexOf(decision.action)) decision = { action, because: [kind] };
      else if (rank === ACTION_ORDER.indexOf(decision.action)) decision.because.push(kind);
    }
    if (decision.action === 'clip') {
      const mean = runningMean(average, s.exploding.ema_decay);
      const warmed = mean !== null && average.count >= s.exploding.warmup_steps;
      decision.clipTo = s.exploding.clip_to ?? (warmed ? mean : explodingLimit(average, s.exploding).threshold);
    }
    return decision;
  }
}
