// Jordan network forward/backward. The output feedback makes the head part of the recurrence: per step one
// GEMM from y_{t-1} into the hidden pre-activation and one for the head; everything else is hoisted.
#include <algorithm>
#include "families.h"
#include "head.h"
#include "ops.h"

namespace rnnlab {

template <typename T>
void jordan_forward(const JordanParams<const T>& p, SliceSize n, int I, int H, int O, bool relu, OutAct act,
                    const T* x, const T* y0, T* hs, T* yPre, T* y) {
  const std::size_t B = std::size_t(n.batch), rows = n.rows();
  const PackedRhs<T> wyhT(true, O, H, p.w_yh, O), vT(true, H, O, p.V, H);  // W_yh^T (O, H), V^T (H, O)
  matmul<T>(false, true, rows, H, std::size_t(I), x, I, p.w_ih, I, T(0), hs, H);
  add_bias_rows(hs, rows, H, H, p.b);
  for (int t = 0; t < n.steps; ++t) {
    const std::size_t r0 = std::size_t(t) * B;
    const T* yprev = t == 0 ? y0 : y + (r0 - B) * std::size_t(O);
    T* h = hs + r0 * std::size_t(H);
    wyhT.multiply(B, yprev, O, T(1), h, H);
    activate(h, B * std::size_t(H), relu);
    vT.multiply(B, h, H, T(0), yPre + r0 * std::size_t(O), O);
    add_bias_rows(yPre + r0 * std::size_t(O), B, O, O, p.c);
    output_activation(act, yPre + r0 * std::size_t(O), y + r0 * std::size_t(O), B, O);
  }
}

template <typename T>
void jordan_backward(const JordanParams<const T>& p, const JordanParams<T>& dp, SliceSize n, int I, int H, int O,
                     bool relu, OutAct act, const T* x, const T* y0, const T* hs, const T* y, const T* dY,
                     const T* dYPre, const T* dOutput, const T* dhN, T* dx, T* dy0, T* sumsq, T* work) {
  const std::size_t B = std::size_t(n.batch), rows = n.rows(), Hs = std::size_t(H), Os = std::size_t(O);
  T* dyPre = work;              // (T, B, O)
  T* dP = dyPre + rows * Os;    // (T, B, H) d(hidden pre-activation)
  T* dy = dP + rows * Hs;       // (B, O) total gradient at y_t
  T* dyrec = dy + B * Os;       // (B, O) gradient reaching y_{t-1} through the feedback
  T* dh = dyrec + B * Os;       // (B, H)
  const PackedRhs<T> V(false, O, H, p.V, H), wyh(false, H, O, p.w_yh, O);  // V (O, H), W_yh (H, O)
  std::fill(dyrec, dyrec + B * Os, T(0));
  for (int t = n.steps - 1; t >= 0; --t) {
    const std::size_t r0 = std::size_t(t) * B;
    for (std::size_t i = 0; i < B * Os; ++i) dy[i] = dyrec[i] + (dY ? dY[r0 * Os + i] : T(0));
    output_activation_backward(act, y + r0 * Os, dy, dYPre ? dYPre + r0 * Os : nullptr, dyPre + r0 * Os, B, O);
    for (std::size_t i = 0; i < B * Hs; ++i)
      dh[i] = (dOutput ? dOutput[r0 * Hs + i] : T(0)) + (dhN && t == n.steps - 1 ? dhN[i] : T(0));
    V.multiply(B, dyPre + r0 * Os, O, T(1), dh, H);
    T norm = 0;
    const T* h = hs + r0 * Hs;
    T* d = dP + r0 * Hs;
    for (std::size_t i = 0; i < B * Hs; ++i) {
      norm += dh[i] * dh[i];
      d[i] = dh[i] * activation_slope(h[i], relu);
    }
    sumsq[t] += norm;
    wyh.multiply(B, d, H, T(0), dyrec, O);
  }
  std::copy(dyrec, dyrec + B * Os, dy0);
  matmul<T>(true, false, Os, H, rows, dyPre, O, hs, H, T(1), dp.V, H);
  add_column_sums(dp.c, dyPre, rows, O, O);
  matmul<T>(true, false, Hs, I, rows, dP, H, x, I, T(1), dp.w_ih, I);
  add_column_sums(dp.b, dP, rows, H, H);
  matmul<T>(true, false, Hs, O, rows - B, dP + B * Hs, H, y, O, T(1), dp.w_yh, O);
  matmul<T>(true, false, Hs, O, B, dP, H, y0, O, T(1), dp.w_yh, O);
  matmul<T>(false, false, rows, I, Hs, dP, H, p.w_ih, I, T(0), dx, I);
}

template void jordan_forward<float>(const JordanParams<const float>&, SliceSize, int, int, int, bool, OutAct,
                                    const float*, const float*, float*, float*, float*);
template void jordan_forward<double>(const JordanParams<const double>&, SliceSize, int, int, int, bool, OutAct,
                                     const double*, const double*, double*, double*, double*);
template void jordan_backward<float>(const JordanParams<const float>&, const JordanParams<float>&, SliceSize, int,
                                     int, int, bool, OutAct, const float*, const float*, const float*, const float*,
                                     const float*, const float*, const float*, const float*, float*, float*, float*,
                                     float*);
template void jordan_backward<double>(const JordanParams<const double>&, const JordanParams<double>&, SliceSize, int,
                                      int, int, bool, OutAct, const double*, const double*, const double*,
                                      const double*, const double*, const double*, const double*, const double*,
                                      double*, double*, double*, double*);

}  // namespace rnnlab
