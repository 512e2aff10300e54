// Dense matrix product for the kernel: C = alpha * op(A) * op(B) + beta * C, row-major.
// Plain C++ interface, no N-API. Picks the widest SIMD variant the CPU supports at start-up.
#pragma once
#include <cstdint>

namespace rnnlab {

// op(A) is (M, K): A stored (M, K) with row stride lda, or (K, M) when transA.
// op(B) is (K, N): B stored (K, N) with row stride ldb, or (N, K) when transB.
// C is (M, N) with row stride ldc. beta == 0 overwrites C (NaNs in C are not propagated).
template <typename T>
void gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb,
          T beta, T* C, int ldc);

// Name of the variant in use ("generic", "avx2", ...), for logs and benchmarks.
const char* gemm_variant();

}  // namespace rnnlab
