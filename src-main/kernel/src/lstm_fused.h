// The fused float32 LSTM time step (x86-64 AVX-512 only): per step one pass over [x_t, h_{t-1}] against the packed
// [W_ih; W_hh]^T, whose register tiles run the gate math before anything is stored (no hoisted input projection,
// no separate elementwise sweep, no pre-activation array). scan_forward.cpp uses it for float32 lstm layers when the
// GEMM dispatcher chose AVX-512 and H is a multiple of 16; otherwise the GEMM + gate_steps.h path runs.
// Not a general GEMM: the panel layout below is private to lstm_fused_avx512.cpp.
#pragma once
#include <cstddef>

namespace rnnlab {
namespace lstm_fused {

// Units per block: one 512-bit vector of each gate; a panel holds (in + H) rows of [i f g o] x 16 units.
constexpr int kUnits = 16;

// Floats of packed weights for a layer of `in` inputs and H units (H a multiple of kUnits).
inline std::size_t packed_size(int in, int H) { return std::size_t(4) * std::size_t(H) * std::size_t(in + H); }

// Packs W_ih (4H, in), W_hh (4H, H) and b_ih + b_hh (either may be null) into `panels` (packed_size floats) and
// `bias` (4H floats, in the panels' order); the values are stored scaled as the step's activations take them
// (-log2 e for the i, f and o gates, -2 log2 e for g). Call only when ready() said yes.
void pack(const float* w_ih, const float* w_hh, const float* b_ih, const float* b_hh, int in, int H, float* panels,
          float* bias);

// One step over B rows: x (B, in) rows ldx apart, hprev and cprev rows ldp apart; writes c and h (rows ld apart)
// and, when `gates` is not null, the activated gates (B, 4H: i, f, g, o, as gate_steps.h stores them) and
// tanhc (B, H) that backward reads.
void step(const float* panels, const float* bias, int in, int H, int B, const float* x, std::size_t ldx,
          const float* hprev, const float* cprev, std::size_t ldp, float* c, float* h, std::size_t ld, float* gates,
          float* tanhc);

}  // namespace lstm_fused
}  // namespace rnnlab
