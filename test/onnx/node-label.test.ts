// How import errors name a node: by its name, or, for the unnamed nodes hand-written graphs often have, by the
// tensor it produces (never "node 'producing y'", which reads as a node name).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../../src-main/core/onnx/codec';
import { nodeLabel } from '../../src-main/core/onnx/import/attributes';
import { importOnnxModel } from '../../src-main/core/onnx/import/index';
import type { NodeProto } from '../../src-main/core/onnx/proto-types';

const node = (fields: Partial<NodeProto>) => ({ name: '', opType: 'Relu', input: ['x'], output: ['y'], attribute: [], ...fields }) as NodeProto;

describe('nodeLabel', () => {
  it('uses the node name when there is one', () => {
    expect(nodeLabel(node({ name: '/rnn/LSTM', opType: 'LSTM' }))).toBe("node '/rnn/LSTM' (op LSTM)");
  });

  it('names the produced tensor of an unnamed node', () => {
    expect(nodeLabel(node({}))).toBe("unnamed node producing 'y' (op Relu)");
    expect(nodeLabel(node({ output: [] }))).toBe('unnamed node (op Relu)');
  });

  it('shortens very long names to 80 characters', () => {
    const label = nodeLabel(node({ name: 'n'.repeat(200) }));
    expect(label).toBe(`node '${'n'.repeat(77)}...' (op Relu)`);
  });

  it('appears so in the refusal of an unnamed unsupported node', () => {
    const model = decodeModel(new Uint8Array(readFileSync(new URL('../fixtures/onnx-torch/unsupported_gru_tanh.onnx', import.meta.url))));
    const tanh = model.graph!.node.find((n) => n.opType === 'Tanh')!;
    tanh.name = '';
    let message = '';
    try {
      importOnnxModel(encodeModel(model), 'model.onnx');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`unsupported: unnamed node producing '${tanh.output[0]}' (op Tanh) on the output of recurrent layer 0`);
  });
});
