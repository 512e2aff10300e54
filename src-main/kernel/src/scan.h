// One direction of one rnn/lstm/gru/elman layer, scanned over time: forward and BPTT backward.
// All arrays are time-major for the batch slice being run: row (t, b) is row t*B + b. The input projection of
// every step is one GEMM before the time loop; the weight gradients are GEMMs after it.
#pragma once
#include "arena.h"
#include "model.h"

namespace rnnlab {

// What backward needs from forward besides the layer's hidden states.
// Sized by the caller (Slice::bind): gates (T*B*G*H) for lstm/gru, tanhc (T*B*H) for lstm, ghn (T*B*H) for gru.
template <typename T>
struct ScanCache {
  Span<T> gates;  // lstm (T, B, 4H) activated i,f,g,o; gru (T, B, 3H) r,z,n
  Span<T> tanhc;  // lstm (T, B, H) tanh(c_t)
  Span<T> ghn;    // gru (T, B, H) W_hn h_{t-1} + b_hn
};

// Pointers of one direction's weights (or of their gradients); b_ih/b_hh null without bias.
template <typename T>
struct ScanWeights {
  T* w_ih;  // (G*H, In)
  T* w_hh;  // (G*H, H)
  T* b_ih;  // (G*H)
  T* b_hh;  // (G*H)
};

struct ScanShape {
  Arch arch;   // rnn, lstm, gru or elman
  bool relu;   // rnn/elman nonlinearity
  int steps, batch, in, H;
  int ld;      // row stride of the layer's hidden/cell state arrays: D*H
  bool reverse;
};

// hs (T, B, ld): this direction's hidden states (pointer already offset to its columns); cs likewise for lstm.
template <typename T>
void scan_forward(const ScanShape& s, const ScanWeights<const T>& w, const T* x /* (T, B, In) */,
                  const T* h0 /* (B, H) */, const T* c0 /* (B, H), lstm */, T* hs, T* cs, ScanCache<T>& cache,
                  T* work /* (B, G*H) */);

template <typename T>
struct ScanGrads {
  T* dx;           // (T, B, In): written when dx_beta is 0, accumulated when 1; null: not computed
  T dx_beta;
  T* dh0;          // (B, H) written
  T* dc0;          // (B, H) written, lstm
  T* sumsq;        // (T) += ||dL/dh_t||^2 over the slice's batch
};

// dhs (T, B, ld): gradient reaching this direction's hidden states from above (readout, next layer).
// dw receives += of every weight gradient. work: scan_backward_work(s) values.
inline std::size_t scan_backward_work(const ScanShape& s) {
  const std::size_t rows = std::size_t(s.steps) * std::size_t(s.batch), H = std::size_t(s.H);
  const std::size_t GH = (s.arch == Arch::lstm ? 4 : s.arch == Arch::gru ? 3 : 1) * H;
  return (s.arch == Arch::gru ? 2 : 1) * rows * GH + 3 * std::size_t(s.batch) * H;
}

template <typename T>
void scan_backward(const ScanShape& s, const ScanWeights<const T>& w, const ScanWeights<T>& dw, const T* x,
                   const T* h0, const T* c0, const T* hs, const T* cs, const ScanCache<T>& cache, const T* dhs,
                   const T* dhN, const T* dcN, const ScanGrads<T>& out, T* work);

}  // namespace rnnlab
