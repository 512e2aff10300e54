// The one contract between the UI and the lab: what the renderer may ask and what it hears back.
// Plain data only (no Node or Electron types): the renderer, the preload bridge and the web transport compile
// against this file, and the core's Lab service implements it. Later issues add methods here and nowhere else.

// The option lists a spec form offers. Copies of the core's (spec/types.ts), which the renderer does not compile;
// core/lab/spec-choices.ts fails to compile if the two ever differ.
export const ARCHITECTURES = ['elman', 'jordan', 'gated', 'rnn', 'lstm', 'gru'] as const;
export const NONLINEARITIES = ['tanh', 'relu'] as const;
export const OUTPUT_ACTIVATIONS = ['none', 'sigmoid', 'softmax'] as const;
export const INIT_SCHEMES = ['pytorch', 'xavier', 'orthogonal', 'identity'] as const;

/** Every request answers with a value or a sentence a user can read; it never rejects. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

export type EngineName = 'reference' | 'native';

export interface EngineInfo {
  /** The engine that runs the models. */
  name: EngineName;
  /** Why the preferred engine is not in use (e.g. the native kernel failed to load); null when all is well. */
  warning: string | null;
}

/** A model spec as the user typed it: checked and completed with defaults by the core (see spec/schema.ts). */
export interface ModelSpecInput {
  arch: string;
  input_size?: number;
  hidden_size?: number;
  num_layers?: number;
  nonlinearity?: string;
  bias?: boolean;
  batch_first?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  output_size?: number;
  output_activation?: string;
  shortcut?: boolean;
  learn_h0?: boolean;
  init?: { scheme?: string; gain?: number; spectral_radius?: number | null; seed?: number };
}

export interface NewProjectRequest {
  /** Project name shown in the UI and stored in the file; "untitled" when absent. */
  name?: string;
  spec: ModelSpecInput;
}

export interface ParameterSummary {
  /** PyTorch state_dict name, e.g. weight_hh_l0_reverse. */
  name: string;
  shape: number[];
  /** Number of scalars: the product of the shape. */
  count: number;
}

/** What the UI shows about the open project. */
export interface ProjectSummary {
  name: string;
  /** File the project was opened from or last saved to; null for a new, unsaved project. */
  path: string | null;
  /** True when the project has changes that are not on disk. */
  unsaved: boolean;
  /** The complete, validated spec (snake_case like the project file). */
  spec: Required<Omit<ModelSpecInput, 'init'>> & {
    init: { scheme: string; gain: number; spectral_radius: number | null; seed: number };
  };
  /** Directions D (2 when bidirectional). */
  directions: number;
  parameters: ParameterSummary[];
  /** Total number of scalars over all parameters. */
  parameterCount: number;
}

export interface SavedProject {
  path: string;
  /** Where the previous version was kept, or null when the file is new. */
  backupPath: string | null;
}

export interface ExampleInfo {
  id: string;
  title: string;
  /** One or two sentences: what the example demonstrates. */
  description: string;
  spec: ModelSpecInput;
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

export interface LabApi {
  /** The engine in use and the fallback warning, if any. */
  engineInfo(): Promise<Result<EngineInfo>>;
  /** Creates (and opens) a project with freshly initialised weights. */
  newProject(request: NewProjectRequest): Promise<Result<ProjectSummary>>;
  /** Opens a `*.rnnlab` file; the current project is replaced only when the file is valid. */
  openProject(path: string): Promise<Result<ProjectSummary>>;
  /** Saves atomically to `path`, or to the file the project came from when `path` is absent. */
  saveProject(path?: string): Promise<Result<SavedProject>>;
  /** The open project's summary. */
  describeProject(): Promise<Result<ProjectSummary>>;
  /** Built-in example models. */
  listExamples(): Promise<Result<ExampleInfo[]>>;
  /** Creates a new project from one of `listExamples()`. */
  openExample(id: string): Promise<Result<ProjectSummary>>;
  /** Runs the open project's model forward (inference) on one batch. */
  evaluate(request: EvaluateRequest): Promise<Result<EvaluateResult>>;
  /** Hears every change of the open project (new, opened, saved, e.g. from the app menu); null when none is open. */
  onProjectChanged(listener: (summary: ProjectSummary | null) => void): Unsubscribe;
}

/** Request/response methods: each is one IPC channel and one HTTP endpoint. */
export const LAB_METHODS = [
  'engineInfo',
  'newProject',
  'openProject',
  'saveProject',
  'describeProject',
  'listExamples',
  'openExample',
  'evaluate',
] as const;
export type LabMethod = (typeof LAB_METHODS)[number];

/** Subscriptions and the event each one carries over IPC and Server-Sent Events. */
export const LAB_EVENTS = { onProjectChanged: 'projectChanged' } as const;
export type LabSubscription = keyof typeof LAB_EVENTS;
export type LabEventName = (typeof LAB_EVENTS)[LabSubscription];

/** Payload of each event: the argument its subscription's listener receives. */
export type LabEventPayload<S extends LabSubscription> = Parameters<Parameters<LabApi[S]>[0]>[0];

// Compile-time proof that the two lists above cover LabApi exactly: adding a method without listing it fails here.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const labApiIsCovered: Exactly<keyof LabApi, LabMethod | LabSubscription> = true;

/** IPC channel of a request method (Electron). */
export const methodChannel = (method: LabMethod): string => `lab:${method}`;
/** IPC channel of an event pushed from the main process (Electron). */
export const eventChannel = (event: LabEventName): string => `lab-event:${event}`;

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && (LAB_METHODS as readonly string[]).includes(name);
}
