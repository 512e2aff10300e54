// What a model takes and gives, read from its graph without onnxruntime: names, element types and shapes with
// symbolic dims. Inputs that are also initializers (overridable defaults) are listed apart: onnxruntime-node does
// not let callers feed them.
import { defaultOpset } from '../codec';
import type { ModelProto, ValueInfoProto } from '../proto-types';

const ELEMENT_NAMES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};

export interface ValueDescription {
  name: string;
  /** 'float32', 'int64', ..., or 'non-tensor' for sequences, maps and optionals. */
  type: string;
  /** One entry per axis: a size, a symbolic name, or null (unknown); null for an unknown rank. */
  shape: (number | string | null)[] | null;
}

export interface ModelDescription {
  irVersion: number;
  opset: number | null;
  producer: string;
  inputs: ValueDescription[];
  outputs: ValueDescription[];
  /** Graph inputs with a default value in the file. */
  defaulted: string[];
  metadata: Record<string, string>;
}

export function describeValue(v: ValueInfoProto): ValueDescription {
  const tensor = v.type?.tensorType;
  if (!tensor) return { name: v.name, type: 'non-tensor', shape: null };
  const shape = tensor.shape ? tensor.shape.dim.map((d) => d.dimParam || (d.dimValue ?? null)) : null;
  return { name: v.name, type: ELEMENT_NAMES[tensor.elemType] ?? `type ${tensor.elemType}`, shape };
}

export function describeModel(model: ModelProto): ModelDescription {
  const graph = model.graph!;
  const initialized = new Set(graph.initializer.map((t) => t.name));
  return {
    irVersion: model.irVersion,
    opset: defaultOpset(model),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    inputs: graph.input.filter((v) => !initialized.has(v.name)).map(describeValue),
    outputs: graph.output.map(describeValue),
    defaulted: graph.input.filter((v) => initialized.has(v.name)).map((v) => v.name),
    metadata: Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value])),
  };
}

export function formatShape(shape: ValueDescription['shape']): string {
  return shape === null ? '[unknown rank]' : `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** The text `rnnlab run --describe` prints. */
export function formatDescription(what: string, d: ModelDescription): string {
  const width = Math.max(4, ...[...d.inputs, ...d.outputs].map((v) => v.name.length));
  const line = (v: ValueDescription) => `  ${v.name.padEnd(width)}  ${v.type.padEnd(8)}  ${formatShape(v.shape)}`;
  const lines = [
    `${what}: ONNX IR ${d.irVersion}, opset ${d.opset ?? 'none'}${d.producer ? `, produced by ${d.producer}` : ''}`,
    'inputs:',
    ...d.inputs.map(line),
    'outputs:',
    ...d.outputs.map(line),
  ];
  if (d.defaulted.length) lines.push(`inputs with defaults in the file (not fed): ${d.defaulted.join(', ')}`);
  const shown = Object.entries(d.metadata).filter(([k]) => !k.startsWith('rnnlab.'));
  if (shown.length) lines.push('metadata:', ...shown.map(([k, v]) => `  ${k}: ${v}`));
  return lines.join('\n') + '\n';
}
