// ONNX import: a model file from torch.onnx.export (nn.RNN/LSTM/GRU stacks, optional Linear head with sigmoid or
// softmax) or from RNN Lab's own export, rebuilt as a project whose engine evaluates exactly as the source model.
// Not an ONNX runtime: any other graph is refused with a one-line OnnxImportError naming the node or pattern.
import { LabError } from '../../errors';
import { newProject } from '../../project/create';
import type { Project } from '../../project/types';
import { decodeModel, defaultOpset } from '../codec';
import type { GraphProto } from '../proto-types';
import { assembleModel, type ImportedModel } from './assemble';
import { OnnxImportError } from './errors';
import { importRnnlabFile, rnnlabSpec } from './rnnlab-file';
import { traceGraph } from './trace';

export { OnnxImportError } from './errors';
export type { ImportedModel, OutputRole } from './assemble';

export interface ImportResult {
  project: Project;
  model: ImportedModel;
  /** 'rnnlab' when the file carried RNN Lab's spec metadata (a lossless round trip). */
  source: 'rnnlab' | 'onnx';
  opset: number;
}

/** Control characters (from names in a corrupt or hostile file) as '?', so a message stays one line. */
function oneLine(text: string): string {
  return Array.from(text, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '?' : ch)).join('');
}

/** Reads ONNX bytes into a model; `what` names the file in error messages. */
export function importOnnxModel(bytes: Uint8Array, what = 'the model'): { model: ImportedModel; source: ImportResult['source']; opset: number } {
  const proto = decodeModel(bytes, what);
  const opset = defaultOpset(proto);
  if (opset === null || opset < 7) {
    throw new OnnxImportError(`${what}: expected the default ONNX operator set, version 7 or later, found ${opset === null ? 'none' : opset}`, { code: 'onnx-opset', params: { found: opset ?? 0 } });
  }
  const graph = proto.graph as GraphProto;
  try {
    const spec = rnnlabSpec(proto);
    if (spec) return { model: importRnnlabFile(proto, spec, opset), source: 'rnnlab', opset };
    return { model: assembleModel(traceGraph(graph, opset), graph.output), source: 'onnx', opset };
  } catch (error) {
    // Names come from the file: control characters (a corrupt or hostile name) must not break the one-line message.
    if (error instanceof OnnxImportError) throw new OnnxImportError(`${what}: ${oneLine(error.message)}`, { code: 'onnx-not-importable', params: {} });
    if (error instanceof LabError) throw error;
    // A structure no check above anticipated (a corrupt file): still one line, never a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    throw new OnnxImportError(`${what}: expected a graph RNN Lab can read, found one that stops the importer (${oneLine(reason)})`, { code: 'onnx-not-importable', params: {} });
  }
}

/** A new project named `name` holding the imported model. */
export function importOnnxProject(bytes: Uint8Array, name: string, what = 'the model'): ImportResult {
  const imported = importOnnxModel(bytes, what);
  const project = newProject(name, imported.model.spec);
  project.weights = imported.model.weights;
  return { project, ...imported };
}
