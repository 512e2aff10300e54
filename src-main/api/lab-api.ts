// The one contract between the UI and the lab: what the renderer may ask and what it hears back.
// Plain data only (no Node or Electron types): the renderer, the preload bridge and the web transport compile
// against this file and types/, and the core's Lab service implements LabCoreApi. Methods are added here and nowhere else.
import type {
  EditOutcome, ExampleInfo, FileBytes, ProjectSummary, RecentProject, RecoveryCopy, SavedProject, TextFile,
} from './types/project';
import type { ModelSpecInput, NewProjectRequest, SpecCheck } from './types/spec';
import type { CsvPreview, CsvPreviewRequest, PreviewTaskRequest, SetTaskRequest, TaskInfo, TaskPreview } from './types/tasks';
import type { RemedyAction, RunDetail, RunRecord, RunStatus, SettingsPatch, SettingsView, TrainingEvent } from './types/training';
import type {
  InspectRequest, InspectView, SampleTextRequest, SeriesPrediction, TrajectoryRequest, TrajectoryView,
} from './types/inspect';
import type { OnnxExportReport, OnnxModelView, OnnxRunRequest, OnnxRunView } from './types/onnx';
import type { Failure } from './types/messages';

export * from './types/project';
export * from './types/spec';
export * from './types/tasks';
export * from './types/training';
export * from './types/inspect';
export * from './types/onnx';
export * from './types/host';
export * from './types/messages';

/** Every request answers with a value or a sentence a user can read (with a code the renderer words); it never rejects. */
export type Result<T> = { ok: true; value: T } | Failure;

/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

export type EngineName = 'reference' | 'native';

export interface EngineInfo {
  /** The engine that runs the models. */
  name: EngineName;
  /** Why the preferred engine is not in use (e.g. the native kernel failed to load); null when all is well. */
  warning: string | null;
}

/** Batch-first nested arrays, whatever the model's batch_first flag says. */
export interface EvaluateRequest {
  /** [batch][time][input_size] */
  x: number[][][];
  /** [layers*directions][batch][hidden_size]; zeros when absent. */
  h0?: number[][][];
  /** LSTM only, same shape as h0. */
  c0?: number[][][];
  /** Jordan only: the previous output fed back at the first step, [batch][output_size]. */
  y0?: number[][];
}

export interface EvaluateResult {
  /** [batch][time][output_size] after the output activation; null without a readout head. */
  y: number[][][] | null;
  /** [batch][time][directions*hidden_size]: the last layer's hidden states (PyTorch's `output`). */
  output: number[][][];
  /** [layers*directions][batch][hidden_size] */
  h_n: number[][][];
  /** LSTM only; null otherwise. */
  c_n: number[][][] | null;
}

/** What the core serves to every host (the Lab service implements it; IPC channels and HTTP endpoints map 1:1). */
export interface LabCoreApi {
  // --- engine and compute process ---
  /** The engine in use and the fallback warning, if any. */
  engineInfo(): Promise<Result<EngineInfo>>;
  /** Starts a new compute process after one died (the next request would too); answers when it is ready. */
  restartCompute(): Promise<Result<EngineInfo>>;

  // --- projects and files ---
  /** Creates (and opens) a project with freshly initialised weights. */
  newProject(request: NewProjectRequest): Promise<Result<ProjectSummary>>;
  /** Opens a `*.rnnlab` file by path (Electron after its dialog, recent projects; browser mode: under its root only). */
  openProject(path: string): Promise<Result<ProjectSummary>>;
  /** Opens a project the user uploaded (browser mode) or dropped. */
  openProjectBytes(file: FileBytes): Promise<Result<ProjectSummary>>;
  /** Saves atomically to `path`, or to the file the project came from when `path` is absent. */
  saveProject(path?: string): Promise<Result<SavedProject>>;
  /** The open project as a file to download (browser mode's Save); marks it saved. */
  projectBytes(): Promise<Result<FileBytes>>;
  /** The open project's summary. */
  describeProject(): Promise<Result<ProjectSummary>>;
  /** Recently opened or saved projects, newest first, missing files flagged. */
  listRecentProjects(): Promise<Result<RecentProject[]>>;
  /** Crash-recovery copies of unsaved projects from earlier sessions. */
  listRecoveries(): Promise<Result<RecoveryCopy[]>>;
  /** Opens a recovery copy (unsaved, with its original path) and deletes it. */
  restoreRecovery(id: string): Promise<Result<ProjectSummary>>;
  discardRecovery(id: string): Promise<Result<RecoveryCopy[]>>;
  /** The example gallery (resources/examples). */
  listExamples(): Promise<Result<ExampleInfo[]>>;
  /** Opens one of `listExamples()` as a new, unsaved project. */
  openExample(id: string): Promise<Result<ProjectSummary>>;

  // --- editing the model (every edit is undoable and says what changed) ---
  /** Checks a spec the form holds without changing the project: error, parameter count, fields that do not apply. */
  checkSpec(spec: ModelSpecInput): Promise<Result<SpecCheck>>;
  /** Changes the open project's spec: weights whose shapes still fit are kept, the rest re-initialised. */
  updateSpec(spec: ModelSpecInput): Promise<Result<EditOutcome>>;
  /** Re-initialises every weight (with `seed`, or the spec's). */
  resetWeights(seed?: number): Promise<Result<EditOutcome>>;
  undo(): Promise<Result<EditOutcome>>;
  redo(): Promise<Result<EditOutcome>>;

  // --- tasks and data ---
  listTasks(): Promise<Result<TaskInfo[]>>;
  setTask(request: SetTaskRequest): Promise<Result<EditOutcome>>;
  /** Samples of a task (the project's when `id` is absent) decoded for people, with the split sizes. */
  previewTask(request: PreviewTaskRequest): Promise<Result<TaskPreview>>;
  /** Parses a CSV file's contents: columns, header detection, first rows; one line naming row/column when bad. */
  previewCsv(request: CsvPreviewRequest): Promise<Result<CsvPreview>>;

  // --- training ---
  getSettings(): Promise<Result<SettingsView>>;
  updateSettings(patch: SettingsPatch): Promise<Result<EditOutcome>>;
  /** Starts a run (continuing from the project's checkpoint unless `fresh`). One run per project. */
  startTraining(options?: { fresh?: boolean; paused?: boolean }): Promise<Result<RunStatus>>;
  pauseTraining(): Promise<Result<RunStatus>>;
  resumeTraining(): Promise<Result<RunStatus>>;
  /** While paused (or idle: starts paused first): take `count` steps (default 1). */
  stepTraining(count?: number): Promise<Result<RunStatus>>;
  /** Ends the run after the current step; the trained weights stay in the project (unsaved). */
  stopTraining(): Promise<Result<RunStatus>>;
  trainingStatus(): Promise<Result<RunStatus>>;
  /** Every run of the open project, oldest first (the current one included). */
  listRuns(): Promise<Result<RunRecord[]>>;
  /** One run with its curves, alerts and evaluations ('current': the live run, else the latest): what a reload redraws. */
  getRun(id: string): Promise<Result<RunDetail>>;
  /** Applies a remedy an alert offered (undoable). */
  applyRemedy(action: RemedyAction): Promise<Result<EditOutcome>>;

  // --- what the network learned ---
  trajectories(request: TrajectoryRequest): Promise<Result<TrajectoryView>>;
  inspect(request: InspectRequest): Promise<Result<InspectView>>;
  /** Character models: text sampled at a temperature. */
  sampleText(request: SampleTextRequest): Promise<Result<string>>;
  /** Series models: prediction against the truth over a split. */
  predictSeries(split: 'validation' | 'test'): Promise<Result<SeriesPrediction>>;
  /** Runs the open project's model forward (inference) on one batch. */
  evaluate(request: EvaluateRequest): Promise<Result<EvaluateResult>>;

  // --- ONNX ---
  /** Exports the open project (verified in onnxruntime first); written to `path` when given, else kept for download. */
  exportOnnx(options?: { path?: string; initialState?: boolean }): Promise<Result<OnnxExportReport>>;
  /** Opens an .onnx file by path (Electron, browser mode under its root) or as bytes (uploads). */
  openOnnx(path: string): Promise<Result<OnnxModelView>>;
  openOnnxBytes(file: FileBytes): Promise<Result<OnnxModelView>>;
  /** The bytes of an opened or exported model (browser mode's download). */
  onnxBytes(modelId: string): Promise<Result<FileBytes>>;
  runOnnx(request: OnnxRunRequest): Promise<Result<OnnxRunView>>;
  /** Cancels the ONNX run in progress (its request answers with a 'cancelled' error). */
  cancelOnnxRun(): Promise<Result<null>>;
  /** Opens an opened ONNX model as a new project, when RNN Lab can import the graph. */
  importOnnx(modelId: string): Promise<Result<ProjectSummary>>;

  // --- subscriptions ---
  /** Hears every change of the open project (new, opened, saved, edited, trained); null when none is open. */
  onProjectChanged(listener: (summary: ProjectSummary | null) => void): Unsubscribe;
  /** The training stream: status changes, metric batches (<= ~20/s), alerts, evaluations, snapshots, compute loss. */
  onTrainingEvent(listener: (event: TrainingEvent) => void): Unsubscribe;
}

/** File actions the host performs with the user (Electron: native dialogs in the main process; browser mode: the
 * page's upload and download). Each answers null when the user cancelled. */
export interface LabFileActions {
  openProjectDialog(): Promise<Result<ProjectSummary | null>>;
  /** Save (to the project's own file when it has one and `saveAs` is false) or Save As. */
  saveProjectDialog(saveAs: boolean): Promise<Result<SavedProject | null>>;
  importOnnxDialog(): Promise<Result<ProjectSummary | null>>;
  exportOnnxDialog(options?: { initialState?: boolean }): Promise<Result<OnnxExportReport | null>>;
  openOnnxDialog(): Promise<Result<OnnxModelView | null>>;
  /** A CSV or text file the user picks, read as text (capped at 16 MB). */
  openTextFileDialog(kind: 'csv' | 'text'): Promise<Result<TextFile | null>>;
  /** Saves a figure or table (PNG, SVG, CSV) where the user chooses; answers the path (null in browser mode). */
  saveFileDialog(file: FileBytes): Promise<Result<string | null>>;
}

/** Everything the renderer sees: `window.lab` (Electron preload) and the HTTP client (browser mode) both satisfy it. */
export interface LabApi extends LabCoreApi, LabFileActions {}

/** Request/response methods the core serves: each is one IPC channel and one HTTP endpoint. */
export const LAB_METHODS = [
  'engineInfo', 'restartCompute',
  'newProject', 'openProject', 'openProjectBytes', 'saveProject', 'projectBytes', 'describeProject',
  'listRecentProjects', 'listRecoveries', 'restoreRecovery', 'discardRecovery', 'listExamples', 'openExample',
  'checkSpec', 'updateSpec', 'resetWeights', 'undo', 'redo',
  'listTasks', 'setTask', 'previewTask', 'previewCsv',
  'getSettings', 'updateSettings', 'startTraining', 'pauseTraining', 'resumeTraining', 'stepTraining', 'stopTraining',
  'trainingStatus', 'listRuns', 'getRun', 'applyRemedy',
  'trajectories', 'inspect', 'sampleText', 'predictSeries', 'evaluate',
  'exportOnnx', 'openOnnx', 'openOnnxBytes', 'onnxBytes', 'runOnnx', 'cancelOnnxRun', 'importOnnx',
] as const;
export type LabMethod = (typeof LAB_METHODS)[number];

/** File actions: IPC channels handled by the Electron host; implemented in the page in browser mode. */
export const FILE_ACTIONS = [
  'openProjectDialog', 'saveProjectDialog', 'importOnnxDialog', 'exportOnnxDialog', 'openOnnxDialog',
  'openTextFileDialog', 'saveFileDialog',
] as const;
export type FileAction = (typeof FILE_ACTIONS)[number];

/** Subscriptions and the event each one carries over IPC and Server-Sent Events. */
export const LAB_EVENTS = { onProjectChanged: 'projectChanged', onTrainingEvent: 'training' } as const;
export type LabSubscription = keyof typeof LAB_EVENTS;
export type LabEventName = (typeof LAB_EVENTS)[LabSubscription];

/** Payload of each event: the argument its subscription's listener receives. */
export type LabEventPayload<S extends LabSubscription> = Parameters<Parameters<LabCoreApi[S]>[0]>[0];

// Compile-time proof that the lists above cover the interfaces exactly: adding a method without listing it fails here.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const labApiIsCovered: Exactly<keyof LabCoreApi, LabMethod | LabSubscription> = true;
export const fileActionsAreCovered: Exactly<keyof LabFileActions, FileAction> = true;

/** IPC channel of a request method or file action (Electron). */
export const methodChannel = (method: LabMethod | FileAction): string => `lab:${method}`;
/** IPC channel of an event pushed from the main process (Electron). */
export const eventChannel = (event: LabEventName): string => `lab-event:${event}`;

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && (LAB_METHODS as readonly string[]).includes(name);
}
