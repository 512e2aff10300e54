// The engine contract: forward and backward-through-time for one model over a batch of sequences.
// Implemented by the reference engine (TypeScript, float64) and the native kernel (C++, N-API).
//
// Layouts (all row-major, batch-first whatever spec.batch_first says):
//   x, dx           (B, T, I)
//   output, dOutput (B, T, D*H)   last layer's hidden states; direction d occupies columns [d*H, (d+1)*H)
//   y, dY           (B, T, O)     head output after the output activation
//   h0, hN, dh0     (L*D, B, H)   index = layer*D + direction (PyTorch's h_n layout)
//   c0, cN, dc0     (L*D, B, H)   LSTM only
//   layer states    (B, T, D*H)   per layer: the hidden states (and LSTM cell states) at every step
import type { ModelSpec } from '../spec/types';
import type { Weights } from '../tensor';

export interface Model {
  spec: ModelSpec;
  weights: Weights;
}

export interface SequenceBatch {
  batch: number;
  steps: number;
  x: Float64Array;
  /** Initial hidden state; zeros (or the learned h0 of a gated model) when absent. */
  h0?: Float64Array;
  /** Initial LSTM cell state; zeros when absent. */
  c0?: Float64Array;
  /** Jordan only: the previous output y_0 (B, O) fed back at the first step; zeros when absent. */
  y0?: Float64Array;
}

export interface ForwardOptions {
  /** Training mode applies dropout between stacked layers (PyTorch semantics). */
  training?: boolean;
  /**
   * Dropout masks for the inputs of layers 1..L-1 (so L-1 masks), each (B, T, D*H) holding 0 or 1/(1-p).
   * When absent in training mode with dropout > 0, masks are drawn from `random`.
   */
  dropoutMasks?: Float64Array[];
  /** Uniform [0,1) source for drawing dropout masks. */
  random?: () => number;
  /**
   * Arithmetic precision. The native engine computes in float32 for training speed when asked; 'float64' (the
   * default) is for parity tests and gradient checks. The reference engine always computes in float64.
   */
  precision?: 'float64' | 'float32';
  /**
   * Threads the native engine splits the batch over. Default: chosen per model size (one for small models, up to
   * every core for large ones; engine/native/threads.ts). Ignored by the reference engine.
   */
  threads?: number;
}

export interface ForwardResult {
  /** Head output after the output activation, or null when the model has no head. */
  y: Float64Array | null;
  /** Head output before the output activation (logits), or null when the model has no head. */
  yPre: Float64Array | null;
  output: Float64Array;
  hN: Float64Array;
  cN: Float64Array | null;
  /** Hidden states of every layer at every step, (B, T, D*H) each: for trajectory plots. */
  layerStates: Float64Array[];
  /** LSTM cell states of every layer, (B, T, D*H) each; null for other families. */
  layerCellStates: Float64Array[] | null;
}

/** Gradient seeds of a scalar loss: L = sum(y*dY) + sum(yPre*dYPre) + sum(output*dOutput) + sum(hN*dhN) + sum(cN*dcN). */
export interface BackwardSeeds {
  dY?: Float64Array;
  dYPre?: Float64Array;
  dOutput?: Float64Array;
  dhN?: Float64Array;
  dcN?: Float64Array;
}

export interface Gradients {
  /** dL/dparam for every parameter of the model, same names and sizes as the weights. */
  params: Record<string, Float64Array>;
  dx: Float64Array;
  dh0: Float64Array;
  dc0: Float64Array | null;
  /** Jordan only: dL/dy0, (B, O). */
  dy0: Float64Array | null;
  /**
   * Per layer, per time step: ||dL/dh_t||, the Frobenius norm over batch and directions of the total
   * gradient reaching that layer's hidden state at step t (through the readout and through time).
   * Shape: L arrays of length T. This is the vanishing-gradient picture.
   */
  timestepGradNorms: Float64Array[];
}

export interface BackwardOptions {
  /**
   * Whether the caller needs dL/dx (default true). False lets an engine skip that product and return `dx` empty
   * (length 0): the native engine does (a training step never reads dx, and PyTorch skips it too when x needs no
   * gradient); the reference engine computes it anyway.
   */
  inputGradient?: boolean;
}

export interface ForwardPass extends ForwardResult {
  /** Backpropagation through time for the loss defined by the seeds. May be called more than once. */
  backward(seeds: BackwardSeeds, options?: BackwardOptions): Gradients;
  /**
   * Optional: the caller is done with this pass (no more backward, no reads of results not read yet), so the engine
   * may reuse its memory for the next forward pass. Arrays already returned (y, gradients, ...) stay valid; using the
   * pass afterwards throws. The native engine reuses the pass's cache buffer (a fresh one per pass cost 8-17% of a
   * small training step); engines without per-pass memory (the reference engine) leave it out, so callers write
   * `pass.release?.()`.
   */
  release?(): void;
}

export type EngineName = 'reference' | 'native';

export interface Engine {
  readonly name: EngineName;
  forward(model: Model, input: SequenceBatch, options?: ForwardOptions): ForwardPass;
}
