// Weight encoding of the project file: float32, little-endian on every platform (DataView), then base64.
// Decoding is strict: standard base64 alphabet with padding, exactly 4 bytes per value, nothing else.

/** Base64 characters that `count` float32 values take (4 bytes each, padded to a multiple of 4 characters). */
export function base64Length(count: number): number {
  return 4 * Math.ceil((4 * count) / 3);
}

/** Rounds each value to float32 and encodes the little-endian bytes as base64. */
export function encodeFloat32(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Whether the character code is in the standard base64 alphabet (A-Z a-z 0-9 + /). */
function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * Where strict base64 (length a multiple of 4, "=" only as the last one or two characters) breaks, or -1. A loop,
 * not a regular expression: a backtracking regex overflows the stack on strings of a few megabytes.
 */
function firstBase64Problem(text: string): number {
  if (text.length % 4 !== 0) return text.length;
  let end = text.length;
  while (end > 0 && text.length - end < 2 && text.charCodeAt(end - 1) === 61) end--;
  for (let i = 0; i < end; i++) if (!isBase64Char(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * Decodes `count` little-endian float32 values from base64 into float64. Returns a one-line problem (no file name,
 * no field path) instead of throwing, so callers can say where it was found.
 */
export function decodeFloat32(text: string, count: number): { values: Float64Array } | { problem: string } {
  const expected = base64Length(count);
  if (text.length !== expected) {
    return {
      problem: `expected ${count} float32 values (${4 * count} bytes, ${expected} base64 characters), found ${text.length} base64 characters`,
    };
  }
  if (firstBase64Problem(text) >= 0) {
    const bad = text.search(/[^A-Za-z0-9+/=]/);
    const where = bad >= 0 ? `the character ${JSON.stringify(text[bad])} at offset ${bad}` : 'misplaced "=" padding';
    return { problem: `expected base64 (A-Z a-z 0-9 + / and "=" padding), found ${where}` };
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== 4 * count) {
    return { problem: `expected ${4 * count} bytes of float32 data, found ${bytes.byteLength}` };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(4 * i, true);
  return { values };
}

/** Index of the first NaN or infinite value, or -1. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Row-major flat index -> "[i, j, k]" for messages. */
export function indexToString(flat: number, shape: readonly number[]): string {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return `[${out.join(', ')}]`;
}
