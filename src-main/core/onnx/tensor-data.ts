// Tensor values in and out of TensorProto: float32 and int64 initializers written as little-endian raw_data
// (what PyTorch writes), and any numeric tensor read back as float64, from raw_data or the typed repeated fields.
import { OnnxFormatError } from './errors';
import { DataType, type TensorProto } from './proto-types';

function emptyTensor(name: string, dims: readonly number[], dataType: number, rawData: Uint8Array): TensorProto {
  return { name, dims: [...dims], dataType, rawData, floatData: [], int32Data: [], int64Data: [], doubleData: [] };
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A float32 tensor (values rounded from float64). */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorProto {
  if (values.length !== elementCount(dims)) {
    throw new RangeError(`tensor ${name}: expected ${elementCount(dims)} values for dims [${dims.join(', ')}], found ${values.length}`);
  }
  const data = Float32Array.from(values);
  return emptyTensor(name, dims, DataType.FLOAT, new Uint8Array(data.buffer));
}

/** An int64 tensor. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  const data = BigInt64Array.from(values, (v) => BigInt(v));
  return emptyTensor(name, dims, DataType.INT64, new Uint8Array(data.buffer));
}

const RAW_READERS: Record<number, { bytes: number; read: (view: DataView, offset: number) => number }> = {
  [DataType.FLOAT]: { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  [DataType.DOUBLE]: { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
  [DataType.INT32]: { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  [DataType.INT64]: { bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  [DataType.INT8]: { bytes: 1, read: (v, o) => v.getInt8(o) },
  [DataType.UINT8]: { bytes: 1, read: (v, o) => v.getUint8(o) },
  [DataType.BOOL]: { bytes: 1, read: (v, o) => v.getUint8(o) },
};

/** The values of a numeric tensor as float64, checked against its dims. */
export function tensorValues(t: TensorProto): Float64Array {
  const n = elementCount(t.dims);
  const reader = RAW_READERS[t.dataType];
  if (!reader) throw new OnnxFormatError(`tensor ${t.name}: expected a float, double, int or bool tensor, found data type ${t.dataType}`);
  if (t.dataLocation === 1) throw new OnnxFormatError(`tensor ${t.name}: expected the values inside the file, found external data`);
  const out = new Float64Array(n);
  if (t.rawData && t.rawData.length > 0) {
    if (t.rawData.length !== n * reader.bytes) {
      throw new OnnxFormatError(`tensor ${t.name}: expected ${n * reader.bytes} bytes of raw data, found ${t.rawData.length}`);
    }
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i < n; i++) out[i] = reader.read(view, i * reader.bytes);
    return out;
  }
  const typed =
    t.dataType === DataType.FLOAT ? t.floatData
    : t.dataType === DataType.DOUBLE ? t.doubleData
    : t.dataType === DataType.INT64 ? t.int64Data
    : t.int32Data;
  if (typed.length !== n) throw new OnnxFormatError(`tensor ${t.name}: expected ${n} values for dims [${t.dims.join(', ')}], found ${typed.length}`);
  out.set(typed);
  return out;
}
