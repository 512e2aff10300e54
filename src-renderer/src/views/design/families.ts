// The six families with their equations (math markup of components/math/math-parts.ts). Names and sentences are
// i18n keys (design.families.<arch>); the equations are notation, the same in every language.
import type { Arch } from './spec-form';

export interface FamilyInfo {
  arch: Arch;
  equations: string[];
}

export const FAMILIES: FamilyInfo[] = [
  { arch: 'elman', equations: ['h_t = σ(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})', 'y_t = f(W_{hy} h_t + W_{xy} x_t + b_y)'] },
  { arch: 'jordan', equations: ['h_t = σ(W_{ih} x_t + W_{yh} y_{t−1} + b)', 'y_t = f(W_{hy} h_t + b_y)'] },
  { arch: 'gated', equations: ['h_t = σ(W^{(x_t)} h_{t−1} + b^{(x_t)})', 'y_t = f(W_{hy} h_t + b_y)'] },
  { arch: 'rnn', equations: ['h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t−1} + b_{hh})', 'y_t = f(W_{hy} h_t + b_y)'] },
  {
    arch: 'lstm',
    equations: [
      'i_t, f_t, o_t = σ(W_{i·} x_t + W_{h·} h_{t−1} + b), g_t = tanh(…)',
      'c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t,  h_t = o_t ⊙ tanh(c_t)',
    ],
  },
  {
    arch: 'gru',
    equations: [
      'r_t, z_t = σ(W_{i·} x_t + W_{h·} h_{t−1} + b)',
      'n_t = tanh(W_{in} x_t + r_t ⊙ (W_{hn} h_{t−1} + b_{hn}))',
      'h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}',
    ],
  },
];
