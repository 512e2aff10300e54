// ONNX models on which onnxruntime's own logger speaks (a GRU with layout=1, which its CPU kernel refuses), to
// check that only our one-line error reaches stderr.
import { encodeModel } from '../../src-main/core/onnx/codec';
import { GraphBuilder } from '../../src-main/core/onnx/export/graph-builder';

/** x [batch][time][2] -> y, through an ONNX GRU of 3 units with layout=1 (batch first). */
export function gruLayout1Model(): Uint8Array {
  const g = new GraphBuilder();
  const x = g.input('x', ['batch', 'time', 2]);
  const w = g.floatConst('W', [1, 9, 2], Array.from({ length: 18 }, (_, i) => 0.01 * i));
  const r = g.floatConst('R', [1, 9, 3], Array.from({ length: 27 }, (_, i) => -0.01 * i));
  const [y] = g.node('GRU', [x, w, r], { hidden_size: { int: 3 }, layout: { int: 1 } }, 2);
  g.output('y', y, null);
  return encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: 'rnnlab-test', graph: g.build('gru_layout1') });
}
