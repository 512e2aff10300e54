// Builds the ONNX model (opset 17, IR 8) of a project: graph inputs x (batch, time, I) float32 with symbolic batch
// and time, plus the initial states when asked; outputs y (batch, time, O) after the output activation (or
// `output` (batch, time, D*H) for a model without a head), h_n (L*D, batch, H) and, for lstm, c_n.
import type { Project } from '../../project/types';
import { numDirections, type ModelSpec } from '../../spec/types';
import type { ModelProto } from '../proto-types';
import type { ExportContext, RecurrentOutputs } from './context';
import { GraphBuilder } from './graph-builder';
import { headInitializers, headNodes } from './head';
import { buildElman, buildGated, buildJordan } from './scan-families';
import { buildTorchFamily } from './torch-family';

export const EXPORT_OPSET = 17;
export const EXPORT_IR_VERSION = 8;
export const PRODUCER_NAME = 'rnnlab';

export interface ExportOptions {
  /** Add graph inputs for the initial states: h0 (and c0) of shape (L*D, batch, H); y0 (batch, O) for jordan. */
  initialState?: boolean;
  /** Extra metadata properties (the exporter adds the alphabet of one-hot tasks here). */
  metadata?: Record<string, string>;
}

/** Rows of h0/h_n: L*D for the torch families, 1 for elman and gated. */
export function stateRows(spec: ModelSpec): number {
  return spec.num_layers * numDirections(spec);
}

/** The graph input names for the initial states this spec takes. */
export function stateInputs(spec: ModelSpec): { h0: boolean; c0: boolean; y0: boolean } {
  return { h0: spec.arch !== 'jordan', c0: spec.arch === 'lstm', y0: spec.arch === 'jordan' };
}

function recurrent(ctx: ExportContext): RecurrentOutputs {
  switch (ctx.spec.arch) {
    case 'rnn':
    case 'lstm':
    case 'gru':
      return buildTorchFamily(ctx);
    case 'elman':
      return buildElman(ctx);
    case 'gated':
      return buildGated(ctx);
    case 'jordan':
      return buildJordan(ctx, headInitializers(ctx));
  }
}

export function buildOnnxModel(project: Pick<Project, 'name' | 'spec' | 'weights'>, options: ExportOptions = {}): ModelProto {
  const { spec } = project;
  const g = new GraphBuilder();
  const H = spec.hidden_size;
  const S = stateRows(spec);
  const x = g.input('x', ['batch', 'time', spec.input_size]);
  const states = stateInputs(spec);
  const withState = options.initialState === true;
  const ctx: ExportContext = {
    g,
    spec,
    weights: project.weights,
    x,
    xt: g.op('Transpose', [x], { perm: { ints: [1, 0, 2] } }),
    h0: withState && states.h0 ? g.input('h0', [S, 'batch', H]) : null,
    c0: withState && states.c0 ? g.input('c0', [S, 'batch', H]) : null,
    y0: withState && states.y0 ? g.input('y0', ['batch', spec.output_size]) : null,
  };
  const out = recurrent(ctx);
  const toBatchFirst = (value: string) => g.op('Transpose', [value], { perm: { ints: [1, 0, 2] } });
  if (spec.output_size > 0) {
    const y = out.y ?? headNodes(g, headInitializers(ctx), out.features, ctx.xt, spec.output_activation);
    g.output('y', toBatchFirst(y), ['batch', 'time', spec.output_size]);
  } else {
    g.output('output', toBatchFirst(out.features), ['batch', 'time', numDirections(spec) * H]);
  }
  g.output('h_n', out.hN, [S, 'batch', H]);
  if (out.cN) g.output('c_n', out.cN, [S, 'batch', H]);

  const metadata: Record<string, string> = {
    producer: 'RNN Lab',
    project: project.name,
    architecture: spec.arch,
    'rnnlab.spec': JSON.stringify(spec),
    'rnnlab.initial_state': String(withState),
    ...options.metadata,
  };
  return {
    irVersion: EXPORT_IR_VERSION,
    opsetImport: [{ domain: '', version: EXPORT_OPSET }],
    producerName: PRODUCER_NAME,
    producerVersion: '1',
    domain: '',
    modelVersion: 1,
    docString: `${spec.arch} network exported by RNN Lab`,
    graph: g.build(project.name || 'rnnlab'),
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}
