// `rnnlab bench` end to end: the --json object a script reads (spawned like a user would run it), the readable
// line, and the exit codes of bad flags (run in-process through runCli to keep spawns few).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { CliIO } from '../../src-main/cli/io';
import { runCli } from '../../src-main/cli/run';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tiny = ['--arch', 'lstm', '--input-size', '2', '--hidden-size', '3', '--seq-len', '4', '--batch', '2'];

async function runInProcess(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t), env: {} };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('rnnlab bench', () => {
  it('--json prints one object with the timings, the configuration, the engine and the FLOP count', () => {
    const buildError = inject('cliBuildError');
    expect(buildError, 'the CLI bundle did not build').toBe('');
    const stdout = execFileSync(
      process.execPath,
      ['bin/rnnlab.js', 'bench', ...tiny, '--num-layers', '2', '--engine', 'reference', '--warmup', '1', '--repeat', '3', '--min-time', '0.3', '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 2, seq_len: 4, batch: 2, threads: 1,
      engine: 'reference', precision: 'float64', gemm_variant: null, warmup: 1, repeat: 3, min_time: 0.3, warnings: [],
      threads_used: 1,
      // m = layer 0: 12*(2+3) + layer 1: 12*(3+3) + head 3 = 135 multiply-adds per sample-step; B*T = 8; the
      // step asks for no dx, so layer 0's input gradient (12*2 = 24 per sample-step) is not counted
      forward_flops: 2 * 8 * 135,
      train_step_flops: 6 * 8 * 135 - 2 * 8 * 24,
    });
    // The budget, not the count, decides how many steps were timed: 300 ms of ~1 ms steps are more than 3.
    expect(result.train_repeats).toBeGreaterThan(3);
    expect(result.forward_repeats).toBeGreaterThan(3);
    expect(result.ort_repeats).toBeGreaterThanOrEqual(3);
    for (const key of ['train_step_ms', 'forward_ms', 'ort_forward_ms', 'gflops', 'loss_first', 'loss_last']) {
      expect(typeof result[key], key).toBe('number');
      expect(Number.isFinite(result[key]), key).toBe(true);
    }
  });

  it('without --json prints one readable line', async () => {
    const r = await runInProcess(['bench', ...tiny, '--engine', 'reference', '--warmup', '0', '--repeat', '2', '--min-time', '0']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^lstm I=2 H=3 L=1 T=4 B=2 \| reference float64 threads=1 \| train step [\d.]+ ms \([\d.]+ GFLOP\/s\), forward [\d.]+ ms \(onnxruntime [\d.]+ ms\) \| medians of 2 train, 2 forward, 2 onnxruntime runs\n$/);
  });

  it.each([
    [['bench', '--input-size', '2', '--hidden-size', '3'], 2, /required option '--arch <arch>' not specified/],
    [['bench', ...tiny, '--batch', 'many'], 2, /expected a number, found 'many'/],
    [['bench', ...tiny, '--precision', 'float16'], 2, /float16/],
    [['bench', ...tiny, '--batch', '0'], 1, /^rnnlab: invalid benchmark configuration: batch: expected a batch size from 1 to 100000, found 0\n$/],
    [['bench', ...tiny, '--hidden-size', '0'], 1, /^rnnlab: invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0\n$/],
  ])('%j exits %i with one line', async (argv, code, message) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
