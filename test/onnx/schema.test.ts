// The schema's field numbers and types against the python onnx package's own descriptors (onnx.proto3 compiled).
import { describe, expect, it } from 'vitest';
import { onnxRoot } from '../../src-main/core/onnx/codec';
import { ONNX_MESSAGES } from '../../src-main/core/onnx/onnx-schema';
import { pythonOnnxMissing, runPython } from './python';

const DESCRIBE_FIELDS = `
import json, sys
from onnx import onnx_ml_pb2 as p
out = {}
for name in sys.argv[1:]:
    d = p
    for part in name.split('.'):
        d = getattr(d, part)
    out[name] = {f.name: [f.number, f.label == 3] for f in d.DESCRIPTOR.fields}
print(json.dumps(out))
`;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe.skipIf(pythonOnnxMissing)(`ONNX schema vs python onnx${pythonOnnxMissing ? ` (skipped: ${pythonOnnxMissing})` : ''}`, () => {
  it('every field we declare has onnx.proto3 number and repetition', () => {
    const truth = JSON.parse(runPython(DESCRIBE_FIELDS, [...ONNX_MESSAGES])) as Record<string, Record<string, [number, boolean]>>;
    let checked = 0;
    for (const name of ONNX_MESSAGES) {
      const type = onnxRoot().lookupType(`onnx.${name}`);
      for (const field of type.fieldsArray) {
        const expected = truth[name][snake(field.name)];
        expect(expected, `${name}.${field.name} exists in onnx.proto3`).toBeDefined();
        expect([field.id, field.repeated], `${name}.${field.name}`).toEqual(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
