// The outputs of an ONNX run as a table (index, value) and as chart lines: the last axis is the line, so a
// [batch, time, features] output draws one line per (batch, feature) against time.
import type { OnnxTensorView } from '../../api';

/** Every scalar with its index, e.g. ['[0, 3, 1]', 0.42]. */
export function flattenTensor(tensor: OnnxTensorView): [string, number | boolean][] {
  const out: [string, number | boolean][] = [];
  const walk = (v: unknown, index: number[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...index, i]));
    else out.push([`[${index.join(', ')}]`, typeof v === 'boolean' ? v : Number(v)]);
  };
  walk(tensor.data, []);
  return out;
}

export interface TensorLine { name: string; data: [number, number][] }

/**
 * Lines of a tensor for a chart: x runs along its longest axis (time in [batch, time, features]; ties go to the
 * later axis but the last, then the last), every other index combination is one line. At most `maxLines`.
 */
export function tensorLines(tensor: OnnxTensorView, maxLines = 16): TensorLine[] {
  const rank = tensor.shape.length;
  if (rank === 0) return [{ name: tensor.name, data: [[0, Number(tensor.data)]] }];
  const preferred = rank >= 3 ? rank - 2 : rank - 1;
  let xAxis = preferred;
  tensor.shape.forEach((size, axis) => { if (size > tensor.shape[xAxis]) xAxis = axis; });
  const lines = new Map<string, [number, number][]>();
  const walk = (v: unknown, index: number[]): void => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, [...index, i])); return; }
    const key = index.map((i, a) => (a === xAxis ? '·' : String(i))).join(',');
    if (!lines.has(key)) {
      if (lines.size >= maxLines) return;
      lines.set(key, []);
    }
    lines.get(key)!.push([index[xAxis], Number(v)]);
  };
  walk(tensor.data, []);
  return [...lines].map(([key, data]) => ({ name: `${tensor.name}[${key}]`, data }));
}

/** Worst absolute difference between two tensors of equal shape (for comparing an ONNX run with Inspect). */
export function maxAbsDifference(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return Infinity;
    return a.reduce((m: number, x, i) => Math.max(m, maxAbsDifference(x, b[i])), 0);
  }
  return Math.abs(Number(a) - Number(b));
}
