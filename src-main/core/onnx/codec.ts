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
  if (bytes.length === 0) throw new OnnxFormatError(`${what}: expected an ONNX model, found an empty file`);
  const type = modelType();
  let model: ModelProto;
  try {
    model = type.toObject(type.decode(bytes), TO_OBJECT) as unknown as ModelProto;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new OnnxFormatError(`${what}: expected an ONNX model (protobuf ModelProto), found bytes that do not decode (${reason})`);
  }
  if (!model.graph || model.irVersion <= 0 || model.irVersion > 100) {
    const found = !model.graph ? 'no graph' : `IR version ${model.irVersion}`;
    throw new OnnxFormatError(`${what}: expected an ONNX model with a graph and an IR version in 1..100, found ${found}`);
  }
  return model;
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
