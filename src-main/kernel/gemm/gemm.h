// Dense matrix product for the kernel: C = alpha * op(A) * op(B) + beta * C, row-major, float and double.
// Plain C++ interface, no N-API. The SIMD variant (avx512, avx2 or generic on x86-64; neon or generic on arm64; naive)
// is picked once at start-up from the CPU's features; the environment variable RNNLAB_GEMM=naive|generic|avx2|avx512
// overrides the choice (for tests and benchmarks; a variant the CPU cannot run is never chosen).
#pragma once
#include <cstddef>
#include <vector>

namespace rnnlab {

// op(A) is (M, K): A stored (M, K) with row stride lda, or (K, M) when transA.
// op(B) is (K, N): B stored (K, N) with row stride ldb, or (N, K) when transB.
// C is (M, N) with row stride ldc. beta == 0 overwrites C (NaNs in C are not propagated).
// Strides must be at least the stored row length; M, N or K may be 0 (K == 0 gives C = beta * C).
template <typename T>
void gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb,
          T beta, T* C, int ldc);

// op(B) (K, N) packed once into the layout the micro-kernel streams, for a right-hand matrix reused many times
// (W_hh^T over all T time steps of a pass). The layout belongs to the variant that packed it; treat it as opaque.
template <typename T>
struct PackedB {
  int K = 0, N = 0;
  int variant = -1;    // index of the variant whose layout `data` holds
  std::vector<T> data;
};

// Packs op(B) (K, N) into `out` (reusing its storage when the size allows).
template <typename T>
void pack_b(PackedB<T>& out, bool transB, int K, int N, const T* B, int ldb);

// C (M, N) = alpha * op(A) (M, K) * B + beta * C with B packed by pack_b; same rules as gemm.
template <typename T>
void gemm_packed(bool transA, int M, T alpha, const T* A, int lda, const PackedB<T>& B, T beta, T* C, int ldc);

// Name of the variant in use ("avx512", "avx2", "neon", "generic" or "naive"), for logs and benchmarks.
const char* gemm_variant();

}  // namespace rnnlab
