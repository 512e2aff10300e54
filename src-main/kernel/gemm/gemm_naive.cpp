// Reference triple-loop GEMM: the correctness baseline every fast variant is tested against.
#include "gemm.h"

namespace rnnlab {

template <typename T>
void gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb,
          T beta, T* C, int ldc) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      T acc = 0;
      for (int k = 0; k < K; ++k) {
        const T a = transA ? A[k * lda + i] : A[i * lda + k];
        const T b = transB ? B[j * ldb + k] : B[k * ldb + j];
        acc += a * b;
      }
      T* c = &C[i * ldc + j];
      *c = beta == T(0) ? alpha * acc : alpha * acc + beta * *c;
    }
  }
}

template void gemm<float>(bool, bool, int, int, int, float, const float*, int, const float*, int, float, float*, int);
template void gemm<double>(bool, bool, int, int, int, double, const double*, int, const double*, int, double, double*,
                           int);

const char* gemm_variant() { return "naive"; }

}  // namespace rnnlab
