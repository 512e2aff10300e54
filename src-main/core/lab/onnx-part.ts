// The ONNX workbench for LabApi: export the open project (verified in onnxruntime, with the numbers), open any model
// by path or as bytes (graph, shapes, nodes, importability), hand its bytes back, run it with a time limit, cancel
// the run, import it as a project. Opened models are kept here by id (at most MAX_MODELS, oldest dropped); every
// onnxruntime call runs in the compute process (compute/jobs/onnx.ts).
import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { FileBytes, OnnxExportReport, OnnxModelView, OnnxRunView, ProjectSummary, Result } from '../../api/lab-api';
import type { LabContext } from './context';
import { fileBytesSchema } from './files-part';
import { parseArgument, RequestError } from './results';

export const MAX_MODELS = 8;
export const MAX_ONNX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_RUN_SECONDS = 30;

const pathSchema = z.string({ error: 'expected a file path as text' }).trim().min(1, { error: 'expected a non-empty file path' });
const idSchema = z.string({ error: 'expected a model id as text' }).min(1, { error: 'expected a model id' });
const exportSchema = z.strictObject({
  path: pathSchema.optional(),
  initialState: z.boolean({ error: 'expected initialState as true or false' }).optional(),
}, { error: 'expected options like {"path": "model.onnx", "initialState": false}' });
const runSchema = z.strictObject({
  modelId: idSchema,
  inputs: z.record(z.string(), z.unknown(), { error: 'expected inputs as an object of input name: nested arrays' }),
  timeoutSeconds: z.number({ error: 'expected timeoutSeconds as a number' }).min(0.1, { error: 'expected timeoutSeconds from 0.1 to 600' }).max(600, { error: 'expected timeoutSeconds from 0.1 to 600' }).optional(),
}, { error: 'expected {"modelId": "...", "inputs": {...}}' });

interface KeptModel {
  fileName: string;
  bytes: Uint8Array;
}

export class OnnxPart {
  private readonly models = new Map<string, KeptModel>();

  constructor(private readonly context: LabContext) {}

  exportOnnx(options?: unknown): Promise<Result<OnnxExportReport>> {
    return this.context.attempt(async () => {
      const o = parseArgument(exportSchema, options ?? {}, 'export ONNX');
      const project = this.context.workspace.require();
      const { bytes, report } = await this.context.compute.call('onnxExport', {
        project: { name: project.name, spec: project.spec, weights: project.weights, task: project.task },
        initialState: o.initialState ?? false,
        engine: this.context.options.engine,
      });
      let path: string | null = null;
      if (o.path !== undefined) {
        path = resolve(o.path);
        await writeFileAtomic(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { fsync: true });
      }
      const modelId = this.keep({ fileName: path ? basename(path) : `${project.name}.onnx`, bytes });
      return { ...report, path, modelId };
    });
  }

  openOnnx(path: unknown): Promise<Result<OnnxModelView>> {
    return this.context.attempt(async () => {
      const file = resolve(parseArgument(pathSchema, path, 'open ONNX'));
      const size = await stat(file).then((s) => s.size, (error: NodeJS.ErrnoException) => {
        throw new RequestError(`cannot open ${basename(file)}: ${error.code === 'ENOENT' ? 'no such file' : error.code ?? 'unreadable'}`);
      });
      if (size > MAX_ONNX_BYTES) throw new RequestError(`${basename(file)}: expected an ONNX file of at most ${MAX_ONNX_BYTES / 1024 / 1024} MB, found ${(size / 1024 / 1024).toFixed(0)} MB`);
      return this.open({ fileName: basename(file), bytes: new Uint8Array(await readFile(file)) });
    });
  }

  openOnnxBytes(file: unknown): Promise<Result<OnnxModelView>> {
    return this.context.attempt(async () => {
      const f = parseArgument(fileBytesSchema, file, 'open ONNX');
      const bytes = new Uint8Array(Buffer.from(f.base64, 'base64'));
      if (bytes.length > MAX_ONNX_BYTES) throw new RequestError(`${f.fileName}: expected an ONNX file of at most ${MAX_ONNX_BYTES / 1024 / 1024} MB`);
      return this.open({ fileName: f.fileName, bytes });
    });
  }

  onnxBytes(modelId: unknown): Promise<Result<FileBytes>> {
    return this.context.attempt(() => {
      const model = this.get(modelId, 'ONNX bytes');
      return { fileName: model.fileName, base64: Buffer.from(model.bytes).toString('base64') };
    });
  }

  runOnnx(request: unknown): Promise<Result<OnnxRunView>> {
    return this.context.attempt(async () => {
      const r = parseArgument(runSchema, request, 'run ONNX');
      const model = this.get(r.modelId, 'run ONNX');
      return this.context.compute.call('onnxRun', { bytes: model.bytes, fileName: model.fileName, inputs: r.inputs, timeoutSeconds: r.timeoutSeconds ?? DEFAULT_RUN_SECONDS });
    });
  }

  cancelOnnxRun(): Promise<Result<null>> {
    return this.context.attempt(async () => {
      const cancelled = await this.context.compute.call('onnxCancel', undefined as never);
      if (!cancelled) throw new RequestError('no ONNX run is in progress', { code: 'onnx-no-run', params: {} });
      return null;
    });
  }

  importOnnx(modelId: unknown): Promise<Result<ProjectSummary>> {
    return this.context.serial(async () => {
      const model = this.get(modelId, 'import ONNX');
      const name = model.fileName.replace(/\.onnx$/i, '') || 'imported';
      const project = await this.context.compute.call('onnxImport', { bytes: model.bytes, fileName: model.fileName, name });
      this.context.workspace.replace(project, null, true);
      return this.context.workspace.summary();
    });
  }

  private async open(model: KeptModel): Promise<OnnxModelView> {
    const view = await this.context.compute.call('onnxDescribe', { bytes: model.bytes, fileName: model.fileName });
    return { modelId: this.keep(model), ...view };
  }

  private keep(model: KeptModel): string {
    const id = randomUUID();
    this.models.set(id, model);
    while (this.models.size > MAX_MODELS) this.models.delete(this.models.keys().next().value as string);
    return id;
  }

  private get(modelId: unknown, what: string): KeptModel {
    const id = parseArgument(idSchema, modelId, what);
    const model = this.models.get(id);
    if (!model) throw new RequestError(`${what}: no opened model '${id}': open or export it first (the lab keeps the last ${MAX_MODELS})`, { code: 'onnx-no-model', params: { max: MAX_MODELS } });
    return model;
  }
}
