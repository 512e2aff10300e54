// The fused head backward of small_head.h on the vectors of small_steps.h's build (8 or 16 floats): per row of the
// (time, batch) rows, dhs = sum_o dy_o V_o, dV_o += dy_o h and dc_o += dy_o, with V and the dV sums in registers.
// The sums are flushed into dV and dc every kFlush rows, so no float32 sum runs over more than kFlush terms (the
// GEMM it replaces also sums in blocks). Included only by elementwise_avx2.cpp, after small_steps.h.
#pragma once
#include "small_head.h"
#include "small_steps.h"

namespace rnnlab {
namespace {
namespace small {

constexpr std::size_t kFlush = 256;

template <int NV, int O>
void head_backward_rows(const SmallHeadBackward& a, std::size_t rows) {
  constexpr int DH = NV * kW;
  Vec v[O][NV];
  for (int o = 0; o < O; ++o)
    for (int j = 0; j < NV; ++j) v[o][j] = load(a.V + std::size_t(o) * DH + std::size_t(j) * kW);
  for (std::size_t r0 = 0; r0 < rows; r0 += kFlush) {
    const std::size_t r1 = r0 + kFlush < rows ? r0 + kFlush : rows;
    Vec dv[O][NV] = {};
    float dc[O] = {};
    for (std::size_t r = r0; r < r1; ++r) {
      const float* h = a.hs + r * DH;
      float* out = a.dhs + r * DH;
      const float* g = a.dyPre + r * std::size_t(O);
      Vec hv[NV], acc[NV];
      for (int j = 0; j < NV; ++j) hv[j] = load(h + j * kW), acc[j] = a.accumulate ? load(out + j * kW) : Vec{};
      for (int o = 0; o < O; ++o) {
        const Vec go = splat(g[o]);
        dc[o] += g[o];
        for (int j = 0; j < NV; ++j) acc[j] += go * v[o][j], dv[o][j] += go * hv[j];
      }
      for (int j = 0; j < NV; ++j) store(out + j * kW, acc[j]);
    }
    for (int o = 0; o < O; ++o) {
      if (a.dc) a.dc[o] += dc[o];
      for (int j = 0; j < NV; ++j) {
        float* d = a.dV + std::size_t(o) * DH + std::size_t(j) * kW;
        store(d, load(d) + dv[o][j]);
      }
    }
  }
}

template <int NV>
void head_backward_nv(const SmallHeadBackward& a, std::size_t rows) {
  switch (a.O) {
    case 1: return head_backward_rows<NV, 1>(a, rows);
    case 2: if constexpr (2 * NV <= 8) return head_backward_rows<NV, 2>(a, rows); else return;
    case 3: if constexpr (3 * NV <= 8) return head_backward_rows<NV, 3>(a, rows); else return;
    case 4: if constexpr (4 * NV <= 8) return head_backward_rows<NV, 4>(a, rows); else return;
    case 5: if constexpr (5 * NV <= 8) return head_backward_rows<NV, 5>(a, rows); else return;
    case 6: if constexpr (6 * NV <= 8) return head_backward_rows<NV, 6>(a, rows); else return;
    case 7: if constexpr (7 * NV <= 8) return head_backward_rows<NV, 7>(a, rows); else return;
    case 8: if constexpr (8 * NV <= 8) return head_backward_rows<NV, 8>(a, rows); else return;
    default: return;
  }
}

// Dispatch on DH / kW; the caller checked small_head_fits.
inline void head_backward(const SmallHeadBackward& a, std::size_t rows) {
  with_vectors(a.DH / kW, [&](auto nv) { head_backward_nv<decltype(nv)::value>(a, rows); });
}

}  // namespace small
}  // namespace
}  // namespace rnnlab
