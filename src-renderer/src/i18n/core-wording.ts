// Words what the core says as kinds and numbers (api/types/messages.ts) in the UI's language: error codes, edit
// labels and outcomes, field changes, why a run stopped. Pure: `t`, `te`, the number formatter and the locale come
// in (useCoreWording() binds them). A kind this file does not know falls back to the core's English sentence, so a
// new core message is never blank (test/renderer/core-wording.test.ts fails until it is worded here).
import type {
  EditLabel, EditNote, EditOutcome, ErrorCode, FieldChange, MessageParams, RemedyAction, StopReason,
} from '../../../src-main/api/lab-api';
import { paramLabel, taskTitle } from './content';

export interface Wording {
  t: (key: string, params?: Record<string, unknown>) => string;
  te: (key: string) => boolean;
  /** Formats a measured number (learning rates, norms) in the UI's language. */
  num: (value: number) => string;
  locale: string;
}

/** An error as the renderer holds it: the core's sentence, with its code and params when the core gave them. */
export type CoreError = string | { error: string; code?: ErrorCode | null; params?: MessageParams };

/** The UI's name of a field: the Design form's label, a setting's label, a task parameter's label, else the field. */
export function fieldLabel(field: string, w: Wording): string {
  const specField = field.replace(/^(spec|model)\./, '');
  for (const key of [`design.fields.${specField}.label`, `settings.fields.${field}`]) if (w.te(key)) return w.t(key);
  return paramLabel(field, w.locale) ?? field;
}

/** A value as a change shows it: choices by their UI name, numbers formatted, flags on/off, nothing as "unset". */
export function valueText(value: FieldChange['from'] | undefined, w: Wording, field = ''): string {
  if (value === null || value === undefined) return w.t('core.unset');
  if (typeof value === 'boolean') return w.t(value ? 'core.on' : 'core.off');
  if (typeof value === 'number') return w.num(value);
  // A setting's choice ('none' clipping is "off") before the Design form's ('none' activation is "none").
  const keys = [`design.choices.${value}`, `settings.choice.${value}`];
  if (/^(training|monitor|run)\./.test(field)) keys.reverse();
  for (const key of keys) if (w.te(key)) return w.t(key);
  return value;
}

/** "Hidden size 32 → 48" */
export function changeText(change: FieldChange, w: Wording): string {
  return w.t('core.change', { field: fieldLabel(change.field, w), from: valueText(change.from, w, change.field), to: valueText(change.to, w, change.field) });
}

/** Up to `max` changes joined in the language's list style, then "and N more". */
export function changesText(changes: readonly FieldChange[], w: Wording, max = 4): string {
  const shown = changes.slice(0, max).map((c) => changeText(c, w));
  if (changes.length > max) shown.push(w.t('core.changeMore', { count: changes.length - max }));
  return shown.join(w.t('core.list'));
}

/** The error's sentence in the UI's language: the code worded, or the core's English when the code is unknown. */
export function errorText(error: CoreError | null | undefined, w: Wording): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error || null;
  const { code, params = {} } = error;
  if (!code) return error.error;
  const key = code === 'field-too-small' && params.exclusive === 1 ? 'core.error.field-too-small-exclusive' : `core.error.${code}`;
  if (!w.te(key)) return error.error;
  return w.t(key, wordParams(params, w, code));
}

/** Codes whose wording leaves out the core's details (which node, which rule): their English is kept as a tooltip. */
const DETAILED: readonly string[] = [
  'field-invalid', 'task-params', 'project-invalid', 'onnx-not-importable', 'save-failed', 'inspect-input', 'onnx-input-value',
  'onnx-run-failed', 'onnx-export-check', 'lab-unreachable', 'lab-bad-answer', 'file-unreadable',
];

/** The core's English sentence when the worded text leaves out details a user may need; else undefined. */
export function errorDetail(error: CoreError | null | undefined): string | undefined {
  return error && typeof error !== 'string' && error.code && DETAILED.includes(error.code) ? error.error : undefined;
}

/** Params as a sentence shows them: the field by its UI name, numbers formatted, a value never blank. */
function wordParams(params: MessageParams, w: Wording, code: ErrorCode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'number' ? String(value) : value;
  if (typeof params.field === 'string') out.field = fieldLabel(params.field, w);
  if (typeof params.arch === 'string') out.arch = archName(params.arch, w);
  if (typeof params.task === 'string') out.task = taskTitle(params.task, w.locale);
  out.found = params.found === undefined || params.found === '' ? w.t('core.foundNothing') : String(params.found);
  if (params.signal !== undefined || params.exitCode !== undefined) out.reason = exitText(params, w);
  if (code.startsWith('inspect-')) out.where = whereText(params, w);
  return out;
}

/** Which typed input an Inspect error is about: probe sequence 2 (Trajectories), the input, or the target. */
function whereText(params: MessageParams, w: Wording): string {
  if (params.probe !== undefined) return w.t('core.where.probe', { probe: params.probe });
  return w.t(params.input === 'target' ? 'core.where.target' : 'core.where.input');
}

/** How the compute process ended ("exit code 1", "killed by the signal SIGKILL"); else the English reason given. */
export function exitText(exit: { exitCode?: number | string | null; signal?: number | string | null; reason?: string | number }, w: Wording): string {
  if (exit.signal) return w.t('core.exit.signal', { signal: exit.signal });
  if (exit.exitCode !== undefined && exit.exitCode !== null) return w.t('core.exit.code', { exitCode: exit.exitCode });
  return String(exit.reason ?? '');
}

function archName(arch: string, w: Wording): string {
  return w.te(`design.families.${arch}.name`) ? w.t(`design.families.${arch}.name`) : arch;
}

/** A remedy's action rebuilt from an edit label's params (the core sends the action's kind and its numbers). */
export function remedyActionOf(params: MessageParams): RemedyAction | null {
  switch (params.action) {
    case 'enable-clipping':
      return { kind: 'enable-clipping', maxNorm: Number(params.maxNorm) };
    case 'lower-lr':
      return { kind: 'lower-lr', factor: Number(params.factor) };
    case 'reinit-recurrent':
      return { kind: 'reinit-recurrent', scheme: params.scheme === 'identity' ? 'identity' : 'orthogonal' };
    case 'relu-identity':
      return { kind: 'relu-identity' };
    case 'switch-arch':
      return { kind: 'switch-arch', arch: params.arch === 'gru' ? 'gru' : 'lstm' };
    default:
      return null;
  }
}

/** The remedy's button label, as the alert offered it (alerts.remedy.* keys). */
function remedyName(action: RemedyAction, w: Wording): string {
  switch (action.kind) {
    case 'enable-clipping':
      return w.t('alerts.remedy.enableClipping', { maxNorm: w.num(action.maxNorm) });
    case 'reinit-recurrent':
      return w.t(action.scheme === 'identity' ? 'alerts.remedy.reinitIdentity' : 'alerts.remedy.reinitOrthogonal');
    case 'relu-identity':
      return w.t('alerts.remedy.reluIdentity');
    case 'lower-lr':
      return w.t('alerts.remedy.lowerLr', { factor: w.num(action.factor) });
    case 'switch-arch':
      return w.t(action.arch === 'lstm' ? 'alerts.remedy.switchLstm' : 'alerts.remedy.switchGru');
  }
}

const fieldList = (fields: string, w: Wording): string =>
  fields.split(',').map((f) => fieldLabel(f.trim(), w)).join(w.t('core.list'));

/** The short name of an edit: what the Undo and Redo buttons say they would undo or redo. */
export function editLabelText(label: EditLabel, w: Wording): string {
  const p = label.params;
  switch (label.kind) {
    case 'spec':
      return w.t('core.label.spec', { fields: fieldList(String(p.fields ?? ''), w) });
    case 'spec-unchanged':
    case 'reset':
      return w.t(`core.label.${label.kind}`);
    case 'task':
      return w.t('core.label.task', { task: taskTitle(String(p.task), w.locale) });
    case 'settings':
      return p.path !== undefined ? w.t('core.label.settingsOne', { field: fieldLabel(String(p.path), w) }) : w.t('core.label.settingsMany', { count: p.count });
    case 'run':
      return w.t('core.label.run', { run: p.run });
    case 'remedy': {
      const action = remedyActionOf(p);
      return action ? remedyName(action, w) : String(p.action);
    }
    default:
      return String(p.label ?? label.kind);
  }
}

/** What an edit did, as the notice after it says: the edit, its changes, the weights it touched, and its notes. */
export function editOutcomeText(outcome: Pick<EditOutcome, 'edit' | 'direction' | 'changes' | 'notes' | 'kept' | 'reinitialised' | 'message'>, w: Wording): string {
  const did = didText(outcome, w);
  if (did === null) return outcome.message;
  const parts = [did, weightsText(outcome, w), ...outcome.notes.map((n) => noteText(n, w))].filter(Boolean);
  const what = parts.join(sentenceGap(w));
  if (outcome.direction === 'undo') {
    const undone = outcome.changes.length ? w.t('core.did.settings', { changes: changesText(outcome.changes, w) }) : '';
    return [w.t('core.undid', { label: editLabelText(outcome.edit, w) }), undone].filter(Boolean).join(sentenceGap(w));
  }
  if (outcome.direction === 'redo') return w.t('core.redid', { label: editLabelText(outcome.edit, w), what });
  return what;
}

/** The first sentence of an edit; null for an edit this renderer cannot word (the core's English is shown). */
function didText(outcome: Pick<EditOutcome, 'edit' | 'changes'>, w: Wording): string | null {
  const { kind, params: p } = outcome.edit;
  switch (kind) {
    case 'spec':
      return w.t('core.did.spec', { changes: changesText(outcome.changes, w) });
    case 'spec-unchanged':
      return w.t('core.did.spec-unchanged');
    case 'reset':
      return w.t('core.did.reset', { scheme: valueText(String(p.scheme), w), seed: p.seed });
    case 'task': {
      const sizes = { task: taskTitle(String(p.task), w.locale), train: p.train, validation: p.validation, test: p.test, file: p.file };
      return w.t(p.file !== undefined ? 'core.did.taskFile' : 'core.did.task', sizes);
    }
    case 'settings':
      return outcome.changes.length ? w.t('core.did.settings', { changes: changesText(outcome.changes, w) }) : w.t('core.did.settingsNone');
    case 'run':
      return w.t('core.did.run', { run: p.run, step: p.step });
    case 'remedy':
      return remedyDid(p, w);
    default:
      return null;
  }
}

function remedyDid(p: MessageParams, w: Wording): string | null {
  switch (p.action) {
    case 'enable-clipping':
      return w.t('core.did.enable-clipping', { maxNorm: w.num(Number(p.maxNorm)) });
    case 'lower-lr':
      return w.t('core.did.lower-lr', { from: w.num(Number(p.from)), to: w.num(Number(p.to)) });
    case 'reinit-recurrent':
      return w.t('core.did.reinit-recurrent', { scheme: valueText(String(p.scheme), w) });
    case 'relu-identity':
      return p.from === 'relu' ? w.t('core.did.relu-identity-kept') : w.t('core.did.relu-identity', { from: valueText(String(p.from), w) });
    case 'switch-arch':
      return w.t('core.did.switch-arch', { from: archName(String(p.from), w), to: archName(String(p.arch), w) });
    default:
      return null;
  }
}

/** Which weights an edit re-initialised and kept (names are PyTorch's, the same in every language). */
export function weightsText(outcome: Pick<EditOutcome, 'kept' | 'reinitialised'>, w: Wording): string {
  const names = (list: string[]) => (list.length <= 3 ? list.join(w.t('core.list')) : w.t('core.weights.more', { names: list.slice(0, 2).join(w.t('core.list')), total: list.length }));
  if (outcome.reinitialised.length === 0) return outcome.kept.length ? w.t('core.weights.allKept') : '';
  const parts = [w.t('core.weights.reinitialised', { names: names(outcome.reinitialised) })];
  if (outcome.kept.length) parts.push(w.t('core.weights.kept', { names: names(outcome.kept) }));
  return parts.join(sentenceGap(w));
}

/** Chinese sentences follow each other without a space; English ones with one. */
const sentenceGap = (w: Wording): string => (w.locale.startsWith('zh') ? '' : ' ');

export function noteText(note: EditNote, w: Wording): string {
  if (note.kind === 'run-stopped') {
    const { stop, ...params } = note.params;
    return w.t('core.note.run-stopped', { reason: stopText({ kind: stop as StopReason['kind'], params }, w) });
  }
  const p = note.params;
  const shown = note.kind === 'task-needs-activation' ? { needed: valueText(String(p.needed), w), model: valueText(String(p.model), w) } : p;
  return w.te(`core.note.${note.kind}`) ? w.t(`core.note.${note.kind}`, shown) : '';
}

/** Why a run stopped, as the runs table and the status line say it. */
export function stopText(stop: StopReason, w: Wording): string {
  const key = `core.stop.${stop.kind}`;
  if (!w.te(key)) return String(stop.params.reason ?? stop.kind);
  return w.t(key, stop.kind === 'compute-lost' ? { ...stop.params, reason: exitText(stop.params, w) } : stop.params);
}
