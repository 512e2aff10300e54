// Running any ONNX model on JSON inputs: decode it (refusing non-models before onnxruntime sees them), check the
// inputs against its graph, run it in the onnxruntime worker, and return every output as nested arrays.
import { decodeModel } from '../codec';
import { sharedOnnxRuntime, type OnnxRuntime, type RunLimits } from './client';
import { describeModel } from './describe';
import { parseFeeds, tensorToJson } from './values';

/** `limits`: a time limit (default DEFAULT_RUN_TIMEOUT_MS) and an AbortSignal that cancels the run. */
export async function runOnnxModel(
  bytes: Uint8Array,
  input: unknown,
  what: string,
  runtime: OnnxRuntime = sharedOnnxRuntime(),
  limits: RunLimits = {},
): Promise<Record<string, unknown>> {
  const description = describeModel(decodeModel(bytes, what));
  const feeds = parseFeeds(input, description.inputs);
  const loaded = await runtime.load(bytes, what, limits.signal);
  const outputs = await runtime.run(loaded, feeds, undefined, limits);
  const json: Record<string, unknown> = {};
  for (const name of loaded.outputNames) json[name] = tensorToJson(outputs[name]);
  return json;
}
