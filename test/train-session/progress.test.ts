// The train command's progress display: a bar redrawn in place on a terminal (stderr), plain lines otherwise,
// the first alert of each kind in full and a count of all of them at the end.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src-main/cli/commands/train';
import type { Alert } from '../../src-main/core/monitor/alerts';
import type { StepRecord } from '../../src-main/core/train/loop';
import type { RunEvent } from '../../src-main/core/train/training-run';

function capture(tty: boolean) {
  const out = { stdout: '', stderr: '' };
  const progress = new Progress({ out: (t) => void (out.stdout += t), err: (t) => void (out.stderr += t), env: {} }, tty);
  return { out, progress };
}

const record = (step: number) => ({ step, loss: 0.5 / step, alerts: [] }) as unknown as StepRecord;
const evaluation = (step: number): RunEvent => ({
  type: 'evaluation',
  evaluation: { step, epoch: 0, validation: { loss: 0.1, metrics: { primary: { name: 'accuracy', value: 0.75, higherIsBetter: true }, scalars: {} } } },
});
const alert = (step: number, suppressed = 0): RunEvent => ({ type: 'alert', alert: { kind: 'vanishing', step, message: `vanishing at ${step}`, suppressed } as Alert });
const started: RunEvent = { type: 'started', step: 0, totalSteps: 100, resumed: false, engine: 'reference', warning: null, threadLimit: 0 };

const remedy = (label: string) => ({ id: 'switch-lstm', label, target: 'spec', patch: {} }) as Alert['remedies'][number];

describe('train progress', () => {
  it('draws a bar in place on a terminal', () => {
    const { out, progress } = capture(true);
    progress.show(started);
    progress.show(evaluation(50));
    progress.end();
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('\r\x1b[K[###############...............] 50/100');
    expect(out.stderr).toContain('val accuracy 0.75');
    expect(out.stderr.endsWith('\n')).toBe(true);
  });

  it('prints about twenty plain lines when not a terminal, whatever the number of evaluations', () => {
    const { out, progress } = capture(false);
    progress.show(started);
    for (let step = 1; step <= 100; step++) {
      progress.show({ type: 'metrics', records: [record(step)] });
      progress.show(evaluation(step));
    }
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('training on reference engine from step 0 of 100');
    expect(lines.length - 1).toBe(21); // steps 1, 6, ..., 96 (every total/20) and the last
    expect(lines.at(-1)).toBe('step 100/100  loss 0.005  val accuracy 0.75');
    expect(out.stderr).toBe('');
  });

  it('names the thread limit on the native engine only when one is set', () => {
    const lineFor = (event: RunEvent) => {
      const { out, progress } = capture(false);
      progress.show(event);
      return out.stdout.trim();
    };
    const native = { ...started, engine: 'native' } as RunEvent;
    expect(lineFor({ ...native, threadLimit: 2 } as RunEvent)).toBe('training on native engine (at most 2 threads) from step 0 of 100');
    expect(lineFor({ ...native, threadLimit: 1 } as RunEvent)).toBe('training on native engine (at most 1 thread) from step 0 of 100');
    expect(lineFor(native)).toBe('training on native engine from step 0 of 100');
    expect(lineFor({ ...started, threadLimit: 2 } as RunEvent)).toBe('training on reference engine from step 0 of 100');
  });

  it('shows the first alert of each kind and counts the rest (held back ones too)', () => {
    const { out, progress } = capture(false);
    progress.show(alert(1));
    progress.show(alert(101, 99));
    progress.end();
    expect(out.stdout).toBe('alert (vanishing) vanishing at 1\nalerts: 101 vanishing (rate-limited by the monitor\'s alert_every)\n');
  });

  it("lists the first alert's remedies under it", () => {
    const { out, progress } = capture(false);
    const withRemedies = alert(1) as Extract<RunEvent, { type: 'alert' }>;
    withRemedies.alert.remedies = [remedy('Switch to an LSTM'), remedy('Switch to a GRU')];
    progress.show(withRemedies);
    expect(out.stdout).toBe('alert (vanishing) vanishing at 1\n  remedies: Switch to an LSTM; Switch to a GRU\n');
  });
});
