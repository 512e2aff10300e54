// The interface of the fused small-H steps (small_steps.h, built for AVX2 and AVX-512 in elementwise_avx2.cpp and
// picked at run time by elementwise.cpp): when they apply, the argument blocks of one step, and how the scans pack
// W_hh^T for the forward step. Plain C++, compiled into the baseline objects; no SIMD here.
#pragma once
#include <cstddef>
#include <vector>
#include "arena.h"

namespace rnnlab {

// Floats per vector of the fused steps' build (16 AVX-512, 8 AVX2), or 0 when they are off: no AVX2 build linked
// in, the GEMM dispatcher on the generic variant, or RNNLAB_SMALL_FUSED=off (read once; for A/B and tests).
int small_width();

// Whether a float32 layer of H units takes the fused steps: H a whole number of vectors, at most 64 (a tile keeps
// its rows' H outputs in registers).
inline bool small_fits(int H) {
  const int w = small_width();
  return w > 0 && H % w == 0 && H <= 64;
}

struct SmallRnnForward {
  const float* wihT;   // (in, H) W_ih^T
  const float* whhT;   // (H, H) W_hh^T (small_pack_transpose)
  const float* bias;   // (H) b_ih + b_hh, zeros without bias
  int H, in;
  bool relu;
  const float* x;      // row b at x + b * ldx
  std::size_t ldx;
  const float* hprev;  // row b at hprev + b * ldp
  std::size_t ldp;
  float* h;            // out: h_t, row b at h + b * ld
  std::size_t ld;
};

struct SmallGruForward {
  const float* wihT;   // (in, 3H) W_ih^T (small_pack_transpose); null when small_gru_hoists
  const float* whhT;   // (H, 3H) W_hh^T (small_pack_transpose)
  int H, in;
  const float* bias;   // (3H) r, z: b_ih + b_hh; n: b_in (small_gru_bias); zeros without bias
  const float* bhn;    // (H) b_hn, zeros without bias
  const float* x;      // row b at x + b * ldx
  std::size_t ldx;
  const float* hprev;  // row b at hprev + b * ldp
  std::size_t ldp;
  float* gates;        // (B, 3H) out: activated r, z, n (what backward reads); in: x W_ih^T if small_gru_hoists
  float* ghn;          // (B, H) out: W_hn h_{t-1} + b_hn
  float* h;            // out: h_t, row b at h + b * ld
  std::size_t ld;
};

enum class SmallKind { rnn_tanh, rnn_relu, lstm, gru };

struct SmallBackward {
  SmallKind kind;
  const float* whh;    // (GH, H) W_hh as stored
  int H, G;
  const float* above;  // (B, ld) gradient from above
  std::size_t ld;
  float* rec;          // (B, H) in: dL/dh_t through time; out: dL/dh_{t-1}
  float* dG;           // (B, GH) written: d(input projection); rnn/lstm: also the recurrent one
  float* dGh;          // (B, GH) gru: d(recurrent projection), only its n column written (r, z: read dG's); else == dG
  const float* hs;     // rnn: this step's hidden states (stride ld)
  const float* gates;  // lstm (B, 4H), gru (B, 3H): activated gates
  const float* aux;    // lstm tanh(c_t) (B, H), gru W_hn h + b_hn (B, H)
  const float* prev;   // lstm c_{t-1}, gru h_{t-1} (stride ldp)
  std::size_t ldp;
  float* dcrec;        // lstm (B, H): dL/dc through time
  float* sum_dG;       // (GH) += column sums of dG, or null (no bias)
  float* sum_dGh;      // (GH) gru: its n part += column sums of dGh's n column
};

// One forward step of B rows (rnn/elman); one backward step, returning ||dh_t||^2 over the rows.
void small_rnn_forward(const SmallRnnForward& a, int B);
void small_gru_forward(const SmallGruForward& a, int B);
float small_backward(const SmallBackward& a, int B);

// W (N, H) -> its transpose (H, N), cache-line aligned (the tiles load its rows as whole vectors).
inline Scratch<float> small_pack_transpose(const float* w, int N, int H) {
  Scratch<float> t(std::size_t(N) * std::size_t(H));
  for (std::size_t j = 0; j < std::size_t(N); ++j)
    for (std::size_t k = 0; k < std::size_t(H); ++k) t[k * std::size_t(N) + j] = w[j * std::size_t(H) + k];
  return t;
}

// Whether the fused gru step takes x W_ih^T from one GEMM over all steps (into the gates) instead of summing it in
// the tile: for wide inputs, where the tile's n input sum (a chain of I products) cost more than the GEMM (harness
// forward, gru I=64 H=32: in the tile 1.22x, I=32 H=16 1.07x the hoisted time; I=4: 0.93x).
inline bool small_gru_hoists(int in) { return in > 8; }

// The fused gru step's bias (3H) from b_ih, b_hh (3H each; either may be null): b_ir + b_hr, b_iz + b_hz, then b_in
// alone (b_hn sits inside r * (W_hn h + b_hn), SmallGruForward::bhn).
inline std::vector<float> small_gru_bias(const float* bih, const float* bhh, int H) {
  const std::size_t h = std::size_t(H);
  std::vector<float> bias(3 * h, 0.0f);
  for (std::size_t j = 0; j < 3 * h; ++j) bias[j] = (bih ? bih[j] : 0.0f) + (bhh && j < 2 * h ? bhh[j] : 0.0f);
  return bias;
}

}  // namespace rnnlab
