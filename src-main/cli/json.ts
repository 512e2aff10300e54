// JSON text that stays readable for nested number arrays: innermost arrays of numbers on one line, small flat
// objects on one line, everything else indented by two spaces. Parses back to exactly what JSON.stringify would give.

/** Objects of scalars (and scalar arrays) up to this width stay on one line: `{"name": "h0", "shape": [4]}`. */
const INLINE_WIDTH = 100;

const isScalar = (v: unknown) => v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
    }
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return '{}';
    const flat = entries.every(([, v]) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every(isScalar)));
    if (flat) {
      const inline = `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${formatJson(v)}`).join(', ')}}`;
      if (indent.length + inline.length <= INLINE_WIDTH) return inline;
    }
    const inner = indent + '  ';
    const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
