// The portable GEMM variant: plain C++ micro-kernels the compiler vectorises for whatever the baseline target is
// (SSE2 on x86-64, NEON on arm64). No intrinsics and no special flags; the fallback on every machine.
#define RNNLAB_GEMM_NS generic
#include "gemm_blocked.h"

namespace rnnlab {
namespace generic {

// An (R, W) register tile (W = NR or NR / 2) written as fixed-size loops; at -O2/-O3 the accumulator stays in
// vector registers.
template <typename T, int MR_, int NR_, int KC_, int MC_, int NC_>
struct PortableKernel {
  using Elem = T;
  static constexpr int MR = MR_, NR = NR_, KC = KC_, MC = MC_, NC = NC_;
  // Reading op(A) rows in place (a[i * lda + k]) leads GCC to vectorise over k instead of j: 4x slower than packing.
  static constexpr bool kRowsInPlace = false;
  static constexpr bool kVecPaths = false;  // no SIMD vector type: narrow products keep the tiles / direct loops

  template <int R, int W, int kA>
  static void tile(int kc, const T* a, Index lda, const T* b, T* c, Index ldc, T alpha, T beta) {
    const Index row_step = kA == kRowsA ? lda : 1, k_step = kA == kPackedA ? MR : kA == kRowsA ? 1 : lda;
    T acc[R][W] = {};
    for (int k = 0; k < kc; ++k, a += k_step, b += NR)
      for (int i = 0; i < R; ++i) {
        const T ai = a[i * row_step];
        for (int j = 0; j < W; ++j) acc[i][j] += ai * b[j];
      }
    for (int i = 0; i < R; ++i) {
      T* row = c + i * ldc;
      if (beta == T(0))
        for (int j = 0; j < W; ++j) row[j] = alpha * acc[i][j];
      else
        for (int j = 0; j < W; ++j) row[j] = alpha * acc[i][j] + beta * row[j];
    }
  }
};

// 16 SIMD registers of 128 bits on the baseline targets: 8 accumulators plus operands.
using KernelF32 = PortableKernel<float, 4, 8, 256, 128, 2048>;
using KernelF64 = PortableKernel<double, 4, 4, 256, 128, 2048>;

}  // namespace generic

extern const GemmVariant kGemmGeneric = {"generic", generic::blocked_ops<generic::KernelF32>(),
                                         generic::blocked_ops<generic::KernelF64>()};

}  // namespace rnnlab
