// The arm64 GEMM variant: NEON register tiles in intrinsics, 6x16 floats (24 accumulators + 4 B vectors + 2 A
// registers of the 32 q-registers) and 4x8 doubles, each A value applied with a by-lane FMA when the tile's rows sit
// contiguously (packed panels, or op(A) read transposed in place), else with a by-scalar FMA per row. Compiled on
// aarch64 only, where NEON is part of the baseline ISA (no flags, no run-time check); gemm_dispatch.cpp picks it
// there, and RNNLAB_GEMM=generic still selects the portable variant.
#include <arm_neon.h>
#define RNNLAB_GEMM_NS neon
#include "gemm_blocked.h"

namespace rnnlab {
namespace neon {

// One 128-bit vector of T, and the by-lane update of a full MR-row tile from MR contiguous A values.
template <typename T>
struct Vec;

template <>
struct Vec<float> {
  using V = float32x4_t;
  static constexpr int kLanes = 4, MR = 6;
  static V zero() { return vdupq_n_f32(0.0f); }
  static V load(const float* p) { return vld1q_f32(p); }
  static void store(float* p, V v) { vst1q_f32(p, v); }
  static V fma_n(V acc, V b, float a) { return vfmaq_n_f32(acc, b, a); }
  static V mul_n(V v, float a) { return vmulq_n_f32(v, a); }
  template <int NV>
  static void fma_rows(V (&acc)[MR][NV], const V (&b)[NV], const float* a) {
    const float32x4_t a0 = vld1q_f32(a);     // rows 0-3
    const float32x2_t a1 = vld1_f32(a + 4);  // rows 4-5 (exactly MR values read)
    for (int v = 0; v < NV; ++v) {
      acc[0][v] = vfmaq_laneq_f32(acc[0][v], b[v], a0, 0);
      acc[1][v] = vfmaq_laneq_f32(acc[1][v], b[v], a0, 1);
      acc[2][v] = vfmaq_laneq_f32(acc[2][v], b[v], a0, 2);
      acc[3][v] = vfmaq_laneq_f32(acc[3][v], b[v], a0, 3);
      acc[4][v] = vfmaq_lane_f32(acc[4][v], b[v], a1, 0);
      acc[5][v] = vfmaq_lane_f32(acc[5][v], b[v], a1, 1);
    }
  }
};

template <>
struct Vec<double> {
  using V = float64x2_t;
  static constexpr int kLanes = 2, MR = 4;
  static V zero() { return vdupq_n_f64(0.0); }
  static V load(const double* p) { return vld1q_f64(p); }
  static void store(double* p, V v) { vst1q_f64(p, v); }
  static V fma_n(V acc, V b, double a) { return vfmaq_n_f64(acc, b, a); }
  static V mul_n(V v, double a) { return vmulq_n_f64(v, a); }
  template <int NV>
  static void fma_rows(V (&acc)[MR][NV], const V (&b)[NV], const double* a) {
    const float64x2_t a0 = vld1q_f64(a), a1 = vld1q_f64(a + 2);
    for (int v = 0; v < NV; ++v) {
      acc[0][v] = vfmaq_laneq_f64(acc[0][v], b[v], a0, 0);
      acc[1][v] = vfmaq_laneq_f64(acc[1][v], b[v], a0, 1);
      acc[2][v] = vfmaq_laneq_f64(acc[2][v], b[v], a1, 0);
      acc[3][v] = vfmaq_laneq_f64(acc[3][v], b[v], a1, 1);
    }
  }
};

// 16 floats (8 doubles) wide: half-width tiles (8 floats, 4 doubles) stay whole vectors.
template <typename T, int KC_, int MC_, int NC_>
struct NeonKernel {
  using Elem = T;
  using S = Vec<T>;
  using V = typename S::V;
  static constexpr int MR = S::MR, NR = 4 * S::kLanes, KC = KC_, MC = MC_, NC = NC_;
  // op(A) rows read in place would need one scalar load per row and k; packing them makes the by-lane form usable.
  static constexpr bool kRowsInPlace = false;
  // No Simd type with splat/reduce for gemm_narrow.h yet: narrow products keep the tiles / direct loops on arm64.
  static constexpr bool kVecPaths = false;

  template <int R, int W, int kA>
  static void tile(int kc, const T* a, Index lda, const T* b, T* c, Index ldc, T alpha, T beta) {
    constexpr int NV = W / S::kLanes;
    // The MR values of one k are contiguous in a packed panel and in a transposed op(A); a short tile (R < MR) reads
    // row by row so it never reads past the caller's matrix.
    constexpr bool by_lane = R == MR && kA != kRowsA;
    const Index row_step = kA == kRowsA ? lda : 1, k_step = kA == kPackedA ? MR : kA == kRowsA ? 1 : lda;
    V acc[R][NV];
    for (int r = 0; r < R; ++r)
      for (int v = 0; v < NV; ++v) acc[r][v] = S::zero();
    for (int k = 0; k < kc; ++k, a += k_step, b += NR) {
      V bv[NV];
      for (int v = 0; v < NV; ++v) bv[v] = S::load(b + v * S::kLanes);
      if constexpr (by_lane) {
        S::template fma_rows<NV>(acc, bv, a);
      } else {
        for (int r = 0; r < R; ++r) {
          const T ar = a[r * row_step];
          for (int v = 0; v < NV; ++v) acc[r][v] = S::fma_n(acc[r][v], bv[v], ar);
        }
      }
    }
    for (int r = 0; r < R; ++r)
      for (int v = 0; v < NV; ++v) {
        T* out = c + r * ldc + v * S::kLanes;
        const V scaled = S::mul_n(acc[r][v], alpha);
        S::store(out, beta == T(0) ? scaled : S::fma_n(scaled, S::load(out), beta));  // C unread when beta == 0
      }
  }
};

// KC: a (KC, NR) B panel (16 KB floats) and an (MR, KC) A panel stay in L1; MC: the A block in L2.
using KernelF32 = NeonKernel<float, 256, 120, 2048>;
using KernelF64 = NeonKernel<double, 256, 64, 1024>;

}  // namespace neon

extern const GemmVariant kGemmNeon = {"neon", neon::blocked_ops<neon::KernelF32>(), neon::blocked_ops<neon::KernelF64>()};

}  // namespace rnnlab
