// The per-step readout head: y = g(features · V^T + c [+ x · S^T]) with g = none | sigmoid | softmax (last axis).
// Works on any leading dims (time-major (T, B, F) outside a loop, (B, F) inside jordan's Scan body).
import type { OutputActivation } from '../../spec/types';
import { transposed, weight, type ExportContext } from './context';
import type { GraphBuilder } from './graph-builder';

export interface HeadInitializers {
  /** V^T (F, O), c (O), S^T (I, O) or null. */
  weightT: string;
  bias: string;
  shortcutT: string | null;
}

/** Adds the head's weights to the outer graph (so a Scan body can use them too). */
export function headInitializers(ctx: ExportContext): HeadInitializers {
  const { spec, g } = ctx;
  const O = spec.output_size;
  const F = (spec.bidirectional ? 2 : 1) * spec.hidden_size;
  const I = spec.input_size;
  return {
    weightT: g.floatConst('head.weight_t', [F, O], transposed(weight(ctx, 'head.weight'), O, F)),
    bias: g.floatConst('head.bias', [O], weight(ctx, 'head.bias')),
    shortcutT: spec.shortcut ? g.floatConst('shortcut.weight_t', [I, O], transposed(weight(ctx, 'shortcut.weight'), O, I)) : null,
  };
}

/** y after the output activation; `x` (same leading dims as features) feeds the shortcut when there is one. */
export function headNodes(g: GraphBuilder, head: HeadInitializers, features: string, x: string, activation: OutputActivation): string {
  let pre = g.op('Add', [g.op('MatMul', [features, head.weightT]), head.bias]);
  if (head.shortcutT) pre = g.op('Add', [pre, g.op('MatMul', [x, head.shortcutT])]);
  if (activation === 'sigmoid') return g.op('Sigmoid', [pre]);
  if (activation === 'softmax') return g.op('Softmax', [pre], { axis: { int: -1 } });
  return pre;
}
