// ONNX import refusals: graphs outside RNN/LSTM/GRU stacks (a Conv model, a GRU followed by Tanh, edited PyTorch
// exports) name the node or pattern in one line; empty, foreign, truncated and byte-flipped files give one-line
// OnnxFormatError/OnnxImportError (or import cleanly), never another exception.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../src-main/core/errors';
import { decodeModel, encodeModel } from '../../src-main/core/onnx/codec';
import { OnnxFormatError } from '../../src-main/core/onnx/errors';
import { importOnnxModel, OnnxImportError } from '../../src-main/core/onnx/import/index';
import type { ModelProto, NodeProto } from '../../src-main/core/onnx/proto-types';
import { Random } from '../../src-main/core/random';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/onnx-torch/${name}`, import.meta.url)));
const SCOPE = 'RNN Lab imports RNN/LSTM/GRU stacks with an optional Linear head';

/** The error importOnnxModel throws for these bytes (fails the test when it imports). */
function importError(bytes: Uint8Array): Error {
  try {
    importOnnxModel(bytes, 'model.onnx');
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the import to fail, but it succeeded');
}

/** A PyTorch fixture with its graph edited by `edit`. */
function edited(name: string, edit: (model: ModelProto) => void): Uint8Array {
  const model = decodeModel(fixture(name));
  edit(model);
  return encodeModel(model);
}

const nodeOf = (model: ModelProto, op: string): NodeProto => model.graph!.node.find((n) => n.opType === op)!;

describe('graphs RNN Lab does not import', () => {
  const table: { what: string; bytes: () => Uint8Array; message: RegExp }[] = [
    { what: 'a Conv1d model', bytes: () => fixture('unsupported_conv.onnx'), message: /^model\.onnx: unsupported: node '[^']*' \(op Conv\) on the input sequence/ },
    { what: 'a GRU followed by tanh', bytes: () => fixture('unsupported_gru_tanh.onnx'), message: /unsupported: node '[^']*' \(op Tanh\) on the output of recurrent layer 0/ },
    { what: 'a head on the last time step only', bytes: () => fixture('unsupported_last_step_head.onnx'), message: /unsupported: node '\/Gather' \(op Gather\) on the output of recurrent layer 0/ },
    { what: 'two GRUs of different sizes', bytes: () => fixture('unsupported_two_sizes.onnx'), message: /unsupported: layer 1 \(node '[^']*'\) has hidden 4 but layer 0 has 3; a PyTorch stack repeats one layer/ },
    {
      what: 'a GRU with linear_before_reset=0',
      bytes: () => edited('gru_nobias_op14.onnx', (m) => (nodeOf(m, 'GRU').attribute.find((a) => a.name === 'linear_before_reset')!.i = 0)),
      message: /\(op GRU\): expected linear_before_reset=1 .*found linear_before_reset=0/,
    },
    {
      what: 'a reverse-only LSTM',
      bytes: () => edited('lstm_head_op17.onnx', (m) => nodeOf(m, 'LSTM').attribute.push({ name: 'direction', type: 3, s: new TextEncoder().encode('reverse') })),
      message: /\(op LSTM\): expected direction 'forward' or 'bidirectional', found 'reverse'/,
    },
    {
      what: 'an RNN with a clip',
      bytes: () => edited('rnn_tanh_head_op14.onnx', (m) => nodeOf(m, 'RNN').attribute.push({ name: 'clip', type: 1, f: 3 })),
      message: /\(op RNN\): expected no 'clip' attribute/,
    },
    {
      what: 'layer 1 starting from the initial state rows of layer 0',
      bytes: () =>
        edited('lstm_2l_state_inputs_op14.onnx', (m) => {
          const [first, second] = m.graph!.node.filter((n) => n.opType === 'LSTM');
          second.input[5] = first.input[5];
        }),
      message: /unsupported: initial_h of layer 1 is not rows \[1, 2\) of one initial-state input like the other layers/,
    },
    {
      what: 'an output that is the first of two layers',
      bytes: () => edited('gru_2l_head_op14.onnx', (m) => (m.graph!.output[0].name = nodeOf(m, 'Squeeze').output[0])),
      message: /graph output '[^']*' is the output of recurrent layer 0; expected the head output/,
    },
    {
      what: 'a sequence output in another layout than x',
      bytes: () => edited('rnn_tanh_head_op17.onnx', (m) => (m.graph!.output[0].name = nodeOf(m, 'Squeeze').output[0])),
      message: /graph output '[^']*' is time-major while the input is batch-major/,
    },
    {
      what: 'a softmax over the time axis (opset 12 default axis)',
      bytes: () =>
        edited('lstm_bidir_2l_nobias_softmax_op14.onnx', (m) => {
          m.opsetImport[0].version = 12;
          nodeOf(m, 'Softmax').attribute = [];
        }),
      message: /\(op Softmax\) takes the softmax over axis 1, not over the output features alone/,
    },
  ];
  it.each(table)('$what', ({ bytes, message }) => {
    const error = importError(bytes());
    expect(error).toBeInstanceOf(OnnxImportError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });
  it('says what RNN Lab imports instead', () => {
    expect(importError(fixture('unsupported_conv.onnx')).message).toContain(SCOPE);
  });
});

describe('bytes that are not a model', () => {
  it('refuses an empty file and a foreign file with one line', () => {
    expect(importError(new Uint8Array())).toBeInstanceOf(OnnxFormatError);
    expect(importError(new Uint8Array())).toHaveProperty('message', 'model.onnx: expected an ONNX model, found an empty file');
    const json = importError(new TextEncoder().encode('{"spec": {"arch": "lstm"}}\n'));
    expect(json).toBeInstanceOf(OnnxFormatError);
    expect(json.message).toMatch(/^model\.onnx: expected an ONNX model/);
  });
  it('refuses every truncation of a valid export with one line of a LabError', () => {
    const bytes = fixture('lstm_bidir_2l_nobias_softmax_op17.onnx');
    for (let length = 1; length < bytes.length; length += 37) {
      const error = importError(bytes.subarray(0, length));
      expect(error, `length ${length}`).toBeInstanceOf(LabError);
      expect(error.message).not.toContain('\n');
    }
  });
  it('answers random byte flips with an import or one line of a LabError', () => {
    const bytes = fixture('gru_bidir_2l_softmax_op14.onnx');
    const rng = new Random(13);
    let refused = 0;
    for (let trial = 0; trial < 300; trial++) {
      const copy = bytes.slice();
      for (let k = 0; k < 3; k++) copy[rng.int(0, copy.length - 1)] ^= 1 << rng.int(0, 7);
      try {
        const { model } = importOnnxModel(copy, 'flipped.onnx');
        expect(model.spec.arch).toBe('gru');
      } catch (error) {
        expect(error, `trial ${trial}: ${String(error)}`).toBeInstanceOf(LabError);
        expect((error as Error).message).not.toContain('\n');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
