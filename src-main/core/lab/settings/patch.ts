// Reading and patching a project's settings: the stored training, monitor and run sections read through the core's
// parsers (defaults filled in), and a deep patch merged, re-validated and written back. Pure: returns the new Project
// and a sentence listing what changed.
import { z } from 'zod';
import type { SettingsView } from '../../../api/lab-api';
import { parseMonitorSettings } from '../../monitor/thresholds';
import type { Project } from '../../project/types';
import { DEFAULT_LR, parseTrainingSettings } from '../../train/settings';
import { parseArgument } from '../results';
import { SETTING_FIELDS } from './fields';
import { parseRunOptions, readRunOptions, writeRunOptions } from './run-options';

type Obj = Record<string, unknown>;

const section = (what: string) => z.record(z.string(), z.unknown(), { error: `expected ${what} as an object` }).optional();
export const settingsPatchSchema = z.strictObject(
  { training: section('training'), monitor: section('monitor'), run: section('run') },
  { error: 'expected a patch like {"training": {"lr": 0.01}}' },
);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every setting of a project, parsed with defaults; the form's fields. */
export function readSettings(project: Project): SettingsView {
  const training = project.training ?? {};
  return {
    training: parseTrainingSettings(training.settings ?? {}) as unknown as Obj,
    monitor: parseMonitorSettings(training.monitor ?? {}) as unknown as Obj,
    run: readRunOptions(project),
    fields: SETTING_FIELDS,
  };
}

/** Objects merge key by key; anything else (numbers, lists, null) replaces. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObj(patch) || !isObj(base)) return patch;
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = deepMerge(base[key], value);
  return out;
}

/** Fields that apply under a discriminator value, with their form defaults: switching `clip.mode` to 'norm' fills max_norm. */
function fillVariant(prefix: string, discriminator: string, merged: Obj, before: Obj | undefined): Obj {
  const value = merged[discriminator];
  if (before?.[discriminator] === value) return merged;
  const out: Obj = { [discriminator]: value };
  for (const field of SETTING_FIELDS) {
    if (!field.path.startsWith(`${prefix}.`) || field.path.split('.').length !== prefix.split('.').length + 1) continue;
    const key = field.path.slice(prefix.length + 1);
    if (key === discriminator) continue;
    const applies = field.when === null || (Array.isArray(field.when.equals) ? field.when.equals.includes(value) : field.when.equals === value);
    if (!applies) continue;
    out[key] = key in merged ? merged[key] : field.default;
  }
  // Keep nested objects (a schedule's warm-up) that are not form leaves.
  for (const [key, v] of Object.entries(merged)) if (!(key in out) && isObj(v)) out[key] = v;
  for (const [key, v] of Object.entries(merged)) if (!(key in out) && v === null) out[key] = v;
  return out;
}

function mergeTraining(current: Obj, patch: Obj): Obj {
  const merged = deepMerge(current, patch) as Obj;
  for (const [name, key] of [['optimizer', 'kind'], ['schedule', 'kind'], ['clip', 'mode'], ['bptt', 'mode']] as const) {
    const p = patch[name];
    const given = typeof p === 'string' ? { [key]: p } : p;
    if (isObj(given) && key in given) merged[name] = fillVariant(`training.${name}`, key, deepMerge(current[name], given) as Obj, current[name] as Obj);
  }
  // The form's empty warm-up steps means no warm-up.
  const schedule = merged.schedule as Obj;
  if (isObj(schedule.warmup) && schedule.warmup.steps === null) merged.schedule = { ...schedule, warmup: null };
  // One of epochs and steps: giving one clears the other.
  if (patch.steps !== undefined && patch.steps !== null && patch.epochs === undefined) merged.epochs = null;
  if (patch.epochs !== undefined && patch.epochs !== null && patch.steps === undefined) merged.steps = null;
  // A new optimiser without a learning rate of its own takes its usual one when the old was the old's usual one.
  const oldKind = (current.optimizer as Obj).kind as keyof typeof DEFAULT_LR;
  const newKind = (merged.optimizer as Obj).kind as keyof typeof DEFAULT_LR;
  if (oldKind !== newKind && patch.lr === undefined && current.lr === DEFAULT_LR[oldKind]) merged.lr = DEFAULT_LR[newKind];
  return merged;
}

/** Leaf values by dotted path, for saying what changed. */
function leaves(value: unknown, prefix: string, out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isObj(value)) for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, value);
  return out;
}

const show = (v: unknown): string => (v === undefined ? 'unset' : JSON.stringify(v));

export interface SettingsEdit {
  project: Project;
  /** Dotted paths that changed, with their old and new values. */
  changes: { path: string; from: unknown; to: unknown }[];
  message: string;
}

/** The project with `patch` applied and validated; throws one line naming the bad field. */
export function applySettingsPatch(project: Project, rawPatch: unknown): SettingsEdit {
  const patch = parseArgument(settingsPatchSchema, rawPatch, 'update settings');
  const before = readSettings(project);
  const training = patch.training ? parseTrainingSettings(mergeTraining(before.training, patch.training)) : before.training;
  const monitor = patch.monitor ? parseMonitorSettings(deepMerge(before.monitor, patch.monitor)) : before.monitor;
  const run = patch.run ? parseRunOptions({ ...before.run, ...patch.run }) : before.run;
  const old = leaves({ training: before.training, monitor: before.monitor, run: before.run }, '');
  const now = leaves({ training, monitor, run }, '');
  const changes = [...new Set([...old.keys(), ...now.keys()])]
    .filter((path) => JSON.stringify(old.get(path)) !== JSON.stringify(now.get(path)))
    .map((path) => ({ path, from: old.get(path), to: now.get(path) }));
  const kindChanged = (before.training.optimizer as Obj).kind !== (training.optimizer as Obj).kind;
  let section: Obj = { ...(project.training ?? {}), settings: training, monitor };
  // An optimiser state of another kind cannot be resumed: the next run starts afresh from the current weights.
  if (kindChanged && section.checkpoint) section.checkpoint = null;
  section = writeRunOptions(section, run);
  const listed = changes.slice(0, 4).map((c) => `${c.path} from ${show(c.from)} to ${show(c.to)}`).join(', ');
  const more = changes.length > 4 ? ` and ${changes.length - 4} more` : '';
  const message = changes.length === 0 ? 'No setting changed.' : `Changed ${listed}${more}.`;
  return { project: { ...project, training: section }, changes, message };
}

