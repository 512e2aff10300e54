// Exporting a project to ONNX: build the model, encode it, check it in onnxruntime against the engine, and only
// then hand back the bytes (the CLI writes them atomically). The metadata names the task's alphabet for one-hot tasks.
import type { Engine } from '../../engine/types';
import type { Project } from '../../project/types';
import { encodeModel } from '../codec';
import { OnnxRuntime, sharedOnnxRuntime } from '../runtime/client';
import { buildOnnxModel, type ExportOptions } from './build-model';
import { verifyExport, type OutputDifference, type ProbeShape } from './verify';

export { buildOnnxModel, EXPORT_IR_VERSION, EXPORT_OPSET, type ExportOptions } from './build-model';
export type { OutputDifference } from './verify';
export { gruGatesOnnxToTorch, gruGatesTorchToOnnx, lstmGatesOnnxToTorch, lstmGatesTorchToOnnx } from './gate-order';

/** The input alphabet of a project's one-hot task, or null (no task, or a task without symbols). */
export async function taskAlphabet(project: Pick<Project, 'task'>): Promise<string[] | null> {
  const task = project.task as { id?: unknown; params?: unknown; seed?: unknown } | null;
  if (!task || typeof task.id !== 'string') return null;
  const { getTask } = await import('../../tasks/index');
  const data = getTask(task.id).generate(task.params ?? {}, typeof task.seed === 'number' ? task.seed : 0);
  return data.alphabet ?? null;
}

export interface ExportRequest extends ExportOptions {
  project: Pick<Project, 'name' | 'spec' | 'weights' | 'task'>;
  /** The engine the export is checked against (hosts pass selectEngine()'s choice). */
  engine: Engine;
  runtime?: OnnxRuntime;
  /** Probe shapes of the check (default: batch 2 x 5 steps, and 1 x 1). */
  probes?: ProbeShape[];
  /** Told (one line) when something optional is left out, e.g. the alphabet of a task that cannot be regenerated. */
  onWarning?: (message: string) => void;
}

/** A checked export: the bytes, the graph's node count and the worst difference per output of the check. */
export interface CheckedExport {
  bytes: Uint8Array;
  nodes: number;
  differences: OutputDifference[];
}

/** The checked ONNX bytes of a project; throws OnnxExportError when onnxruntime and the engine disagree. */
export async function exportProject(request: ExportRequest): Promise<Uint8Array> {
  return (await exportProjectChecked(request)).bytes;
}

/** exportProject with the check's numbers (the workbench's report). */
export async function exportProjectChecked(request: ExportRequest): Promise<CheckedExport> {
  const { project } = request;
  let alphabet: string[] | null = null;
  try {
    alphabet = await taskAlphabet(project);
  } catch (error) {
    // A task whose data cannot be regenerated (a CSV file moved away) must not stop the model's export.
    request.onWarning?.(`alphabet left out of the metadata: ${(error as Error).message.split('\n')[0]}`);
  }
  const metadata = { ...(alphabet ? { alphabet: JSON.stringify(alphabet) } : {}), ...request.metadata };
  const model = buildOnnxModel(project, { initialState: request.initialState, metadata });
  const bytes = encodeModel(model);
  const differences = await verifyExport({
    spec: project.spec,
    weights: project.weights,
    bytes,
    withState: request.initialState === true,
    engine: request.engine,
    runtime: request.runtime ?? sharedOnnxRuntime(),
    probes: request.probes,
  });
  return { bytes, nodes: model.graph?.node?.length ?? 0, differences };
}
