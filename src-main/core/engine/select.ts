// Engine selection: native by default, falling back to the reference engine (with one warning) when the
// native kernel cannot load. Until the kernel lands, 'native' always falls back.
import { EngineError } from '../errors';
import type { Engine, EngineName } from './types';

export interface EngineChoice {
  engine: Engine;
  /** Set when the requested engine was unavailable and another was used; hosts show it once. */
  warning: string | null;
}

export async function selectEngine(requested: EngineName | undefined = undefined): Promise<EngineChoice> {
  const { referenceEngine } = await import('./reference/index');
  if (requested === 'reference') return { engine: referenceEngine, warning: null };
  if (requested !== undefined && requested !== 'native') {
    throw new EngineError(`unknown engine '${String(requested)}': expected native or reference`);
  }
  return { engine: referenceEngine, warning: 'native kernel not built yet; using the reference engine' };
}
