// Editing the model through the workspace: checkSpec (live validation, no change), updateSpec (keeping the weights
// whose shapes still fit), resetWeights and applyRemedy. Every edit is undoable and says what changed.
import { z } from 'zod';
import type { EditOutcome, FieldChange, RemedyAction, Result, SpecCheck } from '../../api/lab-api';
import { SpecError } from '../errors';
import { paramLayout, parameterCount, shapeSize } from '../spec/params';
import { LIMITS, parseModelSpec } from '../spec/schema';
import type { ModelSpec } from '../spec/types';
import type { LabContext } from './context';
import { checkpointNotes, rebuildWeights, weightsSentence } from './model-edit-weights';
import { notApplicableFields } from './model-edit-fields';
import { remedyEdit } from './model-edit-remedy';
import { parseArgument } from './results';

const seedSchema = z
  .number({ error: 'expected a seed as a whole number' })
  .int({ error: 'expected a seed as a whole number' })
  .min(0, { error: `expected a seed from 0 to ${LIMITS.seed}` })
  .max(LIMITS.seed, { error: `expected a seed from 0 to ${LIMITS.seed}` })
  .optional();

export class ModelEditPart {
  constructor(private readonly context: LabContext) {}

  checkSpec(input: unknown): Promise<Result<SpecCheck>> {
    return this.context.attempt(() => {
      const notApplicable = notApplicableFields(input);
      try {
        const spec = parseModelSpec(input);
        const parameters = paramLayout(spec).map((p) => ({ name: p.name, shape: [...p.shape], count: shapeSize(p.shape) }));
        return { error: null, field: null, code: null, params: {}, parameters, parameterCount: parameterCount(spec), notApplicable };
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        return { error: error.message, field: errorField(error.message), code: error.code, params: { ...error.params }, parameters: [], parameterCount: 0, notApplicable };
      }
    });
  }

  updateSpec(input: unknown): Promise<Result<EditOutcome>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const project = workspace.require();
      const spec = parseModelSpec(input);
      const changed = changedFields(project.spec, spec);
      if (changed.length === 0) {
        return workspace.edit('Change the model', { project, message: 'The spec is unchanged; every weight was kept.', kept: Object.keys(project.weights) }, { kind: 'spec-unchanged', params: {} });
      }
      // A changed initialisation asks for weights drawn by it: every tensor is drawn again.
      const redrawAll = changed.some((f) => f.startsWith('init.'));
      const rebuilt = rebuildWeights(project, spec, () => redrawAll);
      const message = `Changed ${changed.join(', ')}: ${weightsSentence(rebuilt)}.`;
      const changes = changed.map((field) => ({ field, from: specValue(project.spec, field), to: specValue(spec, field) }));
      return workspace.edit(`Change ${changed.join(', ')}`, { ...rebuilt, message, changes, notes: checkpointNotes(rebuilt) }, { kind: 'spec', params: { fields: changed.join(', ') } });
    });
  }

  resetWeights(seed?: unknown): Promise<Result<EditOutcome>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const project = workspace.require();
      const wanted = parseArgument(seedSchema, seed, 'reset weights');
      const spec = { ...project.spec, init: { ...project.spec.init, seed: wanted ?? project.spec.init.seed } };
      const rebuilt = rebuildWeights(project, spec, () => true);
      const message = `Re-initialised every weight (${spec.init.scheme}, seed ${spec.init.seed})${rebuilt.droppedCheckpoint ? '; the trained run cannot be resumed, the next run starts at step 0' : ''}.`;
      return workspace.edit('Reset the weights', { ...rebuilt, message, notes: checkpointNotes(rebuilt) }, { kind: 'reset', params: { scheme: spec.init.scheme, seed: spec.init.seed } });
    });
  }

  applyRemedy(action: unknown): Promise<Result<EditOutcome>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const project = workspace.require();
      const { label, edit, what } = remedyEdit(project, action as RemedyAction);
      return workspace.edit(label, edit, what);
    });
  }
}

/** The dotted spec fields whose values differ, init's sub-fields included. */
export function changedFields(a: ModelSpec, b: ModelSpec): string[] {
  const out: string[] = [];
  for (const key of Object.keys(b) as (keyof ModelSpec)[]) {
    if (key === 'init') {
      for (const k of Object.keys(b.init) as (keyof ModelSpec['init'])[]) if (a.init[k] !== b.init[k]) out.push(`init.${k}`);
    } else if (a[key] !== b[key]) out.push(key);
  }
  return out;
}

/** A spec field's value by dotted path ('hidden_size', 'init.seed'), as a change reports it. */
function specValue(spec: ModelSpec, field: string): FieldChange['from'] {
  const [head, tail] = field.split('.') as [keyof ModelSpec, string | undefined];
  const value: unknown = tail === undefined ? spec[head] : (spec.init as unknown as Record<string, unknown>)[tail];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

/** "invalid model spec: init.gain: expected ..." -> "init.gain"; null when the message names no field. */
function errorField(message: string): string | null {
  const match = /^invalid model spec: ([a-z_]+(?:\.[a-z_]+)?):/.exec(message);
  if (match) return match[1];
  const unknown = /^invalid model spec: unknown field '([^']+)'/.exec(message);
  return unknown ? unknown[1] : null;
}
