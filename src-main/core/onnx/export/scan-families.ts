// elman, jordan and gated through one ONNX Scan each (measured faster in onnxruntime than Loop or unrolling).
// Input projections of all steps are hoisted out of the loop (one MatMul over (T, B, I)); the Scan body only does
// what depends on the previous step. Body graphs read the weights from the outer graph's initializers.
//   elman:  h_t = f(x_t W_ih^T + b_ih + b_hh + h_{t-1} W_hh^T)
//   jordan: h_t = f(x_t W_ih^T + b + y_{t-1} W_yh^T), y_t = head(h_t)      (the head is inside the loop)
//   gated:  h_t = tanh(sum_k x_tk (W_k h_{t-1} + b_k)); one-hot x picks W_k, any real x mixes them (as the engine)
import { transposed, batchShape, weight, type ExportContext, type RecurrentOutputs } from './context';
import { GraphBuilder } from './graph-builder';
import { headNodes, type HeadInitializers } from './head';

const INT64_MAX = Number.MAX_SAFE_INTEGER;

function hiddenOp(ctx: ExportContext): 'Tanh' | 'Relu' {
  return ctx.spec.nonlinearity === 'relu' ? 'Relu' : 'Tanh';
}

/** x W^T (+ biases) for all steps: (T, B, I) -> (T, B, H). */
function inputProjection(ctx: ExportContext, name: string, w: Float64Array, rows: number, biases: string[]): string {
  const { g, spec } = ctx;
  const wT = g.floatConst(`${name}_t`, [spec.input_size, rows], transposed(w, rows, spec.input_size));
  let out = g.op('MatMul', [ctx.xt, wT]);
  for (const b of biases) out = g.op('Add', [out, b]);
  return out;
}

/** The initial state (B, size): the given (1, B, size) input squeezed, or `fill` (1, size) expanded to the batch. */
function initialState(ctx: ExportContext, given: string | null, fill: string, squeeze: boolean): string {
  const { g } = ctx;
  if (given) return squeeze ? g.op('Squeeze', [given, g.int64Const([0], 'axes')]) : given;
  return g.op('Expand', [fill, batchShape(ctx, [1])]);
}

function zerosRow(ctx: ExportContext, name: string, size: number): string {
  return ctx.g.floatConst(name, [1, size], new Float64Array(size));
}

function biasConst(ctx: ExportContext, name: string, dims: number[]): string[] {
  return ctx.spec.bias ? [ctx.g.floatConst(name, dims, weight(ctx, name))] : [];
}

export function buildElman(ctx: ExportContext): RecurrentOutputs {
  const { g, spec } = ctx;
  const H = spec.hidden_size;
  const gx = inputProjection(ctx, 'weight_ih_l0', weight(ctx, 'weight_ih_l0'), H, [...biasConst(ctx, 'bias_ih_l0', [H]), ...biasConst(ctx, 'bias_hh_l0', [H])]);
  const whhT = g.floatConst('weight_hh_l0_t', [H, H], transposed(weight(ctx, 'weight_hh_l0'), H, H));
  const body = new GraphBuilder('elman_');
  const hPrev = body.input('elman_h_prev', null);
  const gxT = body.input('elman_gx_t', null);
  const h = body.op(hiddenOp(ctx), [body.op('Add', [gxT, body.op('MatMul', [hPrev, whhT])])]);
  body.output('elman_h_next', h, null);
  body.output('elman_h_step', h, null);
  const h0 = initialState(ctx, ctx.h0, zerosRow(ctx, 'zeros_h', H), true);
  const [hLast, hs] = g.node('Scan', [h0, gx], { body: { graph: body.build('elman_step') }, num_scan_inputs: { int: 1 } }, 2);
  return { features: hs, hN: g.op('Unsqueeze', [hLast, g.int64Const([0], 'axes')]), cN: null };
}

export function buildJordan(ctx: ExportContext, head: HeadInitializers): RecurrentOutputs {
  const { g, spec } = ctx;
  const H = spec.hidden_size;
  const O = spec.output_size;
  const gx = inputProjection(ctx, 'weight_ih_l0', weight(ctx, 'weight_ih_l0'), H, biasConst(ctx, 'bias_l0', [H]));
  const wyhT = g.floatConst('weight_yh_l0_t', [O, H], transposed(weight(ctx, 'weight_yh_l0'), H, O));
  const body = new GraphBuilder('jordan_');
  const yPrev = body.input('jordan_y_prev', null);
  const gxT = body.input('jordan_gx_t', null);
  const h = body.op(hiddenOp(ctx), [body.op('Add', [gxT, body.op('MatMul', [yPrev, wyhT])])]);
  const y = headNodes(body, head, h, '', spec.output_activation);
  body.output('jordan_y_next', y, null);
  body.output('jordan_h_step', h, null);
  body.output('jordan_y_step', y, null);
  const y0 = initialState(ctx, ctx.y0, zerosRow(ctx, 'zeros_y', O), false);
  const [, hs, ys] = g.node('Scan', [y0, gx], { body: { graph: body.build('jordan_step') }, num_scan_inputs: { int: 1 } }, 3);
  const hN = g.op('Slice', [hs, g.int64Const([-1], 'starts'), g.int64Const([INT64_MAX], 'ends'), g.int64Const([0], 'axes')]);
  return { features: hs, hN, cN: null, y: ys };
}

export function buildGated(ctx: ExportContext): RecurrentOutputs {
  const { g, spec } = ctx;
  const H = spec.hidden_size;
  const K = spec.input_size;
  // W (K, H, H) as one (H, K*H) matrix: (h_prev W_cat^T)[b, k*H + i] = (W_k h_prev)_i.
  const w = weight(ctx, 'weight_hh');
  const wCatT = g.floatConst('weight_hh_cat_t', [H, K * H], transposed(w, K * H, H));
  const xSteps = g.op('Unsqueeze', [ctx.xt, g.int64Const([2], 'axes')]); // (T, B, 1, K)
  const scanInputs = [xSteps];
  if (spec.bias) scanInputs.push(g.op('MatMul', [ctx.xt, g.floatConst('bias_hh', [K, H], weight(ctx, 'bias_hh'))])); // (T, B, H)
  const body = new GraphBuilder('gated_');
  const hPrev = body.input('gated_h_prev', null);
  const xT = body.input('gated_x_t', null);
  const projected = body.op('Reshape', [body.op('MatMul', [hPrev, wCatT]), body.int64Const([0, K, H], 'shape')]); // (B, K, H)
  let pre = body.op('Squeeze', [body.op('MatMul', [xT, projected]), body.int64Const([1], 'axes')]); // (B, H)
  if (spec.bias) pre = body.op('Add', [pre, body.input('gated_bias_t', null)]);
  const h = body.op('Tanh', [pre]);
  body.output('gated_h_next', h, null);
  body.output('gated_h_step', h, null);
  const fill = spec.learn_h0 ? g.floatConst('learned_h0', [1, H], weight(ctx, 'h0')) : zerosRow(ctx, 'zeros_h', H);
  const h0 = initialState(ctx, ctx.h0, fill, true);
  const attrs = { body: { graph: body.build('gated_step') }, num_scan_inputs: { int: scanInputs.length } };
  const [hLast, hs] = g.node('Scan', [h0, ...scanInputs], attrs, 2);
  return { features: hs, hN: g.op('Unsqueeze', [hLast, g.int64Const([0], 'axes')]), cN: null };
}
