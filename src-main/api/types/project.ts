// Contract types for projects, files, examples, edits and undo: plain data the renderer draws (no Node types).
import type { EditLabel, EditNote, FieldChange } from './messages';
import type { ModelSpecInput } from './spec';

export interface ParameterSummary {
  /** PyTorch state_dict name, e.g. weight_hh_l0_reverse. */
  name: string;
  shape: number[];
  /** Number of scalars: the product of the shape. */
  count: number;
}

/** The complete, validated spec (snake_case like the project file). */
export type ModelSpecView = Required<Omit<ModelSpecInput, 'init'>> & {
  init: { scheme: string; gain: number; spectral_radius: number | null; seed: number };
};

/** The task a project trains on, as stored in the project (params after validation, defaults filled in). */
export interface ProjectTaskView {
  id: string;
  title: string;
  params: Record<string, unknown>;
  seed: number;
  /** The example's or the user's paragraph about this project's task, when the project has one. */
  description: string | null;
}

/** What the UI shows about the open project. */
export interface ProjectSummary {
  name: string;
  /** File the project was opened from or last saved to; null for a new, unsaved project (or an upload). */
  path: string | null;
  /** True when the project has changes that are not on disk. */
  unsaved: boolean;
  spec: ModelSpecView;
  /** Directions D (2 when bidirectional). */
  directions: number;
  parameters: ParameterSummary[];
  /** Total number of scalars over all parameters. */
  parameterCount: number;
  /** null when the project has no task yet. */
  task: ProjectTaskView | null;
  /** Number of runs in the project's run history. */
  runCount: number;
  /** Undo/redo state: the label of the edit each would undo/redo, or null when there is none (English: the CLI's). */
  undoLabel: string | null;
  redoLabel: string | null;
  /** The same edits as kinds and numbers, for the renderer to word. */
  undo: EditLabel | null;
  redo: EditLabel | null;
}

export interface SavedProject {
  /** Where it was written; null when it went to the user as a download (browser mode). */
  path: string | null;
  /** Where the previous version was kept, or null when the file is new. */
  backupPath: string | null;
}

/** A file's contents as it crosses the contract (uploads, downloads): base64 of the bytes. */
export interface FileBytes {
  /** The file's own name, no folders (e.g. "adding-srn.rnnlab"). */
  fileName: string;
  base64: string;
}

/** A text file's contents (CSV series, a text corpus), read by the renderer from a file the user picked. */
export interface TextFile {
  fileName: string;
  text: string;
}

export interface ExampleInfo {
  /** File stem in resources/examples, e.g. 'adding-srn'. */
  id: string;
  title: string;
  /** The example's paragraph: what it demonstrates. */
  description: string;
  /** What to look at while it trains (one sentence). */
  lookFor: string;
  arch: string;
  taskId: string;
  /** Alert kinds the example is expected to raise (e.g. ['vanishing']). */
  expectedAlerts: string[];
}

export interface RecentProject {
  path: string;
  name: string;
  /** ISO time it was last opened or saved. */
  openedAt: string;
  /** False when the file is gone (moved or deleted): the UI shows it as missing. */
  exists: boolean;
}

/** A crash-recovery copy of an unsaved project, written every minute, offered at the next start. */
export interface RecoveryCopy {
  id: string;
  name: string;
  /** The file the project belonged to, if any. */
  path: string | null;
  savedAt: string;
}

/** What an edit did: every project edit (spec, task, settings, remedy, weight reset, undo, redo) answers this. */
export interface EditOutcome {
  summary: ProjectSummary;
  /** One sentence saying what changed ("Switched tanh to ReLU and re-initialised weight_hh_l0 as the identity"). */
  message: string;
  /** Weights whose values were kept / re-initialised by this edit (empty when no weights changed). */
  kept: string[];
  reinitialised: string[];
  /** The edit as a kind and numbers (for undo/redo: the edit undone or redone); the renderer words it. */
  edit: EditLabel;
  direction: 'do' | 'undo' | 'redo';
  /** Spec fields or settings this edit changed, with old and new values (empty for other edits). */
  changes: FieldChange[];
  /** Further facts: a dropped checkpoint, a task that does not fit the model, why a recorded run stopped. */
  notes: EditNote[];
}
