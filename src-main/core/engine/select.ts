// Engine selection: native by default, falling back to the reference engine (with one warning line) when the
// native kernel cannot load.
//
// An explicit request for 'native' that cannot be met is an error, not a fallback: whoever asked for the native
// engine by name (`--engine native`, a benchmark) would otherwise get numbers from a different engine under the
// native engine's name. The default choice (no request) falls back and says why.
import { EngineError } from '../errors';
import { loadNativeEngine } from './native/index';
import type { Engine, EngineName } from './types';

export interface EngineChoice {
  engine: Engine;
  /** Set when the default engine was unavailable and another was used; hosts show it once. */
  warning: string | null;
}

export interface SelectOptions {
  /** Load the native kernel from this file instead of the package's build/Release (tests). */
  addonPath?: string;
}

export async function selectEngine(
  requested: EngineName | undefined = undefined,
  options: SelectOptions = {},
): Promise<EngineChoice> {
  if (requested !== undefined && requested !== 'native' && requested !== 'reference') {
    throw new EngineError(`unknown engine '${String(requested)}': expected native or reference`);
  }
  const { referenceEngine } = await import('./reference/index');
  if (requested === 'reference') return { engine: referenceEngine, warning: null };
  const native = loadNativeEngine(options.addonPath);
  if (native.ok) return { engine: native.engine, warning: null };
  if (requested === 'native') {
    throw new EngineError(
      `native kernel unavailable (${native.reason}); build it with npm run build:kernel or use --engine reference`,
    );
  }
  return { engine: referenceEngine, warning: `native kernel unavailable (${native.reason}); using the reference engine` };
}
