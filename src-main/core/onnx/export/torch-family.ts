// rnn, lstm and gru through ONNX's own RNN/LSTM/GRU operators, one per layer, time-major (layout 0).
// Per layer: W (D, G*H, in), R (D, G*H, H), B (D, 2*G*H) = [Wb, Rb] with gates in ONNX order; Y (T, D, B, H) is
// laid out as PyTorch's (T, B, D*H) by Transpose + Reshape before the next layer; h_n/c_n stack every layer's Y_h.
import { gateCount, numDirections } from '../../spec/types';
import { directionSuffix } from '../../spec/params';
import { weight, type ExportContext, type RecurrentOutputs } from './context';
import { gruGatesTorchToOnnx, lstmGatesTorchToOnnx } from './gate-order';

const OPS = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } as const;

function toOnnxGates(ctx: ExportContext, data: Float64Array, cols: number): Float64Array {
  const H = ctx.spec.hidden_size;
  if (ctx.spec.arch === 'lstm') return lstmGatesTorchToOnnx(data, H, cols);
  if (ctx.spec.arch === 'gru') return gruGatesTorchToOnnx(data, H, cols);
  return Float64Array.from(data);
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The W, R, B initializers of layer l (B is '' without bias). */
function layerWeights(ctx: ExportContext, l: number): { W: string; R: string; B: string } {
  const { spec, g } = ctx;
  const H = spec.hidden_size;
  const G = gateCount(spec.arch);
  const D = numDirections(spec);
  const inSize = l === 0 ? spec.input_size : D * H;
  const dirs = Array.from({ length: D }, (_, d) => `_l${l}${directionSuffix(d)}`);
  const W = g.floatConst(`layer${l}.W`, [D, G * H, inSize], concat(dirs.map((s) => toOnnxGates(ctx, weight(ctx, `weight_ih${s}`), inSize))));
  const R = g.floatConst(`layer${l}.R`, [D, G * H, H], concat(dirs.map((s) => toOnnxGates(ctx, weight(ctx, `weight_hh${s}`), H))));
  if (!spec.bias) return { W, R, B: '' };
  const biases = dirs.flatMap((s) => [toOnnxGates(ctx, weight(ctx, `bias_ih${s}`), 1), toOnnxGates(ctx, weight(ctx, `bias_hh${s}`), 1)]);
  return { W, R, B: g.floatConst(`layer${l}.B`, [D, 2 * G * H], concat(biases)) };
}

/** Rows [l*D, (l+1)*D) of an initial state (L*D, B, H), or '' (zeros) when the graph has no such input. */
function layerState(ctx: ExportContext, state: string | null, l: number, D: number): string {
  if (state === null) return '';
  const { g } = ctx;
  return g.op('Slice', [state, g.int64Const([l * D], 'starts'), g.int64Const([(l + 1) * D], 'ends'), g.int64Const([0], 'axes')]);
}

export function buildTorchFamily(ctx: ExportContext): RecurrentOutputs {
  const { spec, g } = ctx;
  if (spec.arch !== 'rnn' && spec.arch !== 'lstm' && spec.arch !== 'gru') throw new RangeError(`torch family: found ${spec.arch}`);
  const D = numDirections(spec);
  const H = spec.hidden_size;
  const attrs = {
    hidden_size: { int: H },
    direction: { string: D === 2 ? 'bidirectional' : 'forward' },
    ...(spec.arch === 'rnn' ? { activations: { strings: Array(D).fill(spec.nonlinearity === 'relu' ? 'Relu' : 'Tanh') } } : {}),
    ...(spec.arch === 'gru' ? { linear_before_reset: { int: 1 } } : {}),
  };
  const finalH: string[] = [];
  const finalC: string[] = [];
  let input = ctx.xt;
  for (let l = 0; l < spec.num_layers; l++) {
    const { W, R, B } = layerWeights(ctx, l);
    const inputs = [input, W, R, B, '', layerState(ctx, ctx.h0, l, D)];
    if (spec.arch === 'lstm') inputs.push(layerState(ctx, ctx.c0, l, D));
    while (inputs[inputs.length - 1] === '') inputs.pop();
    const [Y, Yh, Yc] = g.node(OPS[spec.arch], inputs, attrs, spec.arch === 'lstm' ? 3 : 2);
    finalH.push(Yh);
    if (Yc) finalC.push(Yc);
    // Y (T, D, B, H) -> (T, B, D*H), the forward direction's H columns first (PyTorch's layout).
    input =
      D === 1
        ? g.op('Squeeze', [Y, g.int64Const([1], 'axes')])
        : g.op('Reshape', [g.op('Transpose', [Y], { perm: { ints: [0, 2, 1, 3] } }), g.int64Const([0, 0, -1], 'shape')]);
  }
  const stack = (parts: string[]) => (parts.length === 1 ? parts[0] : g.op('Concat', parts, { axis: { int: 0 } }));
  return { features: input, hN: stack(finalH), cN: finalC.length ? stack(finalC) : null };
}
