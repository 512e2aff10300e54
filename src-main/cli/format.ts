// Human-readable text for the terminal: a one-line spec summary, the `info` report, aligned tables.
import { paramLayout, parameterCount, shapeSize } from '../core/spec/params';
import { numDirections, type ModelSpec } from '../core/spec/types';
import { shapeToString } from '../core/tensor';

/** `lstm: input 3, hidden 8 x 2 layers, bidirectional, output 2 (softmax), 1234 parameters`. */
export function specSummary(spec: ModelSpec): string {
  const parts = [`input ${spec.input_size}`, `hidden ${spec.hidden_size}${spec.num_layers > 1 ? ` x ${spec.num_layers} layers` : ''}`];
  if (spec.bidirectional) parts.push('bidirectional');
  if (spec.output_size > 0) {
    parts.push(`output ${spec.output_size}${spec.output_activation === 'none' ? '' : ` (${spec.output_activation})`}`);
  }
  parts.push(`${parameterCount(spec)} parameters`);
  return `${spec.arch}: ${parts.join(', ')}`;
}

export function initSummary(spec: ModelSpec): string {
  const { scheme, gain, spectral_radius, seed } = spec.init;
  const radius = spectral_radius === null ? '' : `, spectral radius ${spectral_radius}`;
  return `${scheme}, gain ${gain}${radius}, seed ${seed}`;
}

/** Rows of cells as left-aligned columns separated by two spaces, each line indented. */
export function table(rows: string[][], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/** The `rnnlab info` report: every spec field that matters for this family, then the parameters. */
export function infoText(name: string, path: string, spec: ModelSpec): string {
  const D = numDirections(spec);
  const fields: string[][] = [
    ['arch', spec.arch],
    ['input_size', String(spec.input_size)],
    ['hidden_size', String(spec.hidden_size)],
    ['num_layers', String(spec.num_layers)],
    ['bidirectional', String(spec.bidirectional)],
  ];
  if (spec.arch === 'rnn' || spec.arch === 'elman' || spec.arch === 'jordan') fields.push(['nonlinearity', spec.nonlinearity]);
  fields.push(['bias', String(spec.bias)], ['batch_first', String(spec.batch_first)]);
  if (spec.num_layers > 1) fields.push(['dropout', String(spec.dropout)]);
  const head = spec.output_size > 0 ? `Linear(${D * spec.hidden_size} -> ${spec.output_size}), ${spec.output_activation}` : 'none';
  fields.push(['output', head]);
  if (spec.arch === 'elman') fields.push(['shortcut', String(spec.shortcut)]);
  if (spec.arch === 'gated') fields.push(['learn_h0', String(spec.learn_h0)]);
  fields.push(['init', initSummary(spec)]);

  const params = paramLayout(spec).map((p) => [p.name, shapeToString(p.shape), String(shapeSize(p.shape))]);
  return [
    `${path}: project '${name}'`,
    table(fields),
    `parameters: ${parameterCount(spec)}`,
    table(params),
  ].join('\n');
}
