// The model specification: what a network is, independent of its weights or of any engine that runs it.
// Field names are snake_case so that specs read like PyTorch's constructor arguments and the project file.

export const ARCHITECTURES = ['elman', 'jordan', 'gated', 'rnn', 'lstm', 'gru'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Families that mirror PyTorch's nn.RNN / nn.LSTM / nn.GRU exactly (stacked, bidirectional, dropout). */
export const TORCH_ARCHITECTURES = ['rnn', 'lstm', 'gru'] as const;
export type TorchArchitecture = (typeof TORCH_ARCHITECTURES)[number];

export const NONLINEARITIES = ['tanh', 'relu'] as const;
export type Nonlinearity = (typeof NONLINEARITIES)[number];

export const OUTPUT_ACTIVATIONS = ['none', 'sigmoid', 'softmax'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

export const INIT_SCHEMES = ['pytorch', 'xavier', 'orthogonal', 'identity'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export interface InitSpec {
  scheme: InitScheme;
  /** Multiplies the scheme's scale (Xavier gain, orthogonal gain, identity diagonal, PyTorch bound). */
  gain: number;
  /** When set, every recurrent matrix is rescaled to have exactly this spectral radius (max |eigenvalue|). */
  spectral_radius: number | null;
  /** Seed of the generator that drew the weights; the same seed gives the same weights on every machine. */
  seed: number;
}

export interface ModelSpec {
  arch: Architecture;
  input_size: number;
  hidden_size: number;
  /** Stacked layers; always 1 for elman, jordan and gated. */
  num_layers: number;
  /** Hidden nonlinearity: rnn and elman and jordan choose; lstm/gru/gated are fixed (recorded as 'tanh'). */
  nonlinearity: Nonlinearity;
  bias: boolean;
  /** Only matters for ONNX and PyTorch interop; the engines always take batch-first arrays. */
  batch_first: boolean;
  /** Dropout between stacked layers in training (PyTorch semantics); 0 for the single-layer families. */
  dropout: number;
  /** Always false for elman, jordan and gated. */
  bidirectional: boolean;
  /** Size of the per-step readout head Linear(D*H -> output_size); 0 means no head (not allowed for jordan). */
  output_size: number;
  output_activation: OutputActivation;
  /** elman only: a direct input-to-output connection, parameter `shortcut.weight` (output_size, input_size). */
  shortcut: boolean;
  /** gated only: the initial state h_0 is a learnable parameter `h0` (hidden_size) instead of zeros. */
  learn_h0: boolean;
  init: InitSpec;
}

/** Number of directions D. */
export function numDirections(spec: Pick<ModelSpec, 'bidirectional'>): 1 | 2 {
  return spec.bidirectional ? 2 : 1;
}

/** Gate multiplier: rows of weight_ih/weight_hh are gates*H (LSTM i,f,g,o = 4; GRU r,z,n = 3). */
export function gateCount(arch: Architecture): number {
  return arch === 'lstm' ? 4 : arch === 'gru' ? 3 : 1;
}
