// Contract types for model specs: what the Design form sends and what the core checks.
import type { ErrorCode, MessageParams } from './messages';

// The option lists a spec form offers. Copies of the core's (spec/types.ts), which the renderer does not compile;
// core/lab/spec-choices.ts fails to compile if the two ever differ.
export const ARCHITECTURES = ['elman', 'jordan', 'gated', 'rnn', 'lstm', 'gru'] as const;
export const NONLINEARITIES = ['tanh', 'relu'] as const;
export const OUTPUT_ACTIVATIONS = ['none', 'sigmoid', 'softmax'] as const;
export const INIT_SCHEMES = ['pytorch', 'xavier', 'orthogonal', 'identity'] as const;

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

/** The core's verdict on a spec the form holds, without changing the project (live validation and count). */
export interface SpecCheck {
  /** null when the spec is valid; else one line naming the field ("hidden_size: expected 1 to 4096, found 0"). */
  error: string | null;
  /** The field the error is about (dotted, e.g. 'init.gain'), for inline display; null when none or unknown. */
  field: string | null;
  /** The error as a code and params for the renderer to word (null when valid or when the error has no code). */
  code: ErrorCode | null;
  params: MessageParams;
  /** Parameters of the valid spec (empty when invalid). */
  parameters: import('./project').ParameterSummary[];
  parameterCount: number;
  /** Fields that do not apply to this family, each with why ("only Elman networks have an input-to-output shortcut"). */
  notApplicable: Record<string, string>;
}
