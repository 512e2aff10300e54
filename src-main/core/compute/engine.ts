// The engine jobs run on inside the compute process: selected once per requested name and kept, so the native
// kernel (and its allocator settings) load in this process only, never in the host.
import { selectEngine, type EngineChoice } from '../engine/select';
import type { EngineName } from '../engine/types';

const choices = new Map<string, Promise<EngineChoice>>();

export function computeEngine(name?: EngineName): Promise<EngineChoice> {
  const key = name ?? 'default';
  let choice = choices.get(key);
  if (!choice) {
    choice = selectEngine(name);
    // A failed selection is not kept, so a later job can try again.
    choice.catch(() => choices.delete(key));
    choices.set(key, choice);
  }
  return choice;
}
