// Second-order (gated) network forward/backward. Per step one GEMM computes W_k h_{t-1} for every symbol k at
// once (B, K*H); the input mixes them. The bias term sum_k x_k b_k is one GEMM over all steps.
#include <algorithm>
#include <cmath>
#include "families.h"
#include "ops.h"

namespace rnnlab {

template <typename T>
void gated_forward(const GatedParams<const T>& p, SliceSize n, int K, int H, const T* x, const T* h0, T* hs, T* z,
                   T* /* work */) {
  const std::size_t B = std::size_t(n.batch), rows = n.rows(), Hs = std::size_t(H), KH = std::size_t(K) * Hs;
  const PackedRhs<T> wT(true, H, int(KH), p.W, H);  // [W_0; ...; W_{K-1}]^T (H, K*H)
  if (p.bias) matmul<T>(false, false, rows, H, std::size_t(K), x, K, p.bias, H, T(0), hs, H);
  else std::fill(hs, hs + rows * Hs, T(0));
  for (int t = 0; t < n.steps; ++t) {
    const std::size_t r0 = std::size_t(t) * B;
    const T* hprev = t == 0 ? h0 : hs + (r0 - B) * Hs;
    T* zt = z + r0 * KH;
    wT.multiply(B, hprev, H, T(0), zt, int(KH));
    for (std::size_t b = 0; b < B; ++b) {
      T* h = hs + (r0 + b) * Hs;
      const T* xb = x + (r0 + b) * std::size_t(K);
      for (int k = 0; k < K; ++k) {
        const T xk = xb[k];
        if (xk == T(0)) continue;  // one-hot inputs: only the chosen symbol's matrix contributes
        const T* zk = zt + b * KH + std::size_t(k) * Hs;
        for (std::size_t i = 0; i < Hs; ++i) h[i] += xk * zk[i];
      }
      tanh_inplace(h, Hs);
    }
  }
}

template <typename T>
void gated_backward(const GatedParams<const T>& p, const GatedParams<T>& dp, SliceSize n, int K, int H, const T* x,
                    const T* h0, const T* hs, const T* z, const T* dhs, const T* dhN, T* dx, T* dh0, T* sumsq,
                    T* work) {
  const std::size_t B = std::size_t(n.batch), rows = n.rows(), Hs = std::size_t(H), KH = std::size_t(K) * Hs;
  T* dP = work;              // (T, B, H) d(pre-activation)
  T* dZ = dP + rows * Hs;    // (T, B, K*H) d(W_k h_{t-1})
  T* dh = dZ + rows * KH;    // (B, H)
  T* dhrec = dh + B * Hs;    // (B, H)
  const PackedRhs<T> w(false, int(KH), H, p.W, H);  // (K*H, H)
  if (dhN) std::copy(dhN, dhN + B * Hs, dhrec); else std::fill(dhrec, dhrec + B * Hs, T(0));
  for (int t = n.steps - 1; t >= 0; --t) {
    const std::size_t r0 = std::size_t(t) * B;
    T norm = 0;
    for (std::size_t i = 0; i < B * Hs; ++i) {
      dh[i] = dhs[r0 * Hs + i] + dhrec[i];
      norm += dh[i] * dh[i];
      dP[r0 * Hs + i] = dh[i] * (T(1) - hs[r0 * Hs + i] * hs[r0 * Hs + i]);
    }
    sumsq[t] += norm;
    for (std::size_t b = 0; b < B; ++b) {
      const T* d = dP + (r0 + b) * Hs;
      const T* xb = x + (r0 + b) * std::size_t(K);
      T* dxb = dx + (r0 + b) * std::size_t(K);
      for (int k = 0; k < K; ++k) {
        const T* zk = z + (r0 + b) * KH + std::size_t(k) * Hs;
        const T* bk = p.bias ? p.bias + std::size_t(k) * Hs : nullptr;
        T* dzk = dZ + (r0 + b) * KH + std::size_t(k) * Hs;
        T acc = 0;
        for (std::size_t i = 0; i < Hs; ++i) {
          acc += d[i] * (zk[i] + (bk ? bk[i] : T(0)));
          dzk[i] = xb[k] * d[i];
        }
        dxb[k] = acc;
      }
    }
    w.multiply(B, dZ + r0 * KH, int(KH), T(0), dhrec, H);
  }
  std::copy(dhrec, dhrec + B * Hs, dh0);
  matmul<T>(true, false, KH, H, rows - B, dZ + B * KH, int(KH), hs, H, T(1), dp.W, H);
  matmul<T>(true, false, KH, H, B, dZ, int(KH), h0, H, T(1), dp.W, H);
  if (dp.bias) matmul<T>(true, false, std::size_t(K), H, rows, x, K, dP, H, T(1), dp.bias, H);
}

template void gated_forward<float>(const GatedParams<const float>&, SliceSize, int, int, const float*, const float*,
                                   float*, float*, float*);
template void gated_forward<double>(const GatedParams<const double>&, SliceSize, int, int, const double*,
                                    const double*, double*, double*, double*);
template void gated_backward<float>(const GatedParams<const float>&, const GatedParams<float>&, SliceSize, int, int,
                                    const float*, const float*, const float*, const float*, const float*,
                                    const float*, float*, float*, float*, float*);
template void gated_backward<double>(const GatedParams<const double>&, const GatedParams<double>&, SliceSize, int,
                                     int, const double*, const double*, const double*, const double*, const double*,
                                     const double*, double*, double*, double*, double*);

}  // namespace rnnlab
