// Jobs: the ONNX workbench in the compute process (onnxruntime's worker thread lives here, never in the host):
// export with its verification numbers, describe any model (graph, symbolic shapes, nodes, importability), run it
// with a time limit, cancel the run in progress, import it as a project. Each run gets its own OnnxRuntime, so a
// timeout or a cancel terminates that worker (the only way to stop onnxruntime mid-run) and nothing else.
import type { OnnxExportReport, OnnxModelView, OnnxRunView } from '../../../api/lab-api';
import type { EngineName } from '../../engine/types';
import { decodeModel } from '../../onnx/codec';
import { OnnxRunError } from '../../onnx/errors';
import { LabError } from '../../errors';
import { EXPORT_OPSET, exportProjectChecked } from '../../onnx/export/index';
import { importOnnxProject } from '../../onnx/import/index';
import { OnnxRuntime } from '../../onnx/runtime/client';
import { describeModel } from '../../onnx/runtime/describe';
import { parseFeeds, tensorToJson } from '../../onnx/runtime/values';
import type { Project } from '../../project/types';
import { computeEngine } from '../engine';

export interface ExportArgs {
  project: Pick<Project, 'name' | 'spec' | 'weights' | 'task'>;
  initialState: boolean;
  engine?: EngineName;
}

export async function onnxExportJob(args: ExportArgs): Promise<{ bytes: Uint8Array; report: Omit<OnnxExportReport, 'path' | 'modelId'> }> {
  const { engine } = await computeEngine(args.engine);
  // A task whose data cannot be regenerated leaves the alphabet out of the metadata (onWarning unset): only metadata.
  const checked = await exportProjectChecked({ project: args.project, initialState: args.initialState, engine });
  const { bytes } = checked;
  return { bytes, report: { opset: EXPORT_OPSET, bytes: bytes.length, nodes: checked.nodes, worstDifference: checked.differences } };
}

export function onnxDescribeJob(args: { bytes: Uint8Array; fileName: string }): Omit<OnnxModelView, 'modelId'> {
  const proto = decodeModel(args.bytes, args.fileName);
  const d = describeModel(proto);
  let importable: OnnxModelView['importable'] = { ok: true, reason: null };
  try {
    importOnnxProject(args.bytes, 'check', args.fileName);
  } catch (error) {
    importable = { ok: false, reason: (error as Error).message.split('\n')[0], ...(error instanceof LabError && error.code ? { code: error.code, params: error.params } : {}) };
  }
  return {
    fileName: args.fileName,
    bytes: args.bytes.length,
    irVersion: d.irVersion,
    opset: d.opset,
    producer: d.producer,
    metadata: d.metadata,
    inputs: d.inputs,
    outputs: d.outputs,
    nodes: (proto.graph?.node ?? []).map((n) => ({ name: n.name ?? '', opType: n.opType, inputs: [...n.input], outputs: [...n.output] })),
    importable,
  };
}

export function onnxImportJob(args: { bytes: Uint8Array; fileName: string; name: string }): Project {
  return importOnnxProject(args.bytes, args.name, args.fileName).project;
}

let current: { runtime: OnnxRuntime; cancelled: boolean } | null = null;

const timeLimit = (seconds: number) =>
  new OnnxRunError(`the ONNX run took longer than ${seconds} s and was stopped`, { code: 'onnx-time-limit', params: { seconds } });

export async function onnxRunJob(args: { bytes: Uint8Array; fileName: string; inputs: unknown; timeoutSeconds: number }): Promise<OnnxRunView> {
  const description = describeModel(decodeModel(args.bytes, args.fileName));
  const feeds = parseFeeds(args.inputs as never, description.inputs);
  if (current) throw new OnnxRunError('an ONNX run is already in progress: wait for it or cancel it', { code: 'onnx-run-busy', params: {} });
  const run = { runtime: new OnnxRuntime(), cancelled: false };
  current = run;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timedOut = false;
  const started = performance.now();
  try {
    const work = (async () => {
      const loaded = await run.runtime.load(args.bytes, args.fileName);
      return { loaded, outputs: await run.runtime.run(loaded, feeds) };
    })();
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        void run.runtime.close();
        reject(timeLimit(args.timeoutSeconds));
      }, args.timeoutSeconds * 1000);
    });
    const { loaded, outputs } = await Promise.race([work, limit]);
    const milliseconds = performance.now() - started;
    return {
      milliseconds,
      outputs: loaded.outputNames.map((name) => ({ name, type: outputs[name].type, shape: [...outputs[name].dims], data: tensorToJson(outputs[name]) })),
    };
  } catch (error) {
    if (run.cancelled) throw new OnnxRunError('cancelled: the ONNX run was stopped', { code: 'onnx-cancelled', params: {} });
    if (timedOut) throw timeLimit(args.timeoutSeconds);
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    if (current === run) current = null;
    void run.runtime.close();
  }
}

/** Stops the run in progress by terminating its onnxruntime worker; false when none runs. */
export async function onnxCancelJob(): Promise<boolean> {
  const run = current;
  if (!run) return false;
  run.cancelled = true;
  await run.runtime.close();
  return true;
}
