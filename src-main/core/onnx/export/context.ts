// What every family's graph-building code shares: the builder, the model, the time-major input, and helpers for
// transposed weight matrices and batch-sized shapes (the batch is only known at run time: Shape(x)[0]).
import type { ModelSpec } from '../../spec/types';
import type { Weights } from '../../tensor';
import type { GraphBuilder } from './graph-builder';

export interface ExportContext {
  g: GraphBuilder;
  spec: ModelSpec;
  weights: Weights;
  /** The graph input x, (B, T, I). */
  x: string;
  /** x transposed to (T, B, I): the ONNX recurrent operators and Scan run time-major. */
  xt: string;
  /** Graph input names of the initial states when exported with them (h0 also for elman/gated, y0 for jordan). */
  h0: string | null;
  c0: string | null;
  y0: string | null;
}

/** The recurrent part's results, time-major. */
export interface RecurrentOutputs {
  /** Last layer's hidden states (T, B, D*H). */
  features: string;
  /** (L*D, B, H). */
  hN: string;
  cN: string | null;
  /** Jordan only: the head output y (T, B, O), computed inside the loop. */
  y?: string;
}

/** The transpose of a (rows, cols) row-major matrix: (cols, rows). */
export function transposed(data: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
  return out;
}

/** An int64 shape [B, ...trailing] with B read from x at run time. */
export function batchShape(ctx: ExportContext, trailing: number[]): string {
  const batch = ctx.g.op('Shape', [ctx.x], { start: { int: 0 }, end: { int: 1 } });
  return ctx.g.op('Concat', [batch, ctx.g.int64Const(trailing, 'dims')], { axis: { int: 0 } });
}

export function weight(ctx: ExportContext, name: string): Float64Array {
  const t = ctx.weights[name];
  if (!t) throw new RangeError(`weights: expected ${name}, found none`);
  return t.data;
}
