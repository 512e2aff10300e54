// What applying a remedy does to the project (monitor/remedies.ts offers them, each with a RemedyAction): enable
// clipping or lower the learning rate (training settings; the run can resume), re-initialise the recurrent weights,
// switch tanh to ReLU with identity initialisation, or switch the architecture keeping the sizes (spec changes).
import { z } from 'zod';
import type { EditLabel, MessageParams, RemedyAction } from '../../api/lab-api';
import type { Project } from '../project/types';
import { parseModelSpec } from '../spec/schema';
import { parseTrainingSettings } from '../train/settings';
import { checkpointNotes, rebuildWeights, nameList } from './model-edit-weights';
import { parseArgument } from './results';
import type { Edit } from './workspace';

export const remedyActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('enable-clipping'), maxNorm: z.number().finite().positive({ error: 'expected a clipping norm above 0' }) }),
  z.strictObject({ kind: z.literal('reinit-recurrent'), scheme: z.enum(['orthogonal', 'identity'], { error: "expected 'orthogonal' or 'identity'" }) }),
  z.strictObject({ kind: z.literal('relu-identity') }),
  z.strictObject({ kind: z.literal('lower-lr'), factor: z.number().gt(0, { error: 'expected a factor in (0, 1)' }).lt(1, { error: 'expected a factor in (0, 1)' }) }),
  z.strictObject({ kind: z.literal('switch-arch'), arch: z.enum(['lstm', 'gru'], { error: "expected 'lstm' or 'gru'" }) }),
], { error: "expected a remedy action like {\"kind\": \"enable-clipping\", \"maxNorm\": 1}: kind one of 'enable-clipping', 'reinit-recurrent', 'relu-identity', 'lower-lr', 'switch-arch'" });

/** A remedy's edit: its English label, what it did, and the label as kinds and numbers (the action and its values). */
export interface RemedyEdit {
  label: string;
  edit: Edit;
  what: EditLabel;
}

export function remedyEdit(project: Project, input: unknown): RemedyEdit {
  const action: RemedyAction = parseArgument(remedyActionSchema, input, 'apply remedy');
  const { kind, ...values } = action;
  const what = (extra: MessageParams = {}): EditLabel => ({ kind: 'remedy', params: { action: kind, ...values, ...extra } });
  return { ...remedyParts(project, action), what: what(remedyFacts(project, action)) };
}

/** The numbers a remedy's wording needs beyond its action: the learning rate before and after, the old arch. */
function remedyFacts(project: Project, action: RemedyAction): MessageParams {
  if (action.kind === 'lower-lr') {
    const lr = parseTrainingSettings(settingsOf(project)).lr;
    return { from: lr, to: lowered(lr, action.factor) };
  }
  if (action.kind === 'switch-arch' || action.kind === 'relu-identity') return { from: action.kind === 'relu-identity' ? project.spec.nonlinearity : project.spec.arch };
  return {};
}

const lowered = (lr: number, factor: number): number => Number((lr * factor).toPrecision(3));

function remedyParts(project: Project, action: RemedyAction): { label: string; edit: Edit } {
  switch (action.kind) {
    case 'enable-clipping': {
      const next = withSettings(project, (s) => ({ ...s, clip: { mode: 'norm', max_norm: action.maxNorm } }));
      return { label: 'Enable gradient clipping', edit: { project: next, message: `Enabled gradient clipping at norm ${action.maxNorm}; the weights are unchanged.`, changes: [{ field: 'training.clip.max_norm', from: null, to: action.maxNorm }] } };
    }
    case 'lower-lr': {
      const lr = parseTrainingSettings(settingsOf(project)).lr;
      const to = lowered(lr, action.factor);
      const next = withSettings(project, (s) => ({ ...s, lr: to }));
      return { label: 'Lower the learning rate', edit: { project: next, message: `Lowered the learning rate from ${lr} to ${to}; the weights are unchanged.`, changes: [{ field: 'training.lr', from: lr, to }] } };
    }
    case 'reinit-recurrent':
      return specRemedy(project, { init: { ...project.spec.init, scheme: action.scheme, gain: 1, spectral_radius: null } }, true,
        `Re-initialise the recurrent weights (${action.scheme})`, (names) => `Re-initialised ${names} ${action.scheme === 'identity' ? 'as the identity' : 'orthogonally'}`);
    case 'relu-identity': {
      const wasTanh = project.spec.nonlinearity === 'tanh';
      return specRemedy(project, { nonlinearity: 'relu', init: { ...project.spec.init, scheme: 'identity', gain: 1, spectral_radius: null } }, true,
        'Switch to ReLU with identity initialisation', (names) => `${wasTanh ? 'Switched tanh to ReLU and re-initialised' : 'Re-initialised'} ${names} as the identity`);
    }
    case 'switch-arch':
      return specRemedy(project, { arch: action.arch, nonlinearity: 'tanh', shortcut: false, learn_h0: false, init: { ...project.spec.init, scheme: 'orthogonal', gain: 1, spectral_radius: null } }, false,
        `Switch to ${action.arch.toUpperCase()}`, (names) => `Switched ${project.spec.arch} to ${action.arch.toUpperCase()} with the same sizes and initialised ${names}`);
  }
}

/** A spec patch; `recurrentOnly`: only the recurrent matrices are drawn again, the rest kept when they fit. */
function specRemedy(project: Project, patch: Record<string, unknown>, recurrentOnly: boolean, label: string, say: (names: string) => string): { label: string; edit: Edit } {
  const spec = parseModelSpec({ ...project.spec, ...patch });
  const rebuilt = rebuildWeights(project, spec, (p) => recurrentOnly && p.role === 'recurrent');
  const keptText = rebuilt.kept.length ? `; kept ${nameList(rebuilt.kept)}` : '';
  const resume = rebuilt.droppedCheckpoint ? '; the next run starts at step 0' : '';
  return { label, edit: { ...rebuilt, message: `${say(nameList(rebuilt.reinitialised))}${keptText}${resume}.`, notes: checkpointNotes(rebuilt) } };
}

function settingsOf(project: Project): Record<string, unknown> {
  const settings = project.training?.settings;
  return settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
}

/** The project with its training settings changed (validated), keeping monitor settings and the checkpoint. */
function withSettings(project: Project, change: (s: Record<string, unknown>) => Record<string, unknown>): Project {
  const settings = change(settingsOf(project));
  parseTrainingSettings(settings);
  return { ...project, training: { ...(project.training ?? {}), settings }, modified: new Date().toISOString() };
}
