// How large a project may be. The spec schema allows sizes (4096 units, 16 layers) whose products reach billions
// of weights; a project file must stay openable, so the model as a whole is capped here (docs/project-format.md).
import { parameterCount } from '../spec/params';
import type { ModelSpec } from '../spec/types';

/**
 * 2^23 weights: 45 MB of file, about 2 s to open; trained with Adam (float64 weights and two moment buffers in the
 * checkpoint) about 37 bytes per weight, 310 MB, still under MAX_FILE_BYTES.
 */
export const MAX_PARAMETERS = 2 ** 23;

/** Files larger than this cannot be a project this build wrote (V8 strings stop near 512 MiB). */
export const MAX_FILE_BYTES = 400 * 1024 * 1024;

/** Why a spec is too large for a project file, or null. */
export function sizeProblem(spec: ModelSpec): string | null {
  const count = parameterCount(spec);
  if (count <= MAX_PARAMETERS) return null;
  return `expected a model of at most ${MAX_PARAMETERS.toLocaleString('en-US')} weights (a project file must stay openable), found ${count.toLocaleString('en-US')}; use fewer units or layers`;
}
