// Conversion between an optimiser's live per-parameter state (counters and Float64Array buffers) and its
// checkpoint form (numbers and base64 of little-endian float64), with validation of what comes back.
import { OptimizerStateError, type OptimizerKind, type OptimizerState } from './types';

/** Live state of one parameter: counters (e.g. Adam's step) and buffers (e.g. exp_avg). */
export type ParamState = Record<string, number | Float64Array>;

/** Which fields a parameter's state may hold: their names and whether each is a counter or a buffer. */
export type StateFields = Record<string, 'counter' | 'buffer'>;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(8 * i, values[i], true);
  return Buffer.from(bytes.buffer).toString('base64');
}

/** Decodes base64 of little-endian float64 values; returns a one-line problem instead of throwing. */
export function decodeFloat64(text: string): Float64Array | string {
  if (!STRICT_BASE64.test(text)) return 'expected base64 text of little-endian float64 values';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 8 !== 0) return `expected a multiple of 8 bytes (float64), found ${bytes.byteLength} bytes`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(8 * i, true);
  return values;
}

export function encodeState(kind: OptimizerKind, live: Map<string, ParamState>): OptimizerState {
  const params: OptimizerState['params'] = {};
  for (const [name, fields] of live) {
    const out: Record<string, number | string> = {};
    for (const [key, value] of Object.entries(fields)) {
      out[key] = typeof value === 'number' ? value : encodeFloat64(value);
    }
    params[name] = out;
  }
  return { kind, params };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a checkpoint state for optimiser `kind` and decodes it; throws OptimizerStateError with one line. */
export function decodeState(kind: OptimizerKind, state: unknown, fields: StateFields): Map<string, ParamState> {
  const fail = (what: string): never => {
    throw new OptimizerStateError(`invalid ${kind} optimiser state: ${what}`);
  };
  if (!isRecord(state)) return fail('expected an object { kind, params }');
  if (state.kind !== kind) return fail(`expected kind '${kind}', found ${JSON.stringify(state.kind)}`);
  if (!isRecord(state.params)) return fail('params: expected an object keyed by parameter name');
  const live = new Map<string, ParamState>();
  for (const [name, entry] of Object.entries(state.params)) {
    if (!isRecord(entry)) return fail(`params.${name}: expected an object`);
    const decoded: ParamState = {};
    for (const [key, value] of Object.entries(entry)) {
      const type = fields[key];
      if (type === undefined) return fail(`params.${name}: unknown field '${key}' (expected ${Object.keys(fields).join(', ')})`);
      if (type === 'counter') {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
          return fail(`params.${name}.${key}: expected a whole number >= 0, found ${JSON.stringify(value)}`);
        }
        decoded[key] = value;
      } else {
        if (typeof value !== 'string') return fail(`params.${name}.${key}: expected base64 text, found ${typeof value}`);
        const buffer = decodeFloat64(value);
        if (typeof buffer === 'string') return fail(`params.${name}.${key}: ${buffer}`);
        decoded[key] = buffer;
      }
    }
    live.set(name, decoded);
  }
  return live;
}
