// The monitor on real models through the reference engine: the three gradient experiments of the lab.
import { describe, expect, it } from 'vitest';
import { GradientMonitor } from '../../src-main/core/monitor/monitor';
import { lastStepGradients, modelFrom } from './helpers';

const base = { input_size: 2, hidden_size: 16, output_size: 1 };

describe('gradient monitor on reference-engine models', () => {
  it('flags vanishing for a tanh SRN with small recurrent weights (spectral radius 0.5) over T = 100', () => {
    const { spec, weights } = modelFrom({ ...base, arch: 'rnn', init: { scheme: 'orthogonal', spectral_radius: 0.5, seed: 1 } });
    const report = new GradientMonitor(spec).observe(0, lastStepGradients(spec, weights, 100, 1), weights);
    const alert = report.alerts.find((a) => a.kind === 'vanishing');
    expect(alert?.rule).toBe('timestep-ratio');
    expect(alert!.value).toBeLessThan(1e-20); // 0.5^99 ~ 1.6e-30 before tanh' shrinks it further
    expect(report.spectral![0].bound).toBeCloseTo(0.5, 8); // orthogonal * 0.5: every singular value is 0.5
    expect(alert!.remedies.map((r) => r.id)).toEqual(['reinit-orthogonal', 'relu-identity', 'switch-lstm', 'switch-gru']);
  });

  it('does not flag vanishing for an IRNN (ReLU, identity init) over T = 100', () => {
    const { spec, weights } = modelFrom({ ...base, arch: 'rnn', nonlinearity: 'relu', init: { scheme: 'identity', seed: 1 } });
    const report = new GradientMonitor(spec).observe(0, lastStepGradients(spec, weights, 100, 1), weights);
    expect(report.alerts.filter((a) => a.kind === 'vanishing')).toEqual([]);
    expect(report.stats.firstToLastRatio!).toBeGreaterThan(1e-2);
    expect(report.spectral![0].sigmaMax).toBeCloseTo(1, 10);
  });

  it('flags exploding for an SRN rescaled to spectral radius 3 driven by large inputs, and clips under policy clip', () => {
    const { spec, weights } = modelFrom({ ...base, arch: 'rnn', init: { scheme: 'pytorch', spectral_radius: 3, seed: 1 } });
    const monitor = new GradientMonitor(spec, { exploding: { policy: 'clip' } });
    const report = monitor.observe(0, lastStepGradients(spec, weights, 50, 5), weights);
    const alert = report.alerts.find((a) => a.kind === 'exploding');
    expect(alert?.rule).toBe('max-norm');
    expect(alert!.value).toBeGreaterThan(1e4);
    expect(report.decision).toEqual({ action: 'clip', clipTo: 1e4, because: ['exploding'] });
    expect(Math.max(...report.spectral!.map((e) => e.bound))).toBeGreaterThan(1);
  });

  it('stays quiet for the same SRN at spectral radius 0.9 over a short sequence', () => {
    const { spec, weights } = modelFrom({ ...base, arch: 'rnn', init: { scheme: 'orthogonal', spectral_radius: 0.9, seed: 1 } });
    const report = new GradientMonitor(spec).observe(0, lastStepGradients(spec, weights, 10, 1), weights);
    expect(report.alerts).toEqual([]);
    expect(report.decision.action).toBe('continue');
  });
});
