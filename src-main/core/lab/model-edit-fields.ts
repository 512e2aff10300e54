// The spec fields that do not apply to a family (or to a spec without an output layer), each with why: the Design
// form greys them out and shows the reason, before the user makes the mistake the validator would refuse.

const SINGLE_LAYER = ['elman', 'jordan', 'gated'];

export function notApplicableFields(input: unknown): Record<string, string> {
  if (input === null || typeof input !== 'object') return {};
  const spec = input as Record<string, unknown>;
  const arch = typeof spec.arch === 'string' ? spec.arch : '';
  const out: Record<string, string> = {};
  if (SINGLE_LAYER.includes(arch)) {
    out.num_layers = `${arch} networks have one layer`;
    out.bidirectional = `${arch} networks run forward only`;
    out.dropout = 'dropout applies between stacked layers';
  } else if ((spec.num_layers ?? 1) === 1) {
    out.dropout = 'dropout applies between stacked layers: it needs num_layers >= 2';
  }
  if (arch === 'lstm' || arch === 'gru' || arch === 'gated') out.nonlinearity = `${arch} has fixed tanh/sigmoid gates`;
  if (arch !== 'elman') out.shortcut = 'only Elman networks have an input-to-output shortcut';
  if (arch !== 'gated') out.learn_h0 = 'only gated (second-order) networks learn their initial state';
  if (arch === 'jordan') {
    out['init.spectral_radius'] = 'a Jordan network has no square recurrent matrix to rescale';
  }
  if (spec.output_size === undefined || spec.output_size === 0) {
    if (arch !== 'jordan') out.output_activation = 'needs an output layer (output_size >= 1)';
  }
  return out;
}
