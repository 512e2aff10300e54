// BPTT backward of one rnn/lstm/gru/elman direction. The time loop only does the fused gate derivatives and one
// recurrent GEMM per step (dh_{t-1} = dgates_t W_hh); dW_ih, dW_hh, the biases and dx are GEMMs after the loop
// over the gate gradients of all steps (dW_hh = sum_t dgates_t^T h_{t-1}).
#include <algorithm>
#include <type_traits>
#include <vector>
#include "arena.h"
#include "gate_steps.h"
#include "ops.h"
#include "scan.h"
#include "small_pack.h"

namespace rnnlab {

namespace {

struct Step {
  int t;   // time index of the step being undone
  int tp;  // time index of its previous state, or -1 for the initial state
};

inline Step step_at(const ScanShape& s, int k) {
  // k counts backward-processing order: the last forward step first.
  const int fwd = s.steps - 1 - k;
  const int t = s.reverse ? s.steps - 1 - fwd : fwd;
  const int tp = fwd == 0 ? -1 : (s.reverse ? t + 1 : t - 1);
  return {t, tp};
}

// The time loop of scan_backward through small_pack.h's fused steps (float32, small_fits): per register tile of
// rows the gate derivatives, dh_{t-1} and the bias sums; dG (and gru's dGh) of every step are left for the GEMMs
// after the loop.
void small_steps(const ScanShape& s, const ScanWeights<const float>& w, const ScanWeights<float>& dw, const float* h0,
                 const float* c0, const float* hs, const float* cs, const ScanCache<float>& cache, const float* dhs,
                 float* dG, float* dGh, float* dhrec, float* dcrec, const ScanGrads<float>& out) {
  const std::size_t B = std::size_t(s.batch), H = std::size_t(s.H), ld = std::size_t(s.ld);
  const int G = s.arch == Arch::lstm ? 4 : s.arch == Arch::gru ? 3 : 1;
  const std::size_t GH = std::size_t(G) * H;
  const bool bias = dw.b_ih && dw.b_hh;
  std::vector<float> sums(bias ? 2 * GH : 0, 0.0f);
  // W_hh copied to a cache-line aligned block (Scratch): the tiles load its rows as whole vectors.
  Scratch<float> whh(GH * H);
  std::copy(w.w_hh, w.w_hh + GH * H, whh.data());
  const SmallKind kind = s.arch == Arch::lstm ? SmallKind::lstm
                         : s.arch == Arch::gru ? SmallKind::gru
                         : s.relu               ? SmallKind::rnn_relu
                                                : SmallKind::rnn_tanh;
  for (int k = 0; k < s.steps; ++k) {
    const Step st = step_at(s, k);
    const std::size_t row0 = std::size_t(st.t) * B;
    SmallBackward a{};
    a.kind = kind, a.whh = whh.data(), a.H = s.H, a.G = G;
    a.above = dhs + row0 * ld, a.ld = ld, a.rec = dhrec;
    a.dG = dG + row0 * GH, a.dGh = dGh + row0 * GH;
    a.hs = hs + row0 * ld;
    if (s.arch == Arch::lstm || s.arch == Arch::gru) {
      a.gates = cache.gates.data() + row0 * GH;
      a.aux = s.arch == Arch::lstm ? cache.tanhc.data() + row0 * H : cache.ghn.data() + row0 * H;
      const float* first = s.arch == Arch::lstm ? c0 : h0;
      const float* all = s.arch == Arch::lstm ? cs : hs;
      a.prev = st.tp < 0 ? first : all + std::size_t(st.tp) * B * ld;
      a.ldp = st.tp < 0 ? H : ld;
      a.dcrec = dcrec;
    }
    if (bias) a.sum_dG = sums.data(), a.sum_dGh = sums.data() + GH;
    out.sumsq[st.t] += small_backward(a, s.batch);
  }
  if (bias) {
    // rnn/lstm: both biases enter the same pre-activation (dGh is dG); gru: b_hh takes the recurrent side's sums,
    // which equal the input side's for r and z (the fused steps summed only dGh's n column).
    const std::size_t shared = s.arch == Arch::gru ? 2 * H : GH;
    for (std::size_t c = 0; c < GH; ++c) dw.b_ih[c] += sums[c], dw.b_hh[c] += sums[c < shared ? c : GH + c];
  }
}

}  // namespace

template <typename T>
void scan_backward(const ScanShape& s, const ScanWeights<const T>& w, const ScanWeights<T>& dw, const T* x,
                   const T* h0, const T* c0, const T* hs, const T* cs, const ScanCache<T>& cache, const T* dhs,
                   const T* dhN, const T* dcN, const ScanGrads<T>& out, T* work) {
  const std::size_t B = std::size_t(s.batch), H = std::size_t(s.H), ld = std::size_t(s.ld);
  const std::size_t rows = std::size_t(s.steps) * B;
  const int G = s.arch == Arch::lstm ? 4 : s.arch == Arch::gru ? 3 : 1;
  const std::size_t GH = std::size_t(G) * H;
  T* dG = work;                                             // (T, B, GH) d(input projection)
  T* dGh = s.arch == Arch::gru ? dG + rows * GH : dG;       // (T, B, GH) d(recurrent projection)
  T* dh = dGh + rows * GH;                                  // (B, H)
  T* dhrec = dh + B * H;                                    // (B, H) gradient reaching h_{t-1} through time
  T* dcrec = dhrec + B * H;                                 // (B, H) lstm: through the cell
  const PackedRhs<T> whh(false, int(GH), s.H, w.w_hh, s.H);  // W_hh (GH, H)
  if (dhN) std::copy(dhN, dhN + B * H, dhrec); else std::fill(dhrec, dhrec + B * H, T(0));
  if (s.arch == Arch::lstm) {
    if (dcN) std::copy(dcN, dcN + B * H, dcrec); else std::fill(dcrec, dcrec + B * H, T(0));
  }

  bool fused = false;
  if constexpr (std::is_same_v<T, float>) {
    if (small_fits(s.H)) small_steps(s, w, dw, h0, c0, hs, cs, cache, dhs, dG, dGh, dhrec, dcrec, out), fused = true;
  }
  for (int k = 0; k < s.steps && !fused; ++k) {
    const Step st = step_at(s, k);
    const std::size_t row0 = std::size_t(st.t) * B;
    const T* above = dhs + row0 * ld;
    T* g = dG + row0 * GH;
    if (s.arch == Arch::lstm) {
      const T* cprev = st.tp < 0 ? c0 : cs + std::size_t(st.tp) * B * ld;
      const std::size_t ldp = st.tp < 0 ? H : ld;
      out.sumsq[st.t] += lstm_backward_step(B, H, above, ld, dhrec, dh, cache.gates.data() + row0 * GH,
                                            cache.tanhc.data() + row0 * H, cprev, ldp, dcrec, g);
      whh.multiply(B, g, int(GH), T(0), dhrec, s.H);
    } else if (s.arch == Arch::gru) {
      const T* hprev = st.tp < 0 ? h0 : hs + std::size_t(st.tp) * B * ld;
      const std::size_t ldp = st.tp < 0 ? H : ld;
      T* gh = dGh + row0 * GH;
      out.sumsq[st.t] += gru_backward_step(B, H, above, ld, dhrec, dh, cache.gates.data() + row0 * GH,
                                           cache.ghn.data() + row0 * H, hprev, ldp, g, gh);
      whh.multiply(B, gh, int(GH), T(1), dhrec, s.H);
    } else {
      out.sumsq[st.t] += rnn_backward_step(B, H, above, ld, dhrec, dh, hs + row0 * ld, s.relu, g);
      whh.multiply(B, g, int(GH), T(0), dhrec, s.H);
    }
  }
  std::copy(dhrec, dhrec + B * H, out.dh0);
  if (s.arch == Arch::lstm) std::copy(dcrec, dcrec + B * H, out.dc0);

  // Weight gradients over all steps at once. h_{t-1} of step t is row t-1 (forward) or t+1 (reverse) of hs;
  // the step that started from h0 is added separately.
  const std::size_t inner = rows - B;
  const int gh = int(GH);
  matmul<T>(true, false, GH, s.in, rows, dG, gh, x, s.in, T(1), dw.w_ih, s.in);
  // dW_hh rows [c0, c1) from the columns [c0, c1) of d (dG or dGh). gru: the r and z rows from dG (the fused steps
  // write only dGh's n column; gru_backward_step writes equal r, z columns to both).
  const auto add_dw_hh = [&](const T* d, std::size_t c0, std::size_t c1) {
    const T* later = (s.reverse ? d : d + B * GH) + c0;
    const T* hearlier = s.reverse ? hs + B * ld : hs;
    T* out_rows = dw.w_hh + c0 * H;
    matmul<T>(true, false, c1 - c0, s.H, inner, later, gh, hearlier, s.ld, T(1), out_rows, s.H);
    const T* first = (s.reverse ? d + inner * GH : d) + c0;
    matmul<T>(true, false, c1 - c0, s.H, B, first, gh, h0, s.H, T(1), out_rows, s.H);
  };
  if (s.arch == Arch::gru) {
    add_dw_hh(dG, 0, 2 * H), add_dw_hh(dGh, 2 * H, GH);
  } else {
    add_dw_hh(dGh, 0, GH);
  }
  if (fused) {
    // small_steps added the bias sums.
  } else if (dGh == dG && dw.b_ih && dw.b_hh) {
    // rnn/lstm: both biases enter the same pre-activation, so they share one column sum.
    std::vector<T> sums(GH, T(0));
    add_column_sums(sums.data(), dG, rows, gh, gh);
    for (std::size_t c = 0; c < GH; ++c) dw.b_ih[c] += sums[c], dw.b_hh[c] += sums[c];
  } else {
    add_column_sums(dw.b_ih, dG, rows, gh, gh);
    add_column_sums(dw.b_hh, dGh, rows, gh, gh);
  }
  if (out.dx) matmul<T>(false, false, rows, s.in, GH, dG, gh, w.w_ih, s.in, out.dx_beta, out.dx, s.in);
}

template void scan_backward<float>(const ScanShape&, const ScanWeights<const float>&, const ScanWeights<float>&,
                                   const float*, const float*, const float*, const float*, const float*,
                                   const ScanCache<float>&, const float*, const float*, const float*,
                                   const ScanGrads<float>&, float*);
template void scan_backward<double>(const ScanShape&, const ScanWeights<const double>&, const ScanWeights<double>&,
                                    const double*, const double*, const double*, const double*, const double*,
                                    const ScanCache<double>&, const double*, const double*, const double*,
                                    const ScanGrads<double>&, double*);

}  // namespace rnnlab
