// Engine results as nested JSON arrays, batch-first: what `rnnlab eval` / `rnnlab grad` write and what the
// web host and IPC hand to the renderer. The inverse direction of sequenceInput.ts.
import type { ForwardResult, Gradients, SequenceBatch } from '../engine/types';
import { paramLayout } from '../spec/params';
import { numDirections, type ModelSpec } from '../spec/types';
import { toNested, type Nested } from './nested';

/** {y?, output, h_n, c_n?}: y (B, T, O) only with a head, c_n (L*D, B, H) only for LSTM. */
export function forwardToJson(spec: ModelSpec, batch: SequenceBatch, result: ForwardResult): Record<string, Nested> {
  const { B, T, D, H, LD } = sizes(spec, batch);
  const out: Record<string, Nested> = {};
  if (result.y) out.y = toNested(result.y, [B, T, spec.output_size]);
  out.output = toNested(result.output, [B, T, D * H]);
  out.h_n = toNested(result.hN, [LD, B, H]);
  if (result.cN) out.c_n = toNested(result.cN, [LD, B, H]);
  return out;
}

/** {grads: {name: nested array of the parameter's shape}, dx, dh0 (dy0 for jordan), dc0?}, in state_dict order. */
export function gradientsToJson(spec: ModelSpec, batch: SequenceBatch, grads: Gradients) {
  const { B, T, H, LD } = sizes(spec, batch);
  const params: Record<string, Nested> = {};
  for (const p of paramLayout(spec)) params[p.name] = toNested(grads.params[p.name], p.shape);
  const out: Record<string, Nested | Record<string, Nested>> = { grads: params };
  out.dx = toNested(grads.dx, [B, T, spec.input_size]);
  // A jordan network's h_{t-1} never feeds h_t: its initial state is y0, so dy0 replaces dh0.
  if (spec.arch !== 'jordan') out.dh0 = toNested(grads.dh0, [LD, B, H]);
  if (grads.dc0) out.dc0 = toNested(grads.dc0, [LD, B, H]);
  if (grads.dy0) out.dy0 = toNested(grads.dy0, [B, spec.output_size]);
  return out;
}

function sizes(spec: ModelSpec, batch: SequenceBatch) {
  const D = numDirections(spec);
  return { B: batch.batch, T: batch.steps, D, H: spec.hidden_size, LD: spec.num_layers * D };
}
