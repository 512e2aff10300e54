// Each threshold fires exactly when it should, on hand-built gradient sequences; policies, rate limit, settings.
import { describe, expect, it } from 'vitest';
import { GradientMonitor } from '../../src-main/core/monitor/monitor';
import { parseMonitorSettings } from '../../src-main/core/monitor/thresholds';
import { initWeights } from '../../src-main/core/spec/init';
import { gradsWithNorm, smallSpec } from './helpers';

const spec = smallSpec();
const weights = initWeights(spec);
/** Exploding only by the running-mean rule with a fast EMA; warm-up 5 steps. */
const emaSettings = { exploding: { mean_multiple: 10, ema_decay: 0.5, warmup_steps: 5 }, alert_every: 1 };

function feed(monitor: GradientMonitor, norms: number[], first = 0) {
  return norms.map((n, i) => monitor.observe(first + i, gradsWithNorm(spec, n), weights));
}
const kinds = (r: { alerts: { kind: string }[] }) => r.alerts.map((a) => a.kind);

describe('exploding', () => {
  it('fires when the global norm passes max_norm, not at it', () => {
    const m = new GradientMonitor(spec, { exploding: { max_norm: 100, warmup_steps: 1e9 }, alert_every: 1 });
    const reports = feed(m, [99, 100, 100.5, 3]);
    expect(reports.map(kinds)).toEqual([[], [], ['exploding'], []]);
    expect(reports[2].alerts[0]).toMatchObject({ rule: 'max-norm', step: 2, threshold: 100 });
    expect(reports[2].alerts[0].value).toBeCloseTo(100.5, 10);
  });

  it('fires above mean_multiple times the bias-corrected EMA, only after warm-up', () => {
    const m = new GradientMonitor(spec, emaSettings);
    // During warm-up 50 is not judged against the mean (only against max_norm = 1e4).
    const warm = feed(m, [1, 50, 1, 1, 1]);
    expect(warm.flatMap(kinds)).toEqual([]);
    // EMA of 1, 50, 1, 1, 1 with decay 0.5, bias-corrected:
    let ema = 0;
    for (const x of [1, 50, 1, 1, 1]) ema = 0.5 * ema + 0.5 * x;
    const mean = ema / (1 - 0.5 ** 5);
    expect(warm[4].meanNorm).toBeCloseTo(mean, 12);
    const [below] = feed(m, [10 * mean * 0.999], 5);
    expect(kinds(below)).toEqual([]);
    const m2 = new GradientMonitor(spec, emaSettings);
    feed(m2, [1, 50, 1, 1, 1]);
    const [above] = feed(m2, [10 * mean * 1.001], 5);
    expect(above.alerts[0]).toMatchObject({ kind: 'exploding', rule: 'mean-multiple' });
    expect(above.alerts[0].threshold).toBeCloseTo(10 * mean, 10);
  });

  it('folds a spike into the mean capped at the limit, so the spike after it is still caught', () => {
    const m = new GradientMonitor(spec, emaSettings);
    const reports = feed(m, [1, 1, 1, 1, 1, 1000, 100]);
    expect(reports.map(kinds).slice(5)).toEqual([['exploding'], ['exploding']]);
    // mean after the spike: (0.5 * (1 - 0.5^5) + 0.5 * 10) / (1 - 0.5^6), i.e. the spike counted as 10.
    const capped = (0.5 * (1 - 0.5 ** 5) + 0.5 * 10) / (1 - 0.5 ** 6);
    expect(reports[6].alerts[0].threshold).toBeCloseTo(10 * capped, 10);
  });

  it('policy clip asks to clip to the running mean after warm-up (to max_norm before), or to clip_to', () => {
    const early = new GradientMonitor(spec, { exploding: { max_norm: 10, policy: 'clip' } });
    expect(feed(early, [11])[0].decision).toEqual({ action: 'clip', clipTo: 10, because: ['exploding'] });
    const m = new GradientMonitor(spec, { ...emaSettings, exploding: { ...emaSettings.exploding, policy: 'clip' } });
    const r = feed(m, [2, 2, 2, 2, 2, 30]);
    expect(r[5].decision.action).toBe('clip');
    expect(r[5].decision.clipTo).toBeCloseTo(2, 12);
    const fixed = new GradientMonitor(spec, { exploding: { max_norm: 10, policy: 'clip', clip_to: 3 } });
    expect(feed(fixed, [11])[0].decision.clipTo).toBe(3);
    const stop = new GradientMonitor(spec, { exploding: { max_norm: 10, policy: 'stop' } });
    expect(feed(stop, [11])[0].decision).toEqual({ action: 'stop', because: ['exploding'] });
  });
});

describe('vanishing', () => {
  const at = (timestep: number[], settings: object = {}) =>
    new GradientMonitor(spec, settings).observe(0, gradsWithNorm(spec, 1, timestep), weights);

  it('fires when ||dL/dh_1|| / ||dL/dh_T|| of the last layer falls under min_ratio', () => {
    expect(at([0.9e-3, 0.1, 1]).alerts[0]).toMatchObject({ kind: 'vanishing', rule: 'timestep-ratio', threshold: 1e-3 });
    expect(at([0.9e-3, 0.1, 1]).alerts[0].value).toBeCloseTo(0.9e-3, 15);
    expect(at([1.1e-3, 0.1, 1]).alerts).toEqual([]);
    expect(at([1e-5, 1], { vanishing: { min_ratio: 1e-6 } }).alerts).toEqual([]);
  });

  it('measures to the last step a gradient reaches (trailing zeros are padding) and ignores all-zero norms', () => {
    expect(at([1e-4, 1, 0, 0]).stats.firstToLastRatio).toBeCloseTo(1e-4, 15);
    expect(at([0, 0, 0]).stats.firstToLastRatio).toBeNull();
    expect(at([0, 0, 0]).alerts).toEqual([]);
  });

  it("fires when a watched parameter's gradient norm falls under min_param_norm (recurrent by default)", () => {
    const grads = gradsWithNorm(spec, 1);
    grads.params['weight_hh_l0'].fill(0);
    const report = new GradientMonitor(spec).observe(7, grads, weights);
    expect(report.alerts).toHaveLength(1);
    expect(report.alerts[0]).toMatchObject({ kind: 'vanishing', rule: 'param-norm', param: 'weight_hh_l0', value: 0, step: 7 });
    const biasOnly = gradsWithNorm(spec, 1);
    biasOnly.params['bias_hh_l0'].fill(0);
    expect(new GradientMonitor(spec).observe(0, biasOnly, weights).alerts).toEqual([]);
    expect(new GradientMonitor(spec, { vanishing: { min_param_norm: 0 } }).observe(0, grads, weights).alerts).toEqual([]);
  });

  it('policy stop stops the run; warn continues', () => {
    expect(at([1e-6, 1], { vanishing: { policy: 'stop' } }).decision).toEqual({ action: 'stop', because: ['vanishing'] });
    expect(at([1e-6, 1]).decision).toEqual({ action: 'continue', because: [] });
  });
});

describe('non-finite', () => {
  it('stops by default, skips under policy skip, raises no other alert and leaves the running mean alone', () => {
    for (const [policy, action] of [[undefined, 'stop'], ['skip', 'skip']] as const) {
      const m = new GradientMonitor(spec, policy ? { nonfinite: { policy } } : {});
      const before = feed(m, [2])[0].meanNorm;
      const grads = gradsWithNorm(spec, 1e9, [1e-9, 1]);
      grads.params['weight_ih_l0'][1] = NaN;
      grads.params['bias_ih_l0'][0] = Infinity;
      const r = m.observe(1, grads, weights);
      expect(r.decision).toEqual({ action, because: ['nonfinite'] });
      expect(r.alerts.map((a) => [a.kind, a.value, a.param])).toEqual([['nonfinite', 2, 'weight_ih_l0']]);
      expect(r.alerts[0].message).toContain(action === 'skip' ? 'This step was skipped' : 'The run stops');
      expect(r.meanNorm).toBe(before);
    }
  });
});

describe('non-finite norms of finite gradients', () => {
  it('says the norms overflowed instead of counting zero non-finite parameters', () => {
    const grads = gradsWithNorm(spec, 1, [1, 1]);
    grads.timestepGradNorms[grads.timestepGradNorms.length - 1][1] = Infinity;
    const r = new GradientMonitor(spec).observe(0, grads, weights);
    expect(r.decision.action).toBe('stop');
    expect(r.alerts.map((a) => [a.kind, a.value])).toEqual([['nonfinite', 0]]);
    expect(r.alerts[0].message).toContain('the gradient norms overflowed to Infinity');
    expect(r.alerts[0].message).not.toContain('0 parameter gradient(s)');
  });
});

describe('rate limit and combined decisions', () => {
  it('lets one alert per kind through every alert_every steps and counts the held ones; the action never pauses', () => {
    const m = new GradientMonitor(spec, { exploding: { max_norm: 10, policy: 'clip', warmup_steps: 1e9 }, alert_every: 10 });
    const reports = feed(m, Array.from({ length: 25 }, () => 20));
    const alerted = reports.filter((r) => r.alerts.length > 0);
    expect(alerted.map((r) => r.step)).toEqual([0, 10, 20]);
    expect(alerted.map((r) => r.alerts[0].suppressed)).toEqual([0, 9, 9]);
    expect(reports.every((r) => r.decision.action === 'clip')).toBe(true);
  });

  it('takes the strongest action when several kinds fire: stop beats clip', () => {
    const m = new GradientMonitor(spec, { exploding: { max_norm: 10, policy: 'clip' }, vanishing: { policy: 'stop' } });
    const r = m.observe(0, gradsWithNorm(spec, 50, [1e-9, 1]), weights);
    expect(kinds(r).sort()).toEqual(['exploding', 'vanishing']);
    expect(r.decision).toEqual({ action: 'stop', because: ['vanishing'] });
  });

  it('resumes from saved state exactly as an uninterrupted monitor continues', () => {
    const norms = [1, 2, 1, 3, 1, 2, 40, 1, 2, 90, 1];
    const whole = new GradientMonitor(spec, { ...emaSettings, alert_every: 3, spectral_every: 2 });
    const expected = feed(whole, norms);
    const first = new GradientMonitor(spec, { ...emaSettings, alert_every: 3, spectral_every: 2 });
    feed(first, norms.slice(0, 7));
    const state = JSON.parse(JSON.stringify(first.saveState()));
    const resumed = new GradientMonitor(spec, { ...emaSettings, alert_every: 3, spectral_every: 2 }, state);
    expect(JSON.stringify(feed(resumed, norms.slice(7), 7))).toBe(JSON.stringify(expected.slice(7)));
  });
});

describe('alerts carry remedies', () => {
  it('exploding on an LSTM offers clipping at the observed mean norm and a GRU, not an LSTM', () => {
    const lstm = smallSpec({ arch: 'lstm' });
    const m = new GradientMonitor(lstm, { exploding: { max_norm: 100 } });
    for (let s = 0; s < 4; s++) m.observe(s, gradsWithNorm(lstm, 3.14159), initWeights(lstm));
    const alert = m.observe(4, gradsWithNorm(lstm, 500), initWeights(lstm)).alerts[0];
    expect(alert.remedies.map((r) => r.id)).toEqual(['enable-clipping', 'lower-lr', 'reinit-orthogonal', 'switch-gru']);
    expect(alert.remedies.map((r) => r.action.kind)).toEqual(['enable-clipping', 'lower-lr', 'reinit-recurrent', 'switch-arch']);
    expect(alert.remedies[0]).toMatchObject({ target: 'training', patch: { clip: { mode: 'norm', max_norm: 3.1 } } });
    expect(alert.message).toMatch(/^Exploding gradients at step 4: the gradient norm is 500, above the limit 100\./);
  });

  it('vanishing on a tanh rnn offers IRNN (relu + identity) and gated families, never clipping', () => {
    const r = new GradientMonitor(spec).observe(0, gradsWithNorm(spec, 1, [1e-8, 1]), weights);
    const remedies = r.alerts[0].remedies;
    expect(remedies.map((x) => x.id)).toEqual(['reinit-orthogonal', 'relu-identity', 'switch-lstm', 'switch-gru']);
    expect(remedies[1].patch).toEqual({ nonlinearity: 'relu', init: { scheme: 'identity', gain: 1, spectral_radius: null } });
    expect(r.alerts[0].message).toContain('the gradient reaching the first time step is 1e-8 times the one at the last step');
  });

  it('vanishing on a ReLU rnn offers the identity initialisation unless it is already an IRNN', () => {
    const ids = (fields: Record<string, unknown>) => {
      const relu = smallSpec({ nonlinearity: 'relu', ...fields });
      const alert = new GradientMonitor(relu).observe(0, gradsWithNorm(relu, 1, [1e-8, 1]), initWeights(relu)).alerts[0];
      return alert.remedies.map((r) => `${r.id}: ${r.label}`);
    };
    expect(ids({})).toContain('relu-identity: Initialise the recurrent matrix to the identity (IRNN)');
    expect(ids({ init: { scheme: 'identity' } }).some((r) => r.startsWith('relu-identity'))).toBe(false);
  });

  it('says a first-step gradient that underflowed has shrunk to 0 in floating point, not "0 times"', () => {
    const r = new GradientMonitor(spec).observe(0, gradsWithNorm(spec, 1, [0, 1]), weights);
    const vanishing = r.alerts.find((a) => a.rule === 'timestep-ratio');
    expect(vanishing?.value).toBe(0);
    expect(vanishing?.message).toMatch(/^Vanishing gradients at step 0: the gradient reaching the first time step has shrunk to 0 in floating point \(too small to represent\) next to the one at the last step \(alert below 0\.001\)\./);
  });
});

describe('parseMonitorSettings', () => {
  it('fills defaults and refuses bad values with one line', () => {
    const d = parseMonitorSettings(undefined);
    expect(d.exploding).toMatchObject({ max_norm: 1e4, mean_multiple: 10, warmup_steps: 20, policy: 'warn' });
    expect(d.vanishing).toMatchObject({ min_ratio: 1e-3, policy: 'warn' });
    expect(d.nonfinite.policy).toBe('stop');
    expect(() => parseMonitorSettings({ exploding: { mean_multiple: 0.5 } })).toThrow(
      'invalid monitor settings: exploding.mean_multiple: expected mean_multiple above 1, found 0.5',
    );
    expect(() => parseMonitorSettings({ vanishing: { policy: 'clip' } })).toThrow(
      "invalid monitor settings: vanishing.policy: expected a policy among 'warn', 'stop', found \"clip\"",
    );
    expect(() => parseMonitorSettings({ alerts_every: 3 })).toThrow("invalid monitor settings: unknown field 'alerts_every'");
    expect(() => parseMonitorSettings({ exploding: 5 })).toThrow('invalid monitor settings: exploding: expected the exploding settings as an object, found 5');
    expect(() => parseMonitorSettings({ vanishing: { param_roles: ['recurent'] } })).toThrow(
      'vanishing.param_roles.0: expected a role among input, recurrent, bias, head, head_bias, shortcut, state, found "recurent"',
    );
  });
});
