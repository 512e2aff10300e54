// Encode and decode ONNX model files (ModelProto) with protobufjs and the schema of onnx-schema.ts.
// Decoding refuses anything that is not plausibly an ONNX model with a one-line OnnxFormatError, so hosts can hand
// the bytes to onnxruntime only after they have passed here.
import protobuf from 'protobufjs';
import { OnnxFormatError } from './errors';
import { ONNX_PROTO } from './onnx-schema';
import type { ModelProto } from './proto-types';

let root: protobuf.Root | null = null;

/** The parsed schema (parsed once, on first use). */
export function onnxRoot(): protobuf.Root {
  root ??= protobuf.parse(ONNX_PROTO, { keepCase: false }).root;
  return root;
}

function modelType(): protobuf.Type {
  return onnxRoot().lookupType('onnx.ModelProto');
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, defaults: true, arrays: true };

/** Serialises a model; fields left out take their proto3 defaults. */
export function encodeModel(model: Partial<ModelProto>): Uint8Array {
  const type = modelType();
  const message = type.fromObject(model as Record<string, unknown>);
  return type.encode(message).finish();
}

/** Parses ONNX bytes. `what` names the source in error messages (a path, 'the model'). */
export function decodeModel(bytes: Uint8Array, what = 'the model'): ModelProto {
  const notAModel = { code: 'onnx-not-a-model', params: { file: what } } as const;
  if (bytes.length === 0) throw new OnnxFormatError(`${what}: expected an ONNX model, found an empty file`, notAModel);
  const type = modelType();
  let model: ModelProto;
  try {
    model = type.toObject(type.decode(bytes), TO_OBJECT) as unknown as ModelProto;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const text = describeText(bytes);
    if (text) throw new OnnxFormatError(`${what}: expected an ONNX model (protobuf ModelProto), found ${text}`, notAModel);
    throw new OnnxFormatError(`${what}: expected an ONNX model (protobuf ModelProto), found bytes that do not decode (${reason})`, notAModel);
  }
  if (!model.graph || model.irVersion <= 0 || model.irVersion > 100) {
    const found = describeText(bytes) ?? (!model.graph ? 'no graph' : `IR version ${model.irVersion}`);
    throw new OnnxFormatError(`${what}: expected an ONNX model with a graph and an IR version in 1..100, found ${found}`, notAModel);
  }
  return model;
}

/**
 * What a file that is not protobuf but text is, for the refusal: "an RNN Lab project (JSON), not a model", "JSON text"
 * or "text"; null for binary data. Only the first 4 KiB are looked at.
 */
function describeText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 4096);
  if (head.some((b) => b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13))) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, lastCharStart(head)) : head);
  } catch {
    return null;
  }
  const start = text.trimStart();
  if (/"format"\s*:\s*"rnnlab-project"/.test(start)) return 'an RNN Lab project (JSON text); rnnlab export makes a model of it';
  if (start.startsWith('{') || start.startsWith('[')) return 'JSON text';
  return 'text';
}

/** Where the last (possibly cut) UTF-8 character of `bytes` starts, so decoding stops before it. */
function lastCharStart(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  return i;
}

/** The opset of the default ('' or 'ai.onnx') domain, or null when the model imports none. */
export function defaultOpset(model: ModelProto): number | null {
  const entry = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return entry ? entry.version : null;
}

/** The metadata property `key`, or undefined. */
export function metadataValue(model: ModelProto, key: string): string | undefined {
  return model.metadataProps.find((p) => p.key === key)?.value;
}
