// An ONNX model that never finishes: a Loop with no trip count whose condition stays true. Valid ONNX (onnxruntime
// loads it), so only a time limit or a cancel can stop `rnnlab run` on it.
import { encodeModel } from '../../src-main/core/onnx/codec';
import { floatValueInfo } from '../../src-main/core/onnx/export/graph-builder';
import { AttributeType, DataType, type ValueInfoProto } from '../../src-main/core/onnx/proto-types';

function scalarInfo(name: string, elemType: DataType): ValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [] } } } };
}

/** x float32 [1] -> y float32 [1], through a Loop that runs until cancelled. */
export function foreverLoopModel(): Uint8Array {
  const body = {
    name: 'body',
    node: [
      { input: ['cond_in'], output: ['cond_out'], name: 'keep_going', opType: 'Identity', domain: '', attribute: [] },
      { input: ['v_in', 'v_in'], output: ['v_out'], name: 'sum', opType: 'Add', domain: '', attribute: [] },
    ],
    initializer: [],
    input: [scalarInfo('i', DataType.INT64), scalarInfo('cond_in', DataType.BOOL), floatValueInfo('v_in', [1])],
    output: [scalarInfo('cond_out', DataType.BOOL), floatValueInfo('v_out', [1])],
    valueInfo: [],
  };
  const graph = {
    name: 'forever',
    node: [{ input: ['', 'always', 'x'], output: ['y'], name: 'loop', opType: 'Loop', domain: '', attribute: [{ name: 'body', type: AttributeType.GRAPH, g: body }] }],
    initializer: [{ name: 'always', dims: [], dataType: DataType.BOOL, int32Data: [], floatData: [], int64Data: [], doubleData: [], rawData: Uint8Array.of(1) }],
    input: [floatValueInfo('x', [1])],
    output: [floatValueInfo('y', [1])],
    valueInfo: [],
  };
  return encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: 'rnnlab-test', graph });
}
