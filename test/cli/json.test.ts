// The CLI's JSON layout: readable (innermost number arrays and small flat objects on one line) and lossless.
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src-main/cli/json';

describe('formatJson', () => {
  const value = {
    name: 'demo',
    init: { scheme: 'orthogonal', gain: 1.5, spectral_radius: null, seed: 7 },
    tensors: [{ name: 'weight_hh_l0', shape: [16, 4], count: 64 }],
    y: [[[0.1, -2.5e-17], [1 / 3, 1e300]]],
    empty: [],
    nothing: {},
  };

  it('parses back to the same value, float64 digits included', () => {
    expect(JSON.parse(formatJson(value))).toEqual(value);
  });

  it('keeps number rows and small records on one line each', () => {
    expect(formatJson(value).split('\n')).toEqual([
      '{',
      '  "name": "demo",',
      '  "init": {"scheme": "orthogonal", "gain": 1.5, "spectral_radius": null, "seed": 7},',
      '  "tensors": [',
      '    {"name": "weight_hh_l0", "shape": [16, 4], "count": 64}',
      '  ],',
      '  "y": [',
      '    [',
      '      [0.1, -2.5e-17],',
      '      [0.3333333333333333, 1e+300]',
      '    ]',
      '  ],',
      '  "empty": [],',
      '  "nothing": {}',
      '}',
    ]);
  });
});
