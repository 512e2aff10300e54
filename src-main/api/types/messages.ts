// Contract types for what the core says as kinds and numbers: edit labels, field changes, why a run stopped, and
// error codes. The renderer words them in the chosen language; the English sentences beside them are the CLI's
// (and the renderer's fallback for a kind it does not know). Not the wording itself: that is in the renderer.

/** The numbers and names a message is built from (field names, sizes, steps); never a sentence. */
export type MessageParams = Record<string, string | number>;

/** What kind of edit an undo entry is: the undo/redo buttons and the edit notice word it. */
export type EditKind =
  | 'spec' // params.fields: the changed spec fields, comma-separated
  | 'spec-unchanged'
  | 'reset' // params.scheme, params.seed
  | 'task' // params.task (id), params.train/validation/test (sizes), params.file (when from a file)
  | 'settings' // params.path (one setting) or params.count (several)
  | 'remedy' // params.action (a RemedyAction kind) and its numbers (maxNorm, factor, scheme, arch, from, to)
  | 'run' // params.run (run id), params.step
  | 'other'; // params.label: an edit without a kind of its own (English)

export interface EditLabel {
  kind: EditKind;
  params: MessageParams;
}

/** A field an edit or a run changed: a spec field ('hidden_size', 'init.scheme') or a settings path. */
export interface FieldChange {
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

/** A fact an edit adds to what it did, e.g. { kind: 'checkpoint-dropped' } or a task that does not fit the model. */
export type EditNoteKind =
  | 'checkpoint-dropped'
  | 'task-needs-input-size' // params.needed, params.model
  | 'task-needs-output-size' // params.needed, params.model
  | 'task-needs-activation' // params.needed, params.model
  | 'run-stopped'; // params: a StopReason's kind (params.stop) and its params

export interface EditNote {
  kind: EditNoteKind;
  params: MessageParams;
}

/** Why a run stopped itself or failed. */
export type StopKind =
  | 'monitor' // params.step: a monitor rule's 'stop' policy
  | 'nonfinite-gradients' // params.step
  | 'nonfinite-weights' // params.step: the update made weights non-finite
  | 'compute-lost' // params.reason (English, from the operating system)
  | 'failed'; // params.reason: the run's error sentence (English)

export interface StopReason {
  kind: StopKind;
  params: MessageParams;
}

/**
 * Codes of the `{ ok: false }` answers a user meets in the UI. Each comes with `params`; the list is what the
 * renderer's wording test walks, so a new code without wording in every language fails there.
 */
export const ERROR_CODES = [
  // one field of a form or request (spec, task parameters, settings): params.field, params.found when there was one
  'field-too-small', // params.min; params.exclusive = 1 when the bound itself is not allowed
  'field-too-large', // params.max
  'field-out-of-range', // params.min (allowed), params.max (not allowed): a probability in [0, 1)
  'field-in-range', // params.min, params.max: both allowed, [0, 1]
  'field-in-range-above', // params.min (not allowed), params.max (allowed): (0, 1]
  'field-not-number',
  'field-not-whole',
  'field-not-boolean',
  'field-not-text',
  'field-not-one-of', // params.choices: comma-separated
  'field-invalid', // a rule the field's value breaks (the English sentence says which)
  'field-unknown',
  'field-missing',
  // the model spec's cross-field rules: params.arch, params.found as relevant
  'spec-one-layer',
  'spec-forward-only',
  'spec-dropout-needs-layers',
  'spec-fixed-gates',
  'spec-jordan-needs-output',
  'spec-shortcut-elman-only',
  'spec-shortcut-needs-output',
  'spec-learn-h0-gated-only',
  'spec-activation-needs-output',
  'spec-jordan-no-spectral-radius',
  'spec-jordan-no-identity',
  // requests
  'no-project',
  'nothing-to-undo',
  'nothing-to-redo',
  'edit-while-running',
  // task parameters and data files: params.task; CSV errors params.line (1-based) and params.column when known
  'task-params', // a cross-field rule of the task's parameters (English details)
  'csv-empty',
  'csv-no-rows',
  'csv-field-count', // params.line, params.expected, params.found
  'csv-not-number', // params.line, params.column, params.found
  'csv-quote', // params.line
  'csv-header-name', // params.line, params.column
  'csv-duplicate-column', // params.line, params.name
  'csv-no-column', // params.name
  // project files
  'project-empty', // params.file
  'project-not-json', // params.file
  'project-not-rnnlab', // params.file
  'project-invalid', // params.file; the English sentence says which field
  'file-not-found', // params.path
  'read-denied', // params.path: no permission to read it
  'save-no-folder', // params.file: the folder does not exist
  'save-denied', // params.file: no permission, or a read-only file system
  'save-disk-full', // params.file
  'save-failed', // params.file: any other file-system failure (the English sentence says which)
  // a CSV or text file the user picked (read by the host: Electron's main process, or the page in browser mode)
  'text-too-large', // params.file, params.max (MB)
  'text-not-utf8', // params.file
  // ONNX files
  'onnx-not-a-model', // params.file: empty, another format, or bytes that do not decode
  'onnx-not-importable', // params.node when a node is named; the English sentence says why
  'onnx-opset', // params.found
  // training settings: rules across fields (params.field names the one shown as wrong)
  'settings-nesterov', // params.momentum, params.dampening
  'settings-epochs-and-steps', // params.epochs, params.steps
  'settings-bptt-k2', // params.k1, params.k2
  // Inspect and Trajectories: a typed input (params.probe: its 1-based number, or params.input: 'input' / 'target')
  'inspect-no-task',
  'inspect-needs-numbers', // params.width: numbers per step
  'inspect-model-misfit', // params.symbols (the task's inputs per step), params.inputs (the model's input size)
  'inspect-not-in-alphabet', // params.symbol, params.position (1-based), params.alphabet
  'inspect-seed-not-in-alphabet', // params.symbol: sampling's seed text
  'inspect-not-rows', // params.width
  'inspect-row-width', // params.row, params.expected, params.found
  'inspect-not-number', // params.row, params.column, params.found
  'inspect-steps', // params.max, params.found
  'inspect-no-output',
  'inspect-target-verdict', // params.found
  'inspect-target-length', // params.expected, params.found
  'inspect-too-many-probes', // params.max, params.found
  'inspect-no-probes',
  'inspect-pca-steps', // params.found: steps in all
  'inspect-layer', // params.max, params.found
  'inspect-input', // params.task: a view that does not apply to the task (the English sentence says which)
  // ONNX runs and exports
  'onnx-input-shape', // params.input, params.expected and params.found as brackets: "[1][5][2]"
  'onnx-input-dim', // params.input, params.dim (symbolic name), params.expected, params.other (input), params.found, params.axis
  'onnx-input-value', // params.path ("x[0][2]"), params.type (element type), params.found
  'onnx-input-ragged', // params.path, params.input, params.expected (entries)
  'onnx-input-not-object', // params.names: the model's inputs
  'onnx-input-unknown', // params.input, params.names
  'onnx-input-missing', // params.input, params.type, params.shape
  'onnx-input-type', // params.input, params.type, params.types (supported)
  'onnx-time-limit', // params.seconds
  'onnx-cancelled',
  'onnx-run-busy',
  'onnx-no-run',
  'onnx-no-model', // params.max: models the lab keeps
  'onnx-run-failed', // onnxruntime could not load or run the model (the English sentence says why)
  'onnx-export-check', // params.output: onnxruntime's result differs from the engine's (the English sentence by how much)
  // the compute process
  'compute-lost', // params.reason (English, from the operating system)
  // the renderer's transport (src-renderer/src/api)
  'lab-unreachable', // params.url; the English sentence has the browser's reason
  'lab-bad-answer', // params.method, params.status (HTTP)
  'lab-not-connected', // the page was opened without the lab (no Electron preload, no ?token=)
  'file-unreadable', // the browser could not read a file the user picked (the English sentence has its reason)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failed request: the English sentence (CLI, logs, fallback) and, for errors a user meets in the UI, its code. */
export interface Failure {
  ok: false;
  error: string;
  code?: ErrorCode;
  params?: MessageParams;
}
