// Messages between the onnxruntime worker (worker.ts) and its client (client.ts), and the tensor form both sides
// use: element type, dims, and a typed array (transferred, not copied, where possible).

export const ELEMENT_TYPES = ['float32', 'float64', 'int32', 'int64', 'bool'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

export interface WireTensor {
  type: ElementType;
  dims: number[];
  data: TensorData;
}

export interface SessionSettings {
  /** Threads inside one operator (onnxruntime's intra-op pool); 1 by default, the machine is shared. */
  intraOpThreads: number;
  /** Threads running independent operators at once; 1 by default (sequential execution). */
  interOpThreads: number;
}

export type WorkerRequest =
  | { id: number; op: 'load'; key: string; bytes: Uint8Array; settings: SessionSettings }
  | { id: number; op: 'run'; key: string; feeds: Record<string, WireTensor>; outputs?: string[] }
  | { id: number; op: 'time'; key: string; feeds: Record<string, WireTensor>; warmup: number; repeat: number }
  | { id: number; op: 'release'; key: string };

export type WorkerReply =
  | { id: number; ok: true; outputs?: Record<string, WireTensor>; names?: { inputs: string[]; outputs: string[] }; timesMs?: number[] }
  | { id: number; ok: false; stage: 'load' | 'run' | 'cache'; message: string };
