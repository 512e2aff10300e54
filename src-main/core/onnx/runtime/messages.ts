// onnxruntime's error messages made fit for one stderr line.

/**
 * onnxruntime's message as one readable line: without its C++ source location and function signature
 * ("/onnxruntime_src/...cc:45 T f(args) "), control characters (from names in damaged files) shown as '?', capped.
 */
export function oneLineMessage(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error))
    .replace(/\/onnxruntime_src\/\S+:\d+ [^(]*\([^)]*\)(?: const)? /g, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/./gu, (c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '?' : c))
    .trim();
  if (text.length === 0) return 'unknown error';
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
