// Readout head forward/backward over all (time, batch) rows of a slice at once.
#include "head.h"
#include <algorithm>
#include <cmath>
#include "ops.h"

namespace rnnlab {

template <typename T>
void output_activation(OutAct act, const T* yPre, T* y, std::size_t rows, int O) {
  const std::size_t n = rows * std::size_t(O);
  if (act == OutAct::none) {
    std::copy(yPre, yPre + n, y);
  } else if (act == OutAct::sigmoid) {
    std::copy(yPre, yPre + n, y);
    sigmoid_inplace(y, n);
  } else {
    for (std::size_t r = 0; r < rows; ++r) {
      const T* a = yPre + r * std::size_t(O);
      T* s = y + r * std::size_t(O);
      const T top = *std::max_element(a, a + O);
      T sum = 0;
      for (int k = 0; k < O; ++k) sum += (s[k] = exp_of(a[k] - top));
      for (int k = 0; k < O; ++k) s[k] /= sum;
    }
  }
}

template <typename T>
void output_activation_backward(OutAct act, const T* y, const T* dY, const T* dYPre, T* dyPre, std::size_t rows,
                                int O) {
  const std::size_t n = rows * std::size_t(O);
  if (dYPre) std::copy(dYPre, dYPre + n, dyPre); else std::fill(dyPre, dyPre + n, T(0));
  if (!dY) return;
  if (act == OutAct::none) {
    for (std::size_t i = 0; i < n; ++i) dyPre[i] += dY[i];
  } else if (act == OutAct::sigmoid) {
    for (std::size_t i = 0; i < n; ++i) dyPre[i] += dY[i] * y[i] * (T(1) - y[i]);
  } else {
    for (std::size_t r = 0; r < rows; ++r) {
      const T* s = y + r * std::size_t(O);
      const T* g = dY + r * std::size_t(O);
      T dot = 0;
      for (int k = 0; k < O; ++k) dot += s[k] * g[k];
      for (int k = 0; k < O; ++k) dyPre[r * std::size_t(O) + k] += s[k] * (g[k] - dot);
    }
  }
}

template <typename T>
void head_forward(const HeadParams<T>& p, std::size_t rows, int DH, int I, int O, OutAct act, const T* hs, const T* x,
                  T* yPre, T* y) {
  matmul<T>(false, true, rows, O, std::size_t(DH), hs, DH, p.V, DH, T(0), yPre, O);
  add_bias_rows(yPre, rows, O, O, p.c);
  if (p.S) matmul<T>(false, true, rows, O, std::size_t(I), x, I, p.S, I, T(1), yPre, O);
  output_activation(act, yPre, y, rows, O);
}

template <typename T>
void head_backward(const HeadParams<T>& p, std::size_t rows, int DH, int I, int O, const T* hs, const T* x,
                   const T* dyPre, T* dV, T* dc, T* dS, T* dhs, T dhs_beta, T* dx) {
  matmul<T>(true, false, std::size_t(O), DH, rows, dyPre, O, hs, DH, T(1), dV, DH);
  add_column_sums(dc, dyPre, rows, O, O);
  matmul<T>(false, false, rows, DH, std::size_t(O), dyPre, O, p.V, DH, dhs_beta, dhs, DH);
  if (p.S) {
    matmul<T>(true, false, std::size_t(O), I, rows, dyPre, O, x, I, T(1), dS, I);
    matmul<T>(false, false, rows, I, std::size_t(O), dyPre, O, p.S, I, T(1), dx, I);
  }
}

#define RNNLAB_HEAD(T)                                                                                           \
  template void output_activation<T>(OutAct, const T*, T*, std::size_t, int);                                    \
  template void output_activation_backward<T>(OutAct, const T*, const T*, const T*, T*, std::size_t, int);       \
  template void head_forward<T>(const HeadParams<T>&, std::size_t, int, int, int, OutAct, const T*, const T*, T*, \
                                T*);                                                                             \
  template void head_backward<T>(const HeadParams<T>&, std::size_t, int, int, int, const T*, const T*, const T*, \
                                 T*, T*, T*, T*, T, T*);
RNNLAB_HEAD(float)
RNNLAB_HEAD(double)

}  // namespace rnnlab
