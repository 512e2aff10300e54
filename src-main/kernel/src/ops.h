// Small building blocks shared by the kernels: activations and their derivatives, bias rows, column sums,
// and a GEMM wrapper that skips empty products. Plain C++, header-only, templated on float/double.
#pragma once
#include <cmath>
#include <cstddef>
#include <vector>
#include "fastmath.h"
#include "gemm.h"

namespace rnnlab {

// Hidden nonlinearity f (tanh or relu) applied in place to n values.
template <typename T>
inline void activate(T* v, std::size_t n, bool relu) {
  if (relu) {
    for (std::size_t i = 0; i < n; ++i) v[i] = v[i] > T(0) ? v[i] : T(0);
  } else {
    tanh_inplace(v, n);
  }
}

// f'(pre) expressed through the output h = f(pre): tanh' = 1 - h^2, relu' = [h > 0].
template <typename T>
inline T activation_slope(T h, bool relu) {
  return relu ? (h > T(0) ? T(1) : T(0)) : T(1) - h * h;
}

// out (rows, cols; row stride ld) += bias (cols) on every row.
template <typename T>
inline void add_bias_rows(T* out, std::size_t rows, int cols, int ld, const T* bias) {
  if (!bias) return;
  for (std::size_t r = 0; r < rows; ++r) {
    T* row = out + r * std::size_t(ld);
    for (int c = 0; c < cols; ++c) row[c] += bias[c];
  }
}

// sum of v[i]^2 over n values, in eight interleaved partial sums (vectorisable without -ffast-math).
template <typename T>
inline T sum_of_squares(const T* v, std::size_t n) {
  T lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (std::size_t k = 0; k < 8; ++k) lanes[k] += v[i + k] * v[i + k];
  T sum = 0;
  for (; i < n; ++i) sum += v[i] * v[i];
  for (T lane : lanes) sum += lane;
  return sum;
}

// out (rows, cols; row stride ld) += b1 + b2 on every row (either may be null): the two biases in one sweep.
template <typename T>
inline void add_two_bias_rows(T* out, std::size_t rows, int cols, int ld, const T* b1, const T* b2) {
  if (!b1 || !b2) {
    add_bias_rows(out, rows, cols, ld, b1 ? b1 : b2);
    return;
  }
  std::vector<T> sum(b1, b1 + cols);
  for (int c = 0; c < cols; ++c) sum[std::size_t(c)] += b2[c];
  add_bias_rows(out, rows, cols, ld, sum.data());
}

// sums (cols) += column sums of m (rows, cols; row stride ld).
template <typename T>
inline void add_column_sums(T* sums, const T* m, std::size_t rows, int cols, int ld) {
  if (!sums) return;
  for (std::size_t r = 0; r < rows; ++r) {
    const T* row = m + r * std::size_t(ld);
    for (int c = 0; c < cols; ++c) sums[c] += row[c];
  }
}

// C (M, N) = alpha op(A) op(B) + beta C; no call when the product is empty (M or N is 0), and a K of 0
// only applies beta.
template <typename T>
inline void matmul(bool ta, bool tb, std::size_t M, int N, std::size_t K, const T* A, int lda, const T* B, int ldb,
                   T beta, T* C, int ldc) {
  if (M == 0 || N == 0) return;
  if (K == 0) {
    for (std::size_t i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) C[i * std::size_t(ldc) + j] = beta == T(0) ? T(0) : beta * C[i * std::size_t(ldc) + j];
    return;
  }
  gemm<T>(ta, tb, int(M), N, int(K), T(1), A, lda, B, ldb, beta, C, ldc);
}

// A right-hand matrix op(B) (K, N) reused by every step of a time loop, packed once per call.
template <typename T>
class PackedRhs {
 public:
  PackedRhs(bool transB, int K, int N, const T* B, int ldb) {
    if (K > 0 && N > 0) pack_b(packed_, transB, K, N, B, ldb);
  }
  // C (M, N) = A (M, K) op(B) + beta C.
  void multiply(std::size_t M, const T* A, int lda, T beta, T* C, int ldc) const {
    if (M == 0 || packed_.N == 0) return;
    gemm_packed(false, int(M), T(1), A, lda, packed_, beta, C, ldc);
  }

 private:
  PackedB<T> packed_;
};

}  // namespace rnnlab
