// Contract types for the ONNX workbench: export with its verification report, describe, run and import any model.
import type { ErrorCode, MessageParams } from './messages';

export interface OnnxExportReport {
  opset: number;
  bytes: number;
  nodes: number;
  /** Worst absolute and relative difference between onnxruntime and the engine, per output. */
  worstDifference: { output: string; absolute: number; relative: number }[];
  /** Where the file went (Electron: the path; browser mode: null, it came back as a download). */
  path: string | null;
  /** Handle of the exported model, ready to open in the workbench. */
  modelId: string;
}

export interface OnnxValueInfo {
  name: string;
  type: string;
  /** A size, a symbolic name, or null per axis; null for an unknown rank. */
  shape: (number | string | null)[] | null;
}

export interface OnnxNodeInfo {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
}

export interface OnnxModelView {
  /** Handle for runOnnx / importOnnx (kept by the service until closeOnnx or the session ends). */
  modelId: string;
  fileName: string;
  bytes: number;
  irVersion: number;
  opset: number | null;
  producer: string;
  metadata: Record<string, string>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  nodes: OnnxNodeInfo[];
  /** Whether RNN Lab can import this graph as a project, and the one-line reason when it cannot. */
  importable: { ok: boolean; reason: string | null; code?: ErrorCode; params?: MessageParams };
}

export interface OnnxRunRequest {
  modelId: string;
  /** By input name: nested arrays of numbers (the input's shape). */
  inputs: Record<string, unknown>;
  /** Time limit in seconds (default 30). */
  timeoutSeconds?: number;
}

export interface OnnxTensorView {
  name: string;
  type: string;
  shape: number[];
  /** Nested arrays in the tensor's shape. */
  data: unknown;
}

export interface OnnxRunView {
  outputs: OnnxTensorView[];
  milliseconds: number;
}
