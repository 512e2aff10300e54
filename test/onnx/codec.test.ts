// The protobuf codec: decoding a model PyTorch wrote (facts cross-checked with the python onnx package when the
// fixture was made), encode/decode round trips, and one-line errors for bytes that are not a model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, defaultOpset, encodeModel } from '../../src-main/core/onnx/codec';
import { OnnxFormatError } from '../../src-main/core/onnx/errors';
import type { ModelProto, ValueInfoProto } from '../../src-main/core/onnx/proto-types';
import { floatTensor, int64Tensor, tensorValues } from '../../src-main/core/onnx/tensor-data';

const FIXTURE = new URL('../fixtures/onnx/codec-gru.onnx', import.meta.url);
const FACTS = JSON.parse(readFileSync(new URL('../fixtures/onnx/codec-gru.json', import.meta.url), 'utf8'));

const dims = (v: ValueInfoProto) => v.type!.tensorType!.shape!.dim.map((d) => d.dimParam ?? d.dimValue);

describe('decoding a model exported by torch.onnx', () => {
  const model = decodeModel(readFileSync(FIXTURE));
  it('reads the header, ops, inputs and outputs as python onnx does', () => {
    expect(model.irVersion).toBe(FACTS.ir_version);
    expect(model.opsetImport.map((o) => [o.domain, o.version])).toEqual(FACTS.opset);
    expect(defaultOpset(model)).toBe(14);
    expect(model.producerName).toBe(FACTS.producer_name);
    expect(model.graph!.node.map((n) => n.opType)).toEqual(FACTS.ops);
    expect(model.graph!.input.map((v) => [v.name, v.type!.tensorType!.elemType, dims(v)])).toEqual(FACTS.inputs);
    expect(model.graph!.output.map((v) => [v.name, v.type!.tensorType!.elemType, dims(v)])).toEqual(FACTS.outputs);
  });
  it('reads initializer dims and values', () => {
    const got = model.graph!.initializer.map((t) => [t.name, t.dims, t.dataType, Array.from(tensorValues(t).slice(0, 4))]);
    expect(got).toEqual(FACTS.initializers);
  });
  it('reads attributes', () => {
    const gru = model.graph!.node.find((n) => n.opType === 'GRU')!;
    const attrs = Object.fromEntries(gru.attribute.map((a) => [a.name, a.i]));
    expect(attrs).toEqual(FACTS.gru_attributes);
  });
  it('re-encodes to the same decoded model', () => {
    const again = decodeModel(encodeModel(model));
    expect(again).toEqual(model);
  });
});

describe('encode/decode round trip of a model built here', () => {
  const model: Partial<ModelProto> = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'rnnlab',
    metadataProps: [{ key: 'architecture', value: 'gru' }],
    graph: {
      name: 'g',
      node: [{ input: ['x', 'w'], output: ['y'], name: 'mm', opType: 'MatMul', domain: '', attribute: [
        { name: 'perm', type: 7, ints: [1, 0, 2] },
        { name: 'alpha', type: 1, f: 0.5 },
        { name: 'dir', type: 3, s: new TextEncoder().encode('bidirectional') },
        { name: 'acts', type: 8, strings: [new TextEncoder().encode('Tanh')] },
      ] }],
      initializer: [floatTensor('w', [2, 3], [1, -2, 3.5, 0, 1e-3, -7]), int64Tensor('shape', [3], [0, -1, 2 ** 40])],
      input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 2 }] } } } }],
      output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 0 }] } } } }],
      valueInfo: [],
    },
  };
  const decoded = decodeModel(encodeModel(model));
  it('keeps header, metadata, attributes and shapes (a 0 dim stays a value)', () => {
    expect(decoded.irVersion).toBe(8);
    expect(decoded.metadataProps).toEqual([{ key: 'architecture', value: 'gru' }]);
    const [perm, alpha, dir, acts] = decoded.graph!.node[0].attribute;
    expect(perm.ints).toEqual([1, 0, 2]);
    expect(alpha.f).toBe(0.5);
    expect(new TextDecoder().decode(dir.s)).toBe('bidirectional');
    expect(new TextDecoder().decode(acts.strings![0])).toBe('Tanh');
    expect(dims(decoded.graph!.output[0])).toEqual(['batch', 0]);
  });
  it('keeps tensor values (float32 rounding, int64 beyond 2^32)', () => {
    expect(Array.from(tensorValues(decoded.graph!.initializer[0]))).toEqual(Array.from(Float32Array.from([1, -2, 3.5, 0, 1e-3, -7])));
    expect(Array.from(tensorValues(decoded.graph!.initializer[1]))).toEqual([0, -1, 2 ** 40]);
  });
});

describe('bytes that are not a model', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(0), /found an empty file/],
    ['JSON text', new TextEncoder().encode('{"x": [1, 2, 3]}'), /expected an ONNX model/],
    ['PNG header', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /expected an ONNX model/],
    ['truncated', readFileSync(FIXTURE).subarray(0, 700), /expected an ONNX model/],
  ];
  it.each(cases)('%s: one-line OnnxFormatError', (_, bytes, message) => {
    let error: unknown;
    try {
      decodeModel(bytes, 'm.onnx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnnxFormatError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^m\.onnx: /);
    expect((error as Error).message).not.toContain('\n');
  });
});
