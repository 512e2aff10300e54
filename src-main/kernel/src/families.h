// The two single-layer families that do not fit the rnn/lstm/gru scan: Jordan (the previous output feeds the
// hidden layer, so the head runs inside the time loop) and the second-order gated network (the input selects
// the recurrent matrix). Time-major slices as in scan.h: row (t, b) is t*B + b.
#pragma once
#include <cstddef>
#include "model.h"

namespace rnnlab {

struct SliceSize {
  int steps, batch;
  std::size_t rows() const { return std::size_t(steps) * std::size_t(batch); }
};

// Jordan: h_t = f(W_ih x_t + W_yh y_{t-1} + b), y_t = g(V h_t + c), y_{-1} = y0.
template <typename T>
struct JordanParams {
  T* w_ih;  // (H, I)
  T* w_yh;  // (H, O)
  T* b;     // (H) or null
  T* V;     // (O, H)
  T* c;     // (O)
};

template <typename T>
void jordan_forward(const JordanParams<const T>& p, SliceSize n, int I, int H, int O, bool relu, OutAct act,
                    const T* x /* (T,B,I) */, const T* y0 /* (B,O) */, T* hs /* (T,B,H) */, T* yPre, T* y /* (T,B,O) */);

// Seeds may be null. dp receives +=; dx (T,B,I) and dy0 (B,O) are written. work: rows*(O+H) + 2*B*O + B*H.
template <typename T>
void jordan_backward(const JordanParams<const T>& p, const JordanParams<T>& dp, SliceSize n, int I, int H, int O,
                     bool relu, OutAct act, const T* x, const T* y0, const T* hs, const T* y, const T* dY,
                     const T* dYPre, const T* dOutput, const T* dhN, T* dx, T* dy0, T* sumsq /* (T) += */, T* work);

// Gated: h_t = tanh(sum_k x_{t,k} (W_k h_{t-1} + b_k)); W is weight_hh (K, H, H) read as (K*H, H).
template <typename T>
struct GatedParams {
  T* W;     // (K*H, H)
  T* bias;  // (K, H) or null
};

// z (T, B, K*H) caches W_k h_{t-1} for backward.
template <typename T>
void gated_forward(const GatedParams<const T>& p, SliceSize n, int K, int H, const T* x, const T* h0, T* hs, T* z,
                   T* work /* (B, H) */);

// dhs (T,B,H): gradient from above. dx, dh0 written; dp +=. work: rows*H + rows*K*H + 2*B*H.
template <typename T>
void gated_backward(const GatedParams<const T>& p, const GatedParams<T>& dp, SliceSize n, int K, int H, const T* x,
                    const T* h0, const T* hs, const T* z, const T* dhs, const T* dhN, T* dx, T* dh0, T* sumsq, T* work);

}  // namespace rnnlab
