// What `rnnlab info` prints about a project: the spec's headline numbers, the parameter count and each tensor.
import { escapeControl } from '../util/escape';
import { paramLayout, parameterCount } from '../spec/params';
import { numDirections, type InitScheme, type Architecture } from '../spec/types';
import { shapeToString } from '../tensor';
import type { Project } from './types';

export interface ProjectSummaryInfo {
  name: string;
  arch: Architecture;
  input_size: number;
  hidden_size: number;
  num_layers: number;
  bidirectional: boolean;
  directions: number;
  nonlinearity: string;
  bias: boolean;
  output_size: number;
  output_activation: string;
  init: { scheme: InitScheme; gain: number; spectral_radius: number | null; seed: number };
  /** Total number of scalars over all parameters. */
  parameters: number;
  tensors: { name: string; shape: number[]; count: number }[];
  created: string;
  modified: string;
}

export function projectSummary(project: Project): ProjectSummaryInfo {
  const s = project.spec;
  return {
    name: project.name,
    arch: s.arch,
    input_size: s.input_size,
    hidden_size: s.hidden_size,
    num_layers: s.num_layers,
    bidirectional: s.bidirectional,
    directions: numDirections(s),
    nonlinearity: s.nonlinearity,
    bias: s.bias,
    output_size: s.output_size,
    output_activation: s.output_activation,
    init: { ...s.init },
    parameters: parameterCount(s),
    tensors: paramLayout(s).map((p) => ({ name: p.name, shape: [...p.shape], count: p.shape.reduce((a, b) => a * b, 1) })),
    created: project.created,
    modified: project.modified,
  };
}

/** The summary as aligned text lines, for a terminal. */
export function formatProjectSummary(info: ProjectSummaryInfo): string {
  const layers = `${info.num_layers} layer${info.num_layers > 1 ? 's' : ''}${info.bidirectional ? ', bidirectional' : ''}`;
  const head = info.output_size > 0 ? `Linear(${info.directions * info.hidden_size} -> ${info.output_size}), ${info.output_activation}` : 'none';
  const radius = info.init.spectral_radius === null ? '' : `, spectral radius ${info.init.spectral_radius}`;
  const rows: [string, string][] = [
    ['name', escapeControl(info.name)],
    ['arch', `${info.arch} (${layers})`],
    ['sizes', `input ${info.input_size}, hidden ${info.hidden_size}`],
    ['nonlinearity', `${info.nonlinearity}, bias ${info.bias ? 'on' : 'off'}`],
    ['head', head],
    ['init', `${info.init.scheme}, gain ${info.init.gain}${radius}, seed ${info.init.seed}`],
    ['parameters', `${info.parameters} in ${info.tensors.length} tensors`],
    ...info.tensors.map((t): [string, string] => [`  ${t.name}`, `${shapeToString(t.shape)} ${t.count}`]),
    ['created', info.created],
    ['modified', info.modified],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
