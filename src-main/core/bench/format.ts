// The readable one-line summary of a benchmark result (what `rnnlab bench` prints without --json).
import type { BenchResult } from './run';

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(3);
}

export function formatBenchLine(r: BenchResult): string {
  const model = `${r.arch}${r.bidirectional ? ' bidirectional' : ''} I=${r.input_size} H=${r.hidden_size} L=${r.num_layers}`;
  const shape = `T=${r.seq_len} B=${r.batch}`;
  const engine = `${r.engine} ${r.precision}${r.gemm_variant ? ` gemm=${r.gemm_variant}` : ''} threads=${r.threads_used}${r.threads_used === r.threads ? '' : ` (chosen for this model size; up to ${r.threads} allowed)`}`;
  return (
    `${model} ${shape} | ${engine} | train step ${ms(r.train_step_ms)} ms (${r.gflops.toFixed(2)} GFLOP/s), ` +
    `forward ${ms(r.forward_ms)} ms${r.ort_forward_ms === null ? '' : ` (onnxruntime ${ms(r.ort_forward_ms)} ms)`} | medians of ${r.train_repeats} train, ${r.forward_repeats} forward${r.ort_repeats === null ? '' : `, ${r.ort_repeats} onnxruntime`} runs`
  );
}
