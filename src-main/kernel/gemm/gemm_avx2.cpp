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
  static float reduce(V v) {  // sum of the 8 lanes
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
  }
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
  static double reduce(V v) {  // sum of the 4 lanes
    const __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
};

// 12 accumulators + 2 B vectors + 1 broadcast A value = 15 of the 16 YMM registers.
template <typename T, int KC_, int MC_, int NC_>
struct Avx2Kernel {
  using Elem = T;
  using S = Vec<T>;
  using V = typename S::V;
  static constexpr int MR = 6, NR = 2 * S::kLanes, KC = KC_, MC = MC_, NC = NC_;
  static constexpr bool kRowsInPlace = true;
  // Narrow products (gemm_narrow.h): 2 rows of dot products at a time (8 accumulators per 4 columns), and column
  // chunks of 2 vectors for the outer sums (8 accumulators for 4 rows).
  using Simd = S;
  static constexpr bool kVecPaths = true;
  static constexpr int kDotRows = 2, kOuterVecs = 2;

  template <int R, int W, int kA>
  static void tile(int kc, const T* a, Index lda, const T* b, T* c, Index ldc, T alpha, T beta) {
    constexpr int NV = W / S::kLanes;  // vectors per tile row: 2, or 1 for a half-width tile
    const Index row_step = kA == kRowsA ? lda : 1, k_step = kA == kPackedA ? MR : kA == kRowsA ? 1 : lda;
    V acc[R][NV];  // fully unrolled loops, so these stay in registers
    for (int r = 0; r < R; ++r)  // start fetching the C tile now: it is needed only after the k loop
      _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0),
          _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + W - 1), _MM_HINT_T0);
    for (int r = 0; r < R; ++r)
      for (int v = 0; v < NV; ++v) acc[r][v] = S::zero();
    for (int k = 0; k < kc; ++k, a += k_step, b += NR) {
      V bv[NV];
      for (int v = 0; v < NV; ++v) bv[v] = S::load(b + v * S::kLanes);
      for (int r = 0; r < R; ++r) {
        const V ar = S::splat(a + r * row_step);
        for (int v = 0; v < NV; ++v) acc[r][v] = S::fma(ar, bv[v], acc[r][v]);
      }
    }
    const V va = S::splat(alpha), vb = S::splat(beta);
    if (beta == T(0)) {  // a branch, not a select: C must not even be loaded (it may be uncached, or NaN)
      for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) S::store(c + r * ldc + v * S::kLanes, S::mul(va, acc[r][v]));
    } else {
      for (int r = 0; r < R; ++r)
        for (int v = 0; v < NV; ++v) {
          T* out = c + r * ldc + v * S::kLanes;
          S::store(out, S::fma(vb, S::load(out), S::mul(va, acc[r][v])));
        }
    }
  }
};

// KC: a (KC, NR) B panel (16 KB) stays in L1; MC: a (MC, KC) A block (144 KB floats) stays in L2.
using KernelF32 = Avx2Kernel<float, 256, 144, 2048>;
using KernelF64 = Avx2Kernel<double, 256, 72, 1024>;

}  // namespace avx2

extern const GemmVariant kGemmAvx2 = {"avx2", avx2::blocked_ops<avx2::KernelF32>(),
                                      avx2::blocked_ops<avx2::KernelF64>()};

}  // namespace rnnlab
