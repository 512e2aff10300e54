// The shape of a benchmark result (what `rnnlab bench --json` prints) on a tiny configuration: every field present
// with the right type, the FLOP count consistent with the timing, and the timed steps really training.
import { describe, expect, it } from 'vitest';
import { parseBenchConfig } from '../../src-main/core/bench/config';
import { formatBenchLine } from '../../src-main/core/bench/format';
import { runBench } from '../../src-main/core/bench/run';

describe('runBench', () => {
  it('reports medians, the engine used, precision, FLOPs and a falling loss', async () => {
    const config = parseBenchConfig({
      arch: 'gru', input_size: 2, hidden_size: 4, seq_len: 5, batch: 3, engine: 'reference',
      warmup: 1, repeat: 30, min_time: 0, lr: 0.5, precision: 'float32',
    });
    const r = await runBench(config);
    expect(r).toMatchObject({
      arch: 'gru', input_size: 2, hidden_size: 4, num_layers: 1, bidirectional: false, seq_len: 5, batch: 3,
      threads: 1, threads_used: 1, engine: 'reference', precision: 'float64', gemm_variant: null, warmup: 1, repeat: 30,
      min_time: 0, train_repeats: 30, forward_repeats: 30, ort_repeats: 30,
      forward_flops: 2 * 3 * 5 * (12 * 2 + 12 * 4 + 4),
      train_step_flops: 6 * 3 * 5 * (12 * 2 + 12 * 4 + 4) - 2 * 3 * 5 * (12 * 2), // no dx: 3 gates * 4 units * 2 inputs
    });
    expect(r.warnings).toEqual(['the reference engine computes in float64 only; --precision float32 ignored']);
    for (const key of ['train_step_ms', 'train_step_min_ms', 'forward_ms', 'forward_min_ms', 'gflops'] as const) {
      expect(r[key]).toBeGreaterThan(0);
    }
    expect(r.train_step_min_ms).toBeLessThanOrEqual(r.train_step_ms);
    expect(r.gflops).toBeCloseTo(r.train_step_flops / (r.train_step_ms * 1e6), 12);
    expect(r.loss_last).toBeLessThan(r.loss_first);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(formatBenchLine(r)).toMatch(/^gru I=2 H=4 L=1 T=5 B=3 \| reference float64 threads=1 \| train step [\d.]+ ms/);
  });
});
