// A new, unsaved project: a validated spec and freshly initialised weights (initWeights, seeded by spec.init).
import { ProjectFileError } from '../errors';
import { initWeights } from '../spec/init';
import { parseModelSpec } from '../spec/schema';
import type { ModelSpec } from '../spec/types';
import { sizeProblem } from './limits';
import { MAX_NAME_LENGTH } from './schema';
import type { Project } from './types';

export function newProject(name: string, spec: ModelSpec, now: Date = new Date()): Project {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    throw new ProjectFileError(`project name: expected 1 to ${MAX_NAME_LENGTH} characters, found ${name.length}`);
  }
  const valid = parseModelSpec(spec);
  const tooLarge = sizeProblem(valid);
  if (tooLarge !== null) throw new ProjectFileError(`model: ${tooLarge}`);
  const stamp = now.toISOString();
  return {
    name,
    created: stamp,
    modified: stamp,
    spec: valid,
    weights: initWeights(valid),
    task: null,
    training: null,
    history: null,
  };
}
