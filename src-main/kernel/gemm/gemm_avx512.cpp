// The AVX-512 GEMM variant: 8 x (2 vectors) register tiles in intrinsics (8x32 floats, 8x16 doubles), so a batch of
// 32 or 64 rows is whole tiles. Compiled on x86-64 only, in its own static library with -mavx512f/vl/bw/dq -mfma;
// gemm_dispatch.cpp calls it only after checking the CPU and the OS (ZMM state) support it.
#include <immintrin.h>
#define RNNLAB_GEMM_NS avx512
#include "gemm_blocked.h"

namespace rnnlab {
namespace avx512 {

// One 512-bit vector of T and the operations the tile needs.
template <typename T>
struct Vec;

template <>
struct Vec<float> {
  using V = __m512;
  static constexpr int kLanes = 16;
  static V zero() { return _mm512_setzero_ps(); }
  static V load(const float* p) { return _mm512_loadu_ps(p); }
  static V splat(const float* p) { return _mm512_set1_ps(*p); }
  static V splat(float x) { return _mm512_set1_ps(x); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  static V mul(V a, V b) { return _mm512_mul_ps(a, b); }
  static void store(float* p, V v) { _mm512_storeu_ps(p, v); }
  // Sums of the lanes. The masked forms (all lanes set) because GCC 12's unmasked shuffles, extracts and
  // _mm512_reduce_add_* start from an "undefined" register that -Werror=uninitialized rejects.
  static float reduce(V v) {
    const __m512 s = _mm512_add_ps(v, _mm512_mask_shuffle_f32x4(v, 0xffff, v, v, _MM_SHUFFLE(1, 0, 3, 2)));
    const __m256 h = _mm512_mask_extractf32x8_ps(_mm256_setzero_ps(), 0xff, s, 0);
    __m128 q = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
    q = _mm_add_ps(q, _mm_movehl_ps(q, q));
    return _mm_cvtss_f32(_mm_add_ss(q, _mm_movehdup_ps(q)));
  }
};

template <>
struct Vec<double> {
  using V = __m512d;
  static constexpr int kLanes = 8;
  static V zero() { return _mm512_setzero_pd(); }
  static V load(const double* p) { return _mm512_loadu_pd(p); }
  static V splat(const double* p) { return _mm512_set1_pd(*p); }
  static V splat(double x) { return _mm512_set1_pd(x); }
  static V fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  static V mul(V a, V b) { return _mm512_mul_pd(a, b); }
  static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  static double reduce(V v) {
    const __m512d s = _mm512_add_pd(v, _mm512_mask_shuffle_f64x2(v, 0xff, v, v, _MM_SHUFFLE(1, 0, 3, 2)));
    const __m256d h = _mm512_mask_extractf64x4_pd(_mm256_setzero_pd(), 0xf, s, 0);
    const __m128d q = _mm_add_pd(_mm256_castpd256_pd128(h), _mm256_extractf128_pd(h, 1));
    return _mm_cvtsd_f64(_mm_add_sd(q, _mm_unpackhi_pd(q, q)));
  }
};

// 16 accumulators + 2 B vectors + 1 broadcast A value = 19 of the 32 ZMM registers.
template <typename T, int KC_, int MC_, int NC_>
struct Avx512Kernel {
  using Elem = T;
  using S = Vec<T>;
  using V = typename S::V;
  static constexpr int MR = 8, NR = 2 * S::kLanes, KC = KC_, MC = MC_, NC = NC_;
  static constexpr bool kRowsInPlace = true;
  // Narrow products (gemm_narrow.h): 4 rows of dot products at a time (16 accumulators per 4 columns), and column
  // chunks of 4 vectors for the outer sums (16 accumulators for 4 rows).
  using Simd = S;
  static constexpr bool kVecPaths = true;
  static constexpr int kDotRows = 4, kOuterVecs = 4;

  template <int R, int W, int kA>
  static void tile(int kc, const T* a, Index lda, const T* b, T* c, Index ldc, T alpha, T beta) {
    constexpr int NV = W / S::kLanes;  // vectors per tile row: 2, or 1 for a half-width tile
    const Index row_step = kA == kRowsA ? lda : 1, k_step = kA == kPackedA ? MR : kA == kRowsA ? 1 : lda;
    V acc[R][NV];  // fully unrolled loops, so these stay in registers
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

// KC: a (KC, NR) B panel (32 KB floats) stays in L1 (Zen 4: 32 KB, half of it in practice with A's rows);
// MC: a (MC, KC) A block stays in L2.
using KernelF32 = Avx512Kernel<float, 192, 144, 2048>;
using KernelF64 = Avx512Kernel<double, 192, 72, 1024>;

}  // namespace avx512

extern const GemmVariant kGemmAvx512 = {"avx512", avx512::blocked_ops<avx512::KernelF32>(),
                                        avx512::blocked_ops<avx512::KernelF64>()};

}  // namespace rnnlab
