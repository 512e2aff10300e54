// The job registry: every function the compute process runs for the host, by name. A job is a plain
// `(args) => result` (or a promise of it) over structured-cloneable data. To add one, write jobs/<name>.ts and add
// one line here; hosts call it with `context.compute.call('<name>', args)`, typed by this table.
import { engineInfoJob } from './engine-info';
import { evaluateJob } from './evaluate';
import { inspectJob, predictSeriesJob, sampleTextJob, trajectoriesJob } from './inspect';
import { onnxCancelJob, onnxDescribeJob, onnxExportJob, onnxImportJob, onnxRunJob } from './onnx';

export const JOBS = {
  engineInfo: engineInfoJob,
  evaluate: evaluateJob,
  trajectories: trajectoriesJob,
  inspect: inspectJob,
  sampleText: sampleTextJob,
  predictSeries: predictSeriesJob,
  onnxExport: onnxExportJob,
  onnxDescribe: onnxDescribeJob,
  onnxRun: onnxRunJob,
  onnxCancel: onnxCancelJob,
  onnxImport: onnxImportJob,
} satisfies Record<string, (args: never) => unknown>;

export type JobName = keyof typeof JOBS;
export type JobArgs<N extends JobName> = Parameters<(typeof JOBS)[N]>[0];
export type JobResult<N extends JobName> = Awaited<ReturnType<(typeof JOBS)[N]>>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}
