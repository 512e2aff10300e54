// Human-readable text for the terminal: a one-line spec summary and aligned tables.
// (The `info` report is the core's formatProjectSummary, shared with the other hosts.)
import { parameterCount } from '../core/spec/params';
import type { ModelSpec } from '../core/spec/types';

/** `lstm, input 3, hidden 8 x 2 layers, bidirectional, output 2 (softmax), 1234 parameters`. */
export function specSummary(spec: ModelSpec): string {
  const parts = [`input ${spec.input_size}`, `hidden ${spec.hidden_size}${spec.num_layers > 1 ? ` x ${spec.num_layers} layers` : ''}`];
  if (spec.bidirectional) parts.push('bidirectional');
  if (spec.output_size > 0) {
    parts.push(`output ${spec.output_size}${spec.output_activation === 'none' ? '' : ` (${spec.output_activation})`}`);
  }
  parts.push(`${parameterCount(spec)} parameters`);
  return [spec.arch, ...parts].join(', ');
}

/** Rows of cells as left-aligned columns separated by two spaces, each line indented. */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}
