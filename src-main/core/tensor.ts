// A named tensor: a row-major float buffer with its shape. The core's only array type.

export type FloatArray = Float64Array | Float32Array;

export interface Tensor {
  shape: number[];
  data: Float64Array;
}

/** Named parameters of one model, keyed by the names of `paramLayout` (PyTorch state_dict names). */
export type Weights = Record<string, Tensor>;

export function zeros(shape: number[]): Tensor {
  return { shape: [...shape], data: new Float64Array(shape.reduce((a, b) => a * b, 1)) };
}

export function cloneWeights(w: Weights): Weights {
  const out: Weights = {};
  for (const [k, t] of Object.entries(w)) out[k] = { shape: [...t.shape], data: Float64Array.from(t.data) };
  return out;
}

export function shapeToString(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
