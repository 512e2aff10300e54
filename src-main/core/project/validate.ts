// Checks that tie weights to a spec, shared by loading (base64 entries) and saving (in-memory tensors):
// exactly the parameters of paramLayout(spec), each of its shape, all finite in float32.
// Each check returns a one-line problem (without the file name) or null.
import { paramLayout, shapeSize } from '../spec/params';
import type { ModelSpec } from '../spec/types';
import { shapeToString, type Weights } from '../tensor';
import { decodeFloat32, firstNonFinite, indexToString } from './codec';
import type { WeightEntry } from './schema';

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describeSpec(spec: ModelSpec): string {
  return `this ${spec.arch} spec`;
}

/** Missing or extra names compared with the layout, or null when the names match exactly. */
export function nameProblem(names: readonly string[], spec: ModelSpec): string | null {
  const layout = paramLayout(spec);
  const present = new Set(names);
  const missing = layout.find((p) => !present.has(p.name));
  if (missing) {
    return `weights: missing "${missing.name}" (shape ${shapeToString(missing.shape)}), which ${describeSpec(spec)} needs`;
  }
  const expected = new Set(layout.map((p) => p.name));
  const extra = names.find((n) => !expected.has(n));
  if (extra !== undefined) {
    return `weights: unexpected "${extra}", not a parameter of ${describeSpec(spec)} (expected ${layout.length}: ${layout
      .map((p) => p.name)
      .join(', ')
      .slice(0, 120)})`;
  }
  return null;
}

/** Decodes stored entries into weights in layout order, or says what is wrong with the first bad one. */
export function weightsFromEntries(
  entries: Record<string, WeightEntry>,
  spec: ModelSpec,
): { weights: Weights } | { problem: string } {
  const problem = nameProblem(Object.keys(entries), spec);
  if (problem) return { problem };
  const weights: Weights = {};
  for (const p of paramLayout(spec)) {
    const entry = entries[p.name];
    if (!sameShape(entry.shape, p.shape)) {
      return { problem: `weights.${p.name}: expected shape ${shapeToString(p.shape)} for ${describeSpec(spec)}, found ${shapeToString(entry.shape)}` };
    }
    const decoded = decodeFloat32(entry.data, shapeSize(p.shape));
    if ('problem' in decoded) return { problem: `weights.${p.name}.data: ${decoded.problem}` };
    const bad = firstNonFinite(decoded.values);
    if (bad >= 0) {
      return { problem: `weights.${p.name}: expected finite numbers, found ${decoded.values[bad]} at ${indexToString(bad, p.shape)}` };
    }
    weights[p.name] = { shape: [...p.shape], data: decoded.values };
  }
  return { weights };
}

/** What would make in-memory weights unsavable: names, shapes, lengths, non-finite or float32-overflowing values. */
export function weightsProblem(weights: Weights, spec: ModelSpec): string | null {
  const problem = nameProblem(Object.keys(weights), spec);
  if (problem) return problem;
  for (const p of paramLayout(spec)) {
    const tensor = weights[p.name];
    if (!Array.isArray(tensor.shape) || !sameShape(tensor.shape, p.shape)) {
      return `weights.${p.name}: expected shape ${shapeToString(p.shape)} for ${describeSpec(spec)}, found ${Array.isArray(tensor.shape) ? shapeToString(tensor.shape) : String(tensor.shape)}`;
    }
    const size = shapeSize(p.shape);
    if (!tensor.data || tensor.data.length !== size) {
      return `weights.${p.name}: expected ${size} values for shape ${shapeToString(p.shape)}, found ${tensor.data?.length ?? 'no data'}`;
    }
    const bad = firstNonFinite(Float32Array.from(tensor.data));
    if (bad >= 0) {
      const value = tensor.data[bad];
      const why = Number.isFinite(value) ? `${value}, beyond float32's range,` : String(value);
      return `weights.${p.name}: expected finite float32 numbers, found ${why} at ${indexToString(bad, p.shape)}`;
    }
  }
  return null;
}
