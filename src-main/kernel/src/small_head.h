// The interface of the fused head backward for small heads (small_head_steps.h, built for AVX2 and AVX-512 in
// elementwise_avx2.cpp and picked at run time by elementwise.cpp): when it applies, and its argument block.
// Plain C++, compiled into the baseline objects; no SIMD here.
#pragma once
#include <cstddef>
#include "small_pack.h"

namespace rnnlab {

// Whether a float32 head of O outputs over DH state units takes the fused pass: DH a whole number of vectors, at
// most 64, and O small enough that V and the dV sums stay in registers (O x DH/width <= 8 vectors).
inline bool small_head_fits(int O, int DH) {
  const int w = small_width();
  return w > 0 && O >= 1 && DH % w == 0 && DH <= 64 && O * (DH / w) <= 8;
}

struct SmallHeadBackward {
  const float* V;      // (O, DH) head weights
  const float* hs;     // (rows, DH) last layer's states
  const float* dyPre;  // (rows, O) gradient at the head's pre-activation
  float* dV;           // (O, DH) +=
  float* dc;           // (O) +=, or null (no head bias)
  float* dhs;          // (rows, DH) = dyPre V (+ dhs when accumulate)
  bool accumulate;
  int O, DH;
};

// One pass over the rows: dhs = dyPre V (+ dhs), dV += dyPre^T hs, dc += column sums of dyPre; the same as
// head_backward's three products (one pass over hs and dhs instead of three).
void small_head_backward(const SmallHeadBackward& a, std::size_t rows);

}  // namespace rnnlab
