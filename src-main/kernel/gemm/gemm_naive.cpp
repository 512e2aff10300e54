// Reference triple-loop GEMM: the readable baseline the fast variants are measured against (RNNLAB_GEMM=naive).
// Its "packed" B is just op(B) copied row-major (K, N).
#include <cstddef>
#include "gemm_variants.h"

namespace rnnlab {
namespace {

template <typename T>
void naive_gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb,
                T beta, T* C, int ldc) {
  using Index = std::ptrdiff_t;
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      T acc = 0;
      for (int k = 0; k < K; ++k) {
        const T a = transA ? A[Index(k) * lda + i] : A[Index(i) * lda + k];
        const T b = transB ? B[Index(j) * ldb + k] : B[Index(k) * ldb + j];
        acc += a * b;
      }
      T* c = &C[Index(i) * ldc + j];
      *c = beta == T(0) ? alpha * acc : alpha * acc + beta * *c;
    }
  }
}

template <typename T>
std::size_t naive_packed_size(int K, int N) {
  return K <= 0 || N <= 0 ? 0 : std::size_t(K) * N;
}

template <typename T>
void naive_pack_b(bool transB, int K, int N, const T* B, int ldb, T* out) {
  for (int k = 0; k < K; ++k)
    for (int j = 0; j < N; ++j)
      out[std::size_t(k) * N + j] = transB ? B[std::ptrdiff_t(j) * ldb + k] : B[std::ptrdiff_t(k) * ldb + j];
}

template <typename T>
void naive_gemm_packed(bool transA, int M, int N, int K, T alpha, const T* A, int lda, const T* packed, T beta, T* C,
                       int ldc) {
  naive_gemm(transA, false, M, N, K, alpha, A, lda, packed, N, beta, C, ldc);
}

template <typename T>
constexpr GemmOps<T> naive_ops() {
  return {&naive_gemm<T>, &naive_packed_size<T>, &naive_pack_b<T>, &naive_gemm_packed<T>};
}

}  // namespace

extern const GemmVariant kGemmNaive = {"naive", naive_ops<float>(), naive_ops<double>()};

}  // namespace rnnlab
