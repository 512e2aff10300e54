// The fused float32 LSTM step of lstm_fused.h in AVX-512 intrinsics (built with -mavx512f/vl/bw/dq -mfma in the
// rnnlab_kernel_avx512 target, x86-64 only; called only after scan_forward.cpp found the GEMM on AVX-512).
// Per block of 16 units and tile of up to 6 batch rows: 24 accumulators (6 rows x 4 gates) start at the bias, take
// the in + H multiply-adds of [x_t, h_{t-1}] against the block's panel, and are activated in registers (sigmoid and
// tanh through 2^t, fastmath.h's kExp2P polynomial with vreduceps/vscalefps; pack() stores the columns pre-scaled to
// t); only c, h (and for backward the gates and tanh(c)) are stored.
// No standard-library templates here, so no AVX-512 copy of one can reach baseline code through the linker.
#include <immintrin.h>
#include <cstddef>
#include "exp2_avx512.h"
#include "fastmath.h"
#include "lstm_fused.h"

namespace rnnlab {
namespace lstm_fused {
namespace {

constexpr int kRows = 6;  // 24 accumulators + 4 panel vectors + 1 broadcast of the 32 ZMM registers
constexpr int kWidth = 4 * kUnits;

using exp2act::sigmoid16_of_t;
using exp2act::tanh16_of_t;

// acc[r][g] += sum over k < count of a[r][k] * panel row k (the 4 gates' 16 units of this block); returns the panel
// position after those rows. Inlined into tile: one loop body for the input and the recurrent half of the product.
template <int R>
__attribute__((always_inline)) inline const float* accumulate_rows(__m512 (&acc)[R][4], const float* __restrict p,
                                                                   const float* __restrict a, std::size_t lda,
                                                                   int count) {
  for (int k = 0; k < count; ++k, p += kWidth) {
    const __m512 w0 = _mm512_loadu_ps(p), w1 = _mm512_loadu_ps(p + 16), w2 = _mm512_loadu_ps(p + 32),
                 w3 = _mm512_loadu_ps(p + 48);
    for (int r = 0; r < R; ++r) {
      const __m512 ar = _mm512_set1_ps(a[std::size_t(r) * lda + std::size_t(k)]);
      acc[r][0] = _mm512_fmadd_ps(ar, w0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(ar, w1, acc[r][1]);
      acc[r][2] = _mm512_fmadd_ps(ar, w2, acc[r][2]);
      acc[r][3] = _mm512_fmadd_ps(ar, w3, acc[r][3]);
    }
  }
  return p;
}

// Rows [0, R) of one step for the unit block whose columns start at u (a multiple of 16); pointers at row 0.
template <int R>
void tile(const float* __restrict panel, const float* __restrict bias, int in, int H, const float* __restrict x,
          std::size_t ldx, const float* __restrict hprev, const float* __restrict cprev, std::size_t ldp,
          float* __restrict c, float* __restrict h, std::size_t ld, float* __restrict gates,
          float* __restrict tanhc, int u) {
  __m512 acc[R][4];
  for (int g = 0; g < 4; ++g) {
    const __m512 b = _mm512_loadu_ps(bias + g * kUnits);
    for (int r = 0; r < R; ++r) acc[r][g] = b;
  }
  const float* p = accumulate_rows<R>(acc, panel, x, ldx, in);  // [x_t] against the W_ih rows of the panel
  accumulate_rows<R>(acc, p, hprev, ldp, H);                      // [h_{t-1}] against the W_hh rows after them
  const std::size_t G4 = 4 * std::size_t(H);
  // Two sweeps over the tile's rows, unrolled: the four gates and c of every row (independent chains), then tanh(c)
  // and h; c of row r waits in acc[r][0], o in acc[r][3].
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
    const __m512 i = sigmoid16_of_t(acc[r][0]), f = sigmoid16_of_t(acc[r][1]), g = tanh16_of_t(acc[r][2]),
                 o = sigmoid16_of_t(acc[r][3]);
    const __m512 cn = _mm512_fmadd_ps(f, _mm512_loadu_ps(cprev + std::size_t(r) * ldp + u), _mm512_mul_ps(i, g));
    _mm512_storeu_ps(c + std::size_t(r) * ld + u, cn);
    if (gates) {
      float* gr = gates + std::size_t(r) * G4 + u;
      _mm512_storeu_ps(gr, i);
      _mm512_storeu_ps(gr + H, f);
      _mm512_storeu_ps(gr + 2 * H, g);
      _mm512_storeu_ps(gr + 3 * H, o);
    }
    acc[r][0] = cn, acc[r][3] = o;
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r) {
    const __m512 tc = tanh16_of_t(_mm512_mul_ps(acc[r][0], _mm512_set1_ps(-2.0f * kLog2e)));
    _mm512_storeu_ps(h + std::size_t(r) * ld + u, _mm512_mul_ps(acc[r][3], tc));
    if (gates) _mm512_storeu_ps(tanhc + std::size_t(r) * std::size_t(H) + u, tc);
  }
}

using TileFn = void (*)(const float*, const float*, int, int, const float*, std::size_t, const float*, const float*,
                        std::size_t, float*, float*, std::size_t, float*, float*, int);
constexpr TileFn kTiles[kRows + 1] = {nullptr, &tile<1>, &tile<2>, &tile<3>, &tile<4>, &tile<5>, &tile<6>};

}  // namespace

void pack(const float* w_ih, const float* w_hh, const float* b_ih, const float* b_hh, int in, int H, float* panels,
          float* bias) {
  const std::size_t K = std::size_t(in + H);
  // The pre-activations as the activations take them: t = -x log2 e for sigmoid16_of_t (i, f, o), -2 x log2 e for
  // tanh16_of_t (g). Each packed value is the double product rounded once: within half an ulp of exact.
  constexpr double log2e = 1.44269504088896341;  // kLog2e to double precision
  const double scale[4] = {-log2e, -log2e, -2.0 * log2e, -log2e};
  for (int u = 0; u < H; u += kUnits) {
    float* panel = panels + std::size_t(u) * 4 * K;  // block u / 16 starts after u / 16 panels of K * 64 floats
    for (std::size_t k = 0; k < K; ++k)
      for (int g = 0; g < 4; ++g)
        for (int j = 0; j < kUnits; ++j) {
          const std::size_t row = std::size_t(g) * std::size_t(H) + std::size_t(u + j);  // row of W_ih / W_hh
          panel[k * kWidth + std::size_t(g * kUnits + j)] =
              float(scale[g] * (k < std::size_t(in) ? w_ih[row * std::size_t(in) + k]
                                                    : w_hh[row * std::size_t(H) + (k - std::size_t(in))]));
        }
    for (int g = 0; g < 4; ++g)
      for (int j = 0; j < kUnits; ++j) {
        const std::size_t row = std::size_t(g) * std::size_t(H) + std::size_t(u + j);
        bias[std::size_t(u) * 4 + std::size_t(g * kUnits + j)] =
            float(scale[g] * ((b_ih ? b_ih[row] : 0.0f) + (b_hh ? b_hh[row] : 0.0f)));
      }
  }
}

void step(const float* panels, const float* bias, int in, int H, int B, const float* x, std::size_t ldx,
          const float* hprev, const float* cprev, std::size_t ldp, float* c, float* h, std::size_t ld, float* gates,
          float* tanhc) {
  const std::size_t K = std::size_t(in + H), G4 = 4 * std::size_t(H);
  // Unit blocks outer: a block's panel ((in + H) x 64 floats) stays in L2 while every row tile sweeps it.
  for (int u = 0; u < H; u += kUnits) {
    const float* panel = panels + std::size_t(u) * 4 * K;
    const float* b = bias + std::size_t(u) * 4;
    // As few tiles as 6-row tiles allow, their rows spread evenly (32 rows: 6,6,5,5,5,5 rather than 6 x 5 + 2).
    const int tiles = (B + kRows - 1) / kRows;
    for (int t = 0, r0 = 0, rows = 0; t < tiles; ++t, r0 += rows) {
      rows = (B - r0) / (tiles - t);
      const std::size_t r = std::size_t(r0);
      kTiles[rows](panel, b, in, H, x + r * ldx, ldx, hprev + r * ldp, cprev + r * ldp, ldp, c + r * ld, h + r * ld, ld,
                   gates ? gates + r * G4 : nullptr, gates ? tanhc + r * std::size_t(H) : nullptr, u);
    }
  }
}

}  // namespace lstm_fused
}  // namespace rnnlab
