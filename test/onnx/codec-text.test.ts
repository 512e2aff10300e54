// decodeModel on text files: a project file, JSON or plain text handed to `rnnlab run`/`import` is named as what it
// is instead of a protobuf parser's complaint; binary garbage keeps the decoder's reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src-main/core/onnx/codec';
import { OnnxFormatError } from '../../src-main/core/onnx/errors';

const utf8 = (text: string) => new TextEncoder().encode(text);

function refusal(bytes: Uint8Array): string {
  try {
    decodeModel(bytes, 'm.onnx');
  } catch (error) {
    expect(error).toBeInstanceOf(OnnxFormatError);
    return (error as Error).message;
  }
  return 'decoded';
}

describe('decodeModel on text', () => {
  const prefix = 'm.onnx: expected an ONNX model (protobuf ModelProto), found';

  it('names an RNN Lab project and says how to make a model of it', () => {
    const project = readFileSync(new URL('../../resources/examples/anbn-lstm.rnnlab', import.meta.url));
    expect(refusal(project)).toBe(`${prefix} an RNN Lab project (JSON text); rnnlab export makes a model of it`);
  });

  it('names other JSON and plain text, also when a multi-byte character is cut at 4 KiB', () => {
    expect(refusal(utf8('  {"x": [[[1, 2]]]}\n'))).toBe(`${prefix} JSON text`);
    expect(refusal(utf8('[1, 2]'))).toBe(`${prefix} JSON text`);
    expect(refusal(utf8('hello\nworld\n'))).toBe(`${prefix} text`);
    expect(refusal(utf8('é'.repeat(3000)))).toBe(`${prefix} text`);
  });

  it('keeps the decoder reason for binary data', () => {
    expect(refusal(Uint8Array.from([0x3a, 0x10, 0x01]))).toMatch(/found bytes that do not decode \(index out of range/);
    expect(refusal(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatch(/found no graph$/);
  });
});
