// Which weights survive a spec change: a tensor is kept when the new spec has a parameter of the same name and
// shape (and the edit did not ask for it to be drawn again); everything else is initialised from the new spec.
// A trained project's checkpoint no longer matches changed weights, so it is dropped (the next run starts at 0).
import type { EditNote } from '../../api/lab-api';
import type { Project } from '../project/types';
import { initWeights } from '../spec/init';
import { paramLayout, type ParamInfo } from '../spec/params';
import type { ModelSpec } from '../spec/types';
import type { Weights } from '../tensor';

export interface Rebuilt {
  project: Project;
  kept: string[];
  reinitialised: string[];
  /** True when the project had a checkpoint (a trained run) that this change dropped. */
  droppedCheckpoint: boolean;
}

/** The project with `spec`, keeping fitting weights except those `redraw` selects. */
export function rebuildWeights(project: Project, spec: ModelSpec, redraw: (p: ParamInfo) => boolean = () => false): Rebuilt {
  const fresh = initWeights(spec);
  const weights: Weights = {};
  const kept: string[] = [];
  const reinitialised: string[] = [];
  for (const p of paramLayout(spec)) {
    const old = project.weights[p.name];
    if (old && sameShape(old.shape, p.shape) && !redraw(p)) {
      weights[p.name] = old;
      kept.push(p.name);
    } else {
      weights[p.name] = fresh[p.name];
      reinitialised.push(p.name);
    }
  }
  const changed = reinitialised.length > 0 || Object.keys(project.weights).length !== kept.length;
  const { project: next, dropped } = changed ? withoutCheckpoint(project) : { project, dropped: false };
  return { project: { ...next, spec, weights, modified: new Date().toISOString() }, kept, reinitialised, droppedCheckpoint: dropped };
}

/** The project without its run checkpoint (settings and history stay). */
export function withoutCheckpoint(project: Project): { project: Project; dropped: boolean } {
  const training = project.training;
  if (!training || training.checkpoint === undefined || training.checkpoint === null) return { project, dropped: false };
  return { project: { ...project, training: { ...training, checkpoint: null } }, dropped: true };
}

/** "weight_hh_l0", "weight_hh_l0 and head.weight", "5 weights (weight_ih_l0, ...)". */
export function nameList(names: string[]): string {
  if (names.length <= 3) return names.length === 2 ? names.join(' and ') : names.join(', ');
  return `${names.length} weights (${names.slice(0, 2).join(', ')}, ...)`;
}

/** The sentence tail about weights: what was kept and what was drawn again, and a dropped checkpoint. */
export function weightsSentence(rebuilt: Rebuilt): string {
  const { kept, reinitialised } = rebuilt;
  let text: string;
  if (reinitialised.length === 0) text = 'every weight was kept';
  else if (kept.length === 0) text = 'every weight was re-initialised';
  else text = `re-initialised ${nameList(reinitialised)} and kept ${nameList(kept)}`;
  if (rebuilt.droppedCheckpoint) text += '; the trained run cannot be resumed, the next run starts at step 0';
  return text;
}

/** The note a rebuild adds when it dropped the trained run's checkpoint. */
export function checkpointNotes(rebuilt: Pick<Rebuilt, 'droppedCheckpoint'>): EditNote[] {
  return rebuilt.droppedCheckpoint ? [{ kind: 'checkpoint-dropped', params: {} }] : [];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
