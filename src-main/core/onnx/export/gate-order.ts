// Gate orders: PyTorch stacks LSTM gates as i,f,g,o and GRU gates as r,z,n along the rows of weight_ih/weight_hh
// and the biases; ONNX's LSTM wants i,o,f,c and its GRU z,r,h. One named function each way, for the exporter and
// the importer; test/onnx/export-*.test.ts check them by running exports in onnxruntime against the engine.

/** Rebuilds a (gates*H, cols) row-major matrix (or a gates*H vector with cols 1) taking block `order[k]` as block k. */
export function permuteGateBlocks(data: ArrayLike<number>, gateRows: number, cols: number, order: readonly number[]): Float64Array {
  const block = gateRows * cols;
  if (data.length !== order.length * block) {
    throw new RangeError(`gate blocks: expected ${order.length} x ${gateRows} x ${cols} values, found ${data.length}`);
  }
  const out = new Float64Array(data.length);
  order.forEach((from, to) => {
    for (let i = 0; i < block; i++) out[to * block + i] = data[from * block + i];
  });
  return out;
}

// ONNX block k = PyTorch block ORDER[k].
const LSTM_TORCH_TO_ONNX = [0, 3, 1, 2]; // i,f,g,o -> i,o,f,c
const GRU_TORCH_TO_ONNX = [1, 0, 2]; // r,z,n -> z,r,h
const LSTM_ONNX_TO_TORCH = [0, 2, 3, 1]; // i,o,f,c -> i,f,g,o
const GRU_ONNX_TO_TORCH = [1, 0, 2]; // z,r,h -> r,z,n

export function lstmGatesTorchToOnnx(data: ArrayLike<number>, H: number, cols = 1): Float64Array {
  return permuteGateBlocks(data, H, cols, LSTM_TORCH_TO_ONNX);
}

export function lstmGatesOnnxToTorch(data: ArrayLike<number>, H: number, cols = 1): Float64Array {
  return permuteGateBlocks(data, H, cols, LSTM_ONNX_TO_TORCH);
}

export function gruGatesTorchToOnnx(data: ArrayLike<number>, H: number, cols = 1): Float64Array {
  return permuteGateBlocks(data, H, cols, GRU_TORCH_TO_ONNX);
}

export function gruGatesOnnxToTorch(data: ArrayLike<number>, H: number, cols = 1): Float64Array {
  return permuteGateBlocks(data, H, cols, GRU_ONNX_TO_TORCH);
}
