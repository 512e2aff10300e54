// Fused float32 time steps for small layers (H a multiple of the vector width, H <= 64): per tile of batch rows, the
// recurrent product runs from registers straight into the step's elementwise math, with no GEMM call, no packing of
// A and no second sweep over the step's block.
//   forward (rnn/elman): h_t = f(b + x_t W_ih^T + h_{t-1} W_hh^T), both products into the same registers;
//   forward (gru): x_t W_ih^T (r, z) and h_{t-1} W_hh^T (r, z, n) in registers, then the gate math;
//   backward (rnn/elman, lstm, gru): the gate derivatives of the tile's rows (gate_steps.h's row math on vectors), then
//   dh_{t-1} = dGh W_hh (+ gru's direct z * dh path) from the same rows while they are in L1.
// Included only by elementwise_avx2.cpp (compiled twice: AVX2/FMA and AVX-512 flags); GCC vector extensions give
// the vector width of the build (8 or 16 floats). Internal linkage throughout, like gate_steps.h. Not a general GEMM:
// W_hh is read as the model stores it (GH, H); the forward reads W_ih^T and W_hh^T (small_pack.h).
#pragma once
#include <cstddef>
#include <cstring>
#include <immintrin.h>
#include <type_traits>
#include "gate_steps.h"
#if defined(__AVX512F__)
#include "exp2_avx512.h"
#endif
#include "small_pack.h"

#if !defined(__AVX2__)
#error "small_steps.h is compiled only into the AVX2 and AVX-512 builds"
#endif

namespace rnnlab {
namespace {
namespace small {

#if defined(__AVX512F__)
constexpr int kW = 16;    // floats per vector
constexpr int kAcc = 24;  // accumulators of a tile (of 32 registers: the rest hold broadcasts and weight rows)
#else
constexpr int kW = 8;
constexpr int kAcc = 12;  // of 16 registers (weight rows come in as memory operands of the FMAs)
#endif
typedef float Vec __attribute__((vector_size(kW * sizeof(float))));

inline Vec load(const float* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, Vec v) { std::memcpy(p, &v, sizeof v); }
// A broadcast (Vec{} + s would cost an add first: 0 + s is not s for s = -0).
#if defined(__AVX512F__)
inline Vec splat(float s) { return Vec(_mm512_set1_ps(s)); }
#else
inline Vec splat(float s) { return Vec(_mm256_set1_ps(s)); }
#endif
inline float lanes_sum(Vec v) {
  float s = 0;
  for (int l = 0; l < kW; ++l) s += v[l];
  return s;
}

#if defined(__AVX512F__)
// exp2_avx512.h's activations through 2^t (shared with the fused LSTM step), from the pre-activation x.
inline Vec tanh_vec(Vec x) { return Vec(exp2act::tanh16_of_t(__m512(x * (-2.0f * kLog2e)))); }
inline Vec sigmoid_vec(Vec x) { return Vec(exp2act::sigmoid16_of_t(__m512(x * -kLog2e))); }
#else
// AVX2 keeps fastmath.h's rational tanh (the clamp and degree 13/6 rational function of fast_tanh): an AVX2 form of
// the 2^t activations (clamp, floor, exponent bits) ran the rnn forward 4% slower on Zen 4 and has more
// instructions; on CPUs whose adds share the FMA ports it would not save them either.
inline Vec tanh_vec(Vec x) {
  return rational_tanh(x, [](float s) { return splat(s); });
}

// fast_sigmoid: 1/2 + tanh(x / 2) / 2.
inline Vec sigmoid_vec(Vec x) { return 0.5f + 0.5f * tanh_vec(0.5f * x); }
#endif

// ---- forward, rnn/elman ----------------------------------------------------------------------------------------

// Rows [r0, r0 + R) of one step; NH = H / kW vectors per row.
template <bool Relu, int NH, int R>
__attribute__((always_inline)) inline void rnn_forward_tile(const SmallRnnForward& a, int r0) {
  constexpr int H = NH * kW;
  Vec acc[R][NH];
  const float* hp = a.hprev + std::size_t(r0) * a.ldp;
  const float* x = a.x + std::size_t(r0) * a.ldx;
  float* h = a.h + std::size_t(r0) * a.ld;
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NH; ++v) acc[r][v] = load(a.bias + v * kW);
  const float* m = a.wihT;
  for (int k = 0; k < a.in; ++k, m += H) {
    Vec w[NH];
    for (int v = 0; v < NH; ++v) w[v] = load(m + v * kW);
    for (int r = 0; r < R; ++r) {
      const Vec xr = splat(x[std::size_t(r) * a.ldx + std::size_t(k)]);
      for (int v = 0; v < NH; ++v) acc[r][v] += xr * w[v];
    }
  }
  m = a.whhT;
  for (int k = 0; k < H; ++k, m += H) {
    Vec w[NH];
    for (int v = 0; v < NH; ++v) w[v] = load(m + v * kW);
    for (int r = 0; r < R; ++r) {
      const Vec x = splat(hp[std::size_t(r) * a.ldp + std::size_t(k)]);
      for (int v = 0; v < NH; ++v) acc[r][v] += x * w[v];
    }
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NH; ++v) {
      const Vec z = acc[r][v];
      store(h + std::size_t(r) * a.ld + std::size_t(v) * kW, Relu ? (z > Vec{} ? z : Vec{}) : tanh_vec(z));
    }
}

// The rows left after whole tiles of RMax rows: one tile of exactly `rest` rows (rest < RMax).
template <bool Relu, int NH, int R>
void rnn_forward_rest(const SmallRnnForward& a, int r0, int rest) {
  if constexpr (R > 0) {
    if (rest == R) return rnn_forward_tile<Relu, NH, R>(a, r0);
    rnn_forward_rest<Relu, NH, R - 1>(a, r0, rest);
  }
}

template <bool Relu, int NH>
void rnn_forward_rows(const SmallRnnForward& a, int B) {
  constexpr int RMax = kAcc / NH;
  int r0 = 0;
  for (; r0 + RMax <= B; r0 += RMax) rnn_forward_tile<Relu, NH, RMax>(a, r0);
  if (r0 < B) rnn_forward_rest<Relu, NH, RMax - 1>(a, r0, B - r0);
}

// ---- forward, gru ---------------------------------------------------------------------------------------------

// Rows [r0, r0 + R) of one gru step. The tile's registers hold 3H outputs per row: r and z start at their folded
// bias and take x_t W_ih^T and h_{t-1} W_hh^T; n's recurrent part starts at b_hn and takes h_{t-1} W_hn^T only (it is
// scaled by r), and n's input part (I products per vector) is summed in the gate math, where no register is needed
// across the K loop: r, z = sigma(..), n = tanh(b_in + x_t W_in^T + r (gh_n + b_hn)), h = (1 - z) n + z h_{t-1}.
// Hoisted (wide inputs, small_gru_hoists): x W_ih^T of every step was one GEMM into gates; the tile starts r and z
// at it plus the bias and reads n's input part from it.
template <int NH, int R, bool Hoisted>
__attribute__((always_inline)) inline void gru_forward_tile(const SmallGruForward& a, int r0) {
  constexpr int H = NH * kW, N = 3 * NH;
  Vec acc[R][N];
  for (int r = 0; r < R; ++r) {
    const float* gx = a.gates + std::size_t(r0 + r) * 3 * H;
    for (int j = 0; j < 2 * NH; ++j) acc[r][j] = Hoisted ? load(a.bias + j * kW) + load(gx + j * kW) : load(a.bias + j * kW);
    for (int v = 0; v < NH; ++v) acc[r][2 * NH + v] = load(a.bhn + v * kW);
  }
  const float* x = a.x + std::size_t(r0) * a.ldx;
  const float* m = a.wihT;
  for (int k = 0; k < (Hoisted ? 0 : a.in); ++k, m += 3 * H) {
    for (int r = 0; r < R; ++r) {
      const Vec xr = splat(x[std::size_t(r) * a.ldx + std::size_t(k)]);
      for (int j = 0; j < 2 * NH; ++j) acc[r][j] += xr * load(m + j * kW);
    }
  }
  const float* hp = a.hprev + std::size_t(r0) * a.ldp;
  m = a.whhT;
  for (int k = 0; k < H; ++k, m += 3 * H) {
    for (int r = 0; r < R; ++r) {
      const Vec hr = splat(hp[std::size_t(r) * a.ldp + std::size_t(k)]);
      for (int j = 0; j < N; ++j) acc[r][j] += hr * load(m + j * kW);
    }
  }
  for (int r = 0; r < R; ++r) {
    const std::size_t b = std::size_t(r0 + r);
    float* g = a.gates + b * 3 * H;
    const float* xr = x + std::size_t(r) * a.ldx;
    const float* hprev = hp + std::size_t(r) * a.ldp;
    for (int v = 0; v < NH; ++v) {
      const int o = v * kW;
      Vec xn = load(a.bias + 2 * H + o);
      if constexpr (Hoisted) {
        xn += load(g + 2 * H + o);
      } else {
        for (int k = 0; k < a.in; ++k) xn += splat(xr[k]) * load(a.wihT + std::size_t(k) * 3 * H + 2 * H + o);
      }
      const Vec rg = sigmoid_vec(acc[r][v]);
      const Vec zg = sigmoid_vec(acc[r][NH + v]);
      const Vec hn = acc[r][2 * NH + v];
      const Vec ng = tanh_vec(xn + rg * hn);
      store(g + o, rg), store(g + H + o, zg), store(g + 2 * H + o, ng);
      store(a.ghn + b * H + o, hn);
      store(a.h + b * a.ld + o, (1.0f - zg) * ng + zg * load(hprev + o));
    }
  }
}

template <int NH, int R, bool Hoisted>
void gru_forward_rest(const SmallGruForward& a, int r0, int rest) {
  if constexpr (R > 0) {
    if (rest == R) return gru_forward_tile<NH, R, Hoisted>(a, r0);
    gru_forward_rest<NH, R - 1, Hoisted>(a, r0, rest);
  }
}

template <int NH, bool Hoisted>
void gru_forward_rows(const SmallGruForward& a, int B) {
  constexpr int RMax = kAcc / (3 * NH) > 0 ? kAcc / (3 * NH) : 1;
  int r0 = 0;
  for (; r0 + RMax <= B; r0 += RMax) gru_forward_tile<NH, RMax, Hoisted>(a, r0);
  if (r0 < B) gru_forward_rest<NH, RMax - 1, Hoisted>(a, r0, B - r0);
}

template <int NH>
void gru_forward_any(const SmallGruForward& a, int B) {
  if (small_gru_hoists(a.in)) return gru_forward_rows<NH, true>(a, B);
  gru_forward_rows<NH, false>(a, B);
}

// ---- backward, rnn/elman, lstm, gru ---------------------------------------------------------------------------

// sum (n, a multiple of kW) += the R rows of m (n columns of each, rows `stride` apart): one load and store of each
// sum vector per tile.
template <int R>
__attribute__((always_inline)) inline void add_rows(float* sum, const float* m, std::size_t n, std::size_t stride) {
  for (std::size_t j = 0; j < n; j += kW) {
    Vec v = load(sum + j);
    for (int r = 0; r < R; ++r) v += load(m + std::size_t(r) * stride + j);
    store(sum + j, v);
  }
}

// acc[r] += the R rows' columns [k0, k1) of g (rows `stride` apart) times rows [k0, k1) of W_hh (GH, H).
template <int NH, int R>
__attribute__((always_inline)) inline void add_products(Vec (&acc)[R][NH], const float* g, std::size_t stride,
                                                        const float* whh, std::size_t k0, std::size_t k1) {
  constexpr int H = NH * kW;
  const float* q = whh + k0 * H;
  for (std::size_t k = k0; k < k1; ++k, q += H) {
    Vec w[NH];
    for (int v = 0; v < NH; ++v) w[v] = load(q + v * kW);
    for (int r = 0; r < R; ++r) {
      const Vec x = splat(g[std::size_t(r) * stride + k]);
      for (int v = 0; v < NH; ++v) acc[r][v] += x * w[v];
    }
  }
}

// Gate derivatives of row b into dG/dGh (and dcrec, gru's direct path in rec); returns the row's ||dh||^2 lanes.
template <SmallKind K, int NH>
__attribute__((always_inline)) inline Vec backward_row_math(const SmallBackward& a, std::size_t b) {
  constexpr int H = NH * kW;
  const float* above = a.above + b * a.ld;
  float* rec = a.rec + b * H;
  Vec norm{};
  if constexpr (K == SmallKind::rnn_tanh || K == SmallKind::rnn_relu) {
    const float* hr = a.hs + b * a.ld;
    float* g = a.dG + b * H;
    for (int v = 0; v < NH; ++v) {
      const Vec d = load(above + v * kW) + load(rec + v * kW), h = load(hr + v * kW);
      norm += d * d;
      store(g + v * kW, K == SmallKind::rnn_relu ? (h > Vec{} ? d : Vec{}) : d * (1.0f - h * h));
    }
  } else if constexpr (K == SmallKind::lstm) {
    // gate_steps.h's lstm_row_backward on vectors (inlined, H known here): dc, then d{i,f,g,o} and dc_{t-1}.
    const float* gt = a.gates + b * 4 * H;
    const float* tcr = a.aux + b * H;
    const float* cp = a.prev + b * a.ldp;
    float* d = a.dG + b * 4 * H;
    float* dcr = a.dcrec + b * H;
    for (int v = 0; v < NH; ++v) {
      const int o = v * kW;
      const Vec dh = load(above + o) + load(rec + o);
      norm += dh * dh;
      const Vec gi = load(gt + o), gf = load(gt + H + o), gg = load(gt + 2 * H + o), go = load(gt + 3 * H + o);
      const Vec tc = load(tcr + o);
      const Vec dc = load(dcr + o) + dh * go * (1.0f - tc * tc);
      store(d + o, dc * gg * gi * (1.0f - gi));
      store(d + H + o, dc * load(cp + o) * gf * (1.0f - gf));
      store(d + 2 * H + o, dc * gi * (1.0f - gg * gg));
      store(d + 3 * H + o, dh * tc * go * (1.0f - go));
      store(dcr + o, dc * gf);
    }
  } else {
    // gate_steps.h's gru_row_backward on vectors: the input-side (dG) and recurrent-side (dGh) gate gradients, and
    // the direct z * dh path into rec. Their r and z columns are equal, so dGh gets only its n column (dn * r):
    // readers take r and z from dG.
    const float* gt = a.gates + b * 3 * H;
    const float* ghn = a.aux + b * H;
    const float* hp = a.prev + b * a.ldp;
    float* di = a.dG + b * 3 * H;
    float* dhh = a.dGh + b * 3 * H;
    for (int v = 0; v < NH; ++v) {
      const int o = v * kW;
      const Vec dh = load(above + o) + load(rec + o);
      norm += dh * dh;
      const Vec r = load(gt + o), z = load(gt + H + o), n = load(gt + 2 * H + o);
      const Vec dn = dh * (1.0f - z) * (1.0f - n * n);
      const Vec dr = dn * load(ghn + o) * r * (1.0f - r);
      const Vec dz = dh * (load(hp + o) - n) * z * (1.0f - z);
      store(di + o, dr), store(di + H + o, dz), store(di + 2 * H + o, dn);
      store(dhh + 2 * H + o, dn * r);
      store(rec + o, dh * z);
    }
  }
  return norm;
}

// Rows [r0, r0 + R): their gate derivatives (and bias sums), then rec = (gru: z * dh +) dGh W_hh over K = GH (gru: r and z
// columns from dG, n from dGh). dx is left to one
// product over all steps after the loop: as a last column block here it cost more (I = 4 fills a quarter of a vector,
// so a third of the tile's FMAs, 0.11 ms of the lstm 4/32 step) than the narrow product does (docs/BENCHMARKS.md).
template <SmallKind K, int NH, int R>
__attribute__((always_inline)) inline void backward_tile(const SmallBackward& a, int r0, Vec& norm) {
  constexpr int H = NH * kW;
  for (int r = 0; r < R; ++r) norm += backward_row_math<K, NH>(a, std::size_t(r0 + r));
  const std::size_t GH = std::size_t(a.G) * H;
  if (a.sum_dG) {
    // The bias gradients: column sums of the tile's dG (and gru's dGh) rows while they are in L1.
    add_rows<R>(a.sum_dG, a.dG + std::size_t(r0) * GH, GH, GH);
    if constexpr (K == SmallKind::gru) add_rows<R>(a.sum_dGh + 2 * H, a.dGh + std::size_t(r0) * GH + 2 * H, H, GH);
  }
  Vec acc[R][NH];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NH; ++v)
      acc[r][v] = K == SmallKind::gru ? load(a.rec + std::size_t(r0 + r) * H + std::size_t(v) * kW) : Vec{};
  if constexpr (K == SmallKind::gru) {
    add_products<NH, R>(acc, a.dG + std::size_t(r0) * GH, GH, a.whh, 0, 2 * H);
    add_products<NH, R>(acc, a.dGh + std::size_t(r0) * GH, GH, a.whh, 2 * H, GH);
  } else {
    add_products<NH, R>(acc, a.dG + std::size_t(r0) * GH, GH, a.whh, 0, GH);
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NH; ++v) store(a.rec + std::size_t(r0 + r) * H + std::size_t(v) * kW, acc[r][v]);
}

template <SmallKind K, int NH, int R>
void backward_rest(const SmallBackward& a, int r0, int rest, Vec& norm) {
  if constexpr (R > 0) {
    if (rest == R) return backward_tile<K, NH, R>(a, r0, norm);
    backward_rest<K, NH, R - 1>(a, r0, rest, norm);
  }
}

// One backward step over B rows; returns ||dh||^2 over them.
template <SmallKind K, int NH>
float backward_rows(const SmallBackward& a, int B) {
  constexpr int RMax = kAcc / NH;
  Vec norm{};
  int r0 = 0;
  for (; r0 + RMax <= B; r0 += RMax) backward_tile<K, NH, RMax>(a, r0, norm);
  if (r0 < B) backward_rest<K, NH, RMax - 1>(a, r0, B - r0, norm);
  return lanes_sum(norm);
}

// Calls f(std::integral_constant<int, N>{}) for N = n, the vectors of a row (1 .. 64 / kW): the fused steps' dispatch
// on H / kW (the callers checked small_fits). Out of range it returns R(): nothing, or 0.
template <typename F>
auto with_vectors(int n, F&& f) {
  using R = decltype(f(std::integral_constant<int, 1>{}));
  switch (n) {
    case 1: return f(std::integral_constant<int, 1>{});
    case 2: return f(std::integral_constant<int, 2>{});
    case 3: return f(std::integral_constant<int, 3>{});
    case 4: return f(std::integral_constant<int, 4>{});
#if !defined(__AVX512F__)
    case 5: return f(std::integral_constant<int, 5>{});
    case 6: return f(std::integral_constant<int, 6>{});
    case 7: return f(std::integral_constant<int, 7>{});
    case 8: return f(std::integral_constant<int, 8>{});
#endif
    default: return R();
  }
}

template <bool Relu>
void rnn_forward(const SmallRnnForward& a, int B) {
  with_vectors(a.H / kW, [&](auto nh) { rnn_forward_rows<Relu, decltype(nh)::value>(a, B); });
}

inline void gru_forward(const SmallGruForward& a, int B) {
  with_vectors(a.H / kW, [&](auto nh) { gru_forward_any<decltype(nh)::value>(a, B); });
}

template <SmallKind K>
float backward(const SmallBackward& a, int B) {
  return with_vectors(a.H / kW, [&](auto nh) { return backward_rows<K, decltype(nh)::value>(a, B); });
}

}  // namespace small
}  // namespace
}  // namespace rnnlab
