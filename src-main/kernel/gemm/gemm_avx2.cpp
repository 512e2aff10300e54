// The AVX2 + FMA GEMM variant: 6 x (2 vectors) register tiles in intrinsics (6x16 floats, 6x8 doubles).
// Compiled on x86-64 only, in its own static library with -mavx2 -mfma (/arch:AVX2 on MSVC); gemm_dispatch.cpp
// calls it only after checking the CPU and the OS (YMM state) support it.
#include <immintrin.h>
#define RNNLAB_GEMM_NS avx2
#include "gemm_blocked.h"

namespace rnnlab {
namespace avx2 {

// One 256-bit vector of T and the operations the tile needs.
template <typename T>
struct Vec;

template <>
struct Vec<float> {
  using V = __m256;
  static constexpr int kLanes = 8;
  static V zero() { return _mm256_setzero_ps(); }
  static V load(const float* p) { return _mm256_loadu_ps(p); }
  static V splat(const float* p) { return _mm256_broadcast_ss(p); }
  static V splat(float x) { return _mm256_set1_ps(x); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  static V mul(V a, V b) { return _mm256_mul_ps(a, b); }
  static void store(float* p, V v) { _mm256_storeu_ps(p, v); }
};

template <>
struct Vec<double> {
  using V = __m256d;
  static constexpr int kLanes = 4;
  static V zero() { return _mm256_setzero_pd(); }
  static V load(const double* p) { return _mm256_loadu_pd(p); }
  static V splat(const double* p) { return _mm256_broadcast_sd(p); }
  static V splat(double x) { return _mm256_set1_pd(x); }
  static V fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  static V mul(V a, V b) { return _mm256_mul_pd(a, b); }
  static void store(double* p, V v) { _mm256_storeu_pd(p, v); }
};

// 12 accumulators + 2 B vectors + 1 broadcast A value = 15 of the 16 YMM registers.
template <typename T, int KC_, int MC_, int NC_>
struct Avx2Kernel {
  using Elem = T;
  using S = Vec<T>;
  using V = typename S::V;
  static constexpr int MR = 6, NR = 2 * S::kLanes, KC = KC_, MC = MC_, NC = NC_;

  template <int R, int kA>
  static void tile(int kc, const T* a, Index lda, const T* b, T* c, Index ldc, T alpha, T beta) {
    const Index row_step = kA == kRowsA ? lda : 1, k_step = kA == kPackedA ? MR : kA == kRowsA ? 1 : lda;
    V lo[R], hi[R];  // row r of the tile is (lo[r], hi[r]); fully unrolled, so these live in registers
    for (int r = 0; r < R; ++r) lo[r] = S::zero(), hi[r] = S::zero();
    for (int k = 0; k < kc; ++k, a += k_step, b += NR) {
      const V b0 = S::load(b), b1 = S::load(b + S::kLanes);
      for (int r = 0; r < R; ++r) {
        const V ar = S::splat(a + r * row_step);
        lo[r] = S::fma(ar, b0, lo[r]), hi[r] = S::fma(ar, b1, hi[r]);
      }
    }
    const V va = S::splat(alpha);
    for (int r = 0; r < R; ++r) store_row(c + r * ldc, lo[r], hi[r], va, beta);
  }

  static void store_row(T* row, V lo, V hi, V va, T beta) {
    lo = S::mul(va, lo), hi = S::mul(va, hi);
    if (beta != T(0)) {
      const V vb = S::splat(beta);
      lo = S::fma(vb, S::load(row), lo), hi = S::fma(vb, S::load(row + S::kLanes), hi);
    }
    S::store(row, lo), S::store(row + S::kLanes, hi);
  }
};

// KC: a (KC, NR) B panel (16 KB) stays in L1; MC: a (MC, KC) A block (144 KB floats) stays in L2.
using KernelF32 = Avx2Kernel<float, 256, 144, 2048>;
using KernelF64 = Avx2Kernel<double, 256, 72, 1024>;

}  // namespace avx2

extern const GemmVariant kGemmAvx2 = {"avx2", avx2::blocked_ops<avx2::KernelF32>(), avx2::blocked_ops<avx2::KernelF64>()};

}  // namespace rnnlab
