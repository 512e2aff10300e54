// Forward scan of one rnn/lstm/gru/elman direction: hoisted input projection, then per step one recurrent
// GEMM (M = batch rows) and the gate math; float32 lstm on AVX-512 instead runs lstm_fused.h's step, which does
// projection, recurrent product and gate math in one pass over registers, and float32 rnn/elman layers of at most 64
// units (and gru layers as wide) run small_pack.h's fused steps (input and recurrent products and gate math per
// register tile of rows). No allocation inside the time loop.
#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <vector>
#include "arena.h"
#include "gate_steps.h"
#include "lstm_fused.h"
#include "ops.h"
#include "scan.h"
#include "small_pack.h"

namespace rnnlab {

namespace {

// b1 + b2 (n values; either may be null), zeros when both are.
template <typename T>
std::vector<T> bias_sum(const T* b1, const T* b2, std::size_t n) {
  std::vector<T> sum(n, T(0));
  for (std::size_t j = 0; j < n; ++j) sum[j] = (b1 ? b1[j] : T(0)) + (b2 ? b2[j] : T(0));
  return sum;
}

// rnn/elman through small_steps.h (float32, small_fits): no hoisted projection, each step's tiles start at the bias
// and take x_t W_ih^T and h_{t-1} W_hh^T in registers before the activation.
void rnn_small_steps(const ScanShape& s, const ScanWeights<const float>& w, const float* x, const float* h0, float* hs) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld), in = std::size_t(s.in);
  const Scratch<float> wihT = small_pack_transpose(w.w_ih, s.H, s.in), whhT = small_pack_transpose(w.w_hh, s.H, s.H);
  const std::vector<float> bias = bias_sum<float>(w.b_ih, w.b_hh, std::size_t(s.H));
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const std::size_t row = std::size_t(t) * B;
    small_rnn_forward({wihT.data(), whhT.data(), bias.data(), s.H, s.in, s.relu, x + row * in, in,
                       k == 0 ? h0 : hs + std::size_t(tp) * B * ld, k == 0 ? std::size_t(s.H) : ld, hs + row * ld, ld},
                      s.batch);
  }
}

// gru through small_steps.h (float32, small_fits): each step's tiles take x_t W_ih^T (or, for wide inputs, the
// hoisted projection: small_gru_hoists) and h_{t-1} W_hh^T in registers; gates and ghn are written as gru_steps leaves them, so backward is unchanged.
void gru_small_steps(const ScanShape& s, const ScanWeights<const float>& w, const float* x, const float* h0, float* hs,
                     ScanCache<float>& cache) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld), in = std::size_t(s.in), H = std::size_t(s.H);
  const bool hoists = small_gru_hoists(s.in);
  // W_ih^T only when the tiles take the input product (a hoisted projection reads W_ih as stored).
  const Scratch<float> wihT = hoists ? Scratch<float>() : small_pack_transpose(w.w_ih, 3 * s.H, s.in);
  const Scratch<float> whhT = small_pack_transpose(w.w_hh, 3 * s.H, s.H);
  const std::vector<float> bias = small_gru_bias(w.b_ih, w.b_hh, s.H);
  const std::vector<float> bhn = bias_sum<float>(w.b_hh ? w.b_hh + 2 * H : nullptr, nullptr, H);
  if (hoists) {
    const std::size_t rows = std::size_t(s.steps) * B;
    matmul<float>(false, true, rows, 3 * s.H, in, x, s.in, w.w_ih, s.in, 0.0f, cache.gates.data(), 3 * s.H);
  }
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const std::size_t row = std::size_t(t) * B;
    small_gru_forward({wihT.data(), whhT.data(), s.H, s.in, bias.data(), bhn.data(), x + row * in, in,
                       k == 0 ? h0 : hs + std::size_t(tp) * B * ld, k == 0 ? H : ld, cache.gates.data() + row * 3 * H,
                       cache.ghn.data() + row * H, hs + row * ld, ld},
                      s.batch);
  }
}

template <typename T>
void rnn_steps(const ScanShape& s, const ScanWeights<const T>& w, const T* h0, T* hs) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld);
  const PackedRhs<T> whhT(true, s.H, s.H, w.w_hh, s.H);  // W_hh^T (H, H)
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const T* prev = k == 0 ? h0 : hs + std::size_t(tp) * B * ld;
    T* cur = hs + std::size_t(t) * B * ld;
    whhT.multiply(B, prev, k == 0 ? s.H : s.ld, T(1), cur, s.ld);
    if (s.relu) {
      for (std::size_t b = 0; b < B; ++b) activate(cur + b * ld, std::size_t(s.H), true);
    } else {
      tanh_rows(cur, B, std::size_t(s.H), ld);
    }
  }
}

template <typename T>
void lstm_steps(const ScanShape& s, const ScanWeights<const T>& w, const T* h0, const T* c0, T* hs, T* cs,
                ScanCache<T>& cache) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld), H = std::size_t(s.H), G4 = 4 * H;
  const PackedRhs<T> whhT(true, s.H, int(G4), w.w_hh, s.H);  // W_hh^T (H, 4H)
  const std::vector<T> bias = bias_sum<T>(w.b_ih, w.b_hh, G4);
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const T* hprev = k == 0 ? h0 : hs + std::size_t(tp) * B * ld;
    const T* cprev = k == 0 ? c0 : cs + std::size_t(tp) * B * ld;
    const std::size_t ldp = k == 0 ? H : ld;
    T* gates = cache.gates.data() + std::size_t(t) * B * G4;
    whhT.multiply(B, hprev, int(ldp), T(1), gates, int(G4));
    lstm_forward_step(B, H, gates, bias.data(), cprev, ldp, cs + std::size_t(t) * B * ld, hs + std::size_t(t) * B * ld, ld,
                      cache.tanhc.data() + std::size_t(t) * B * H);
  }
}

#if defined(RNNLAB_KERNEL_HAVE_AVX512)
// Whether float32 lstm layers of H units take the fused step: the AVX-512 build linked in, the GEMM dispatcher on
// AVX-512 (so RNNLAB_GEMM=avx2|generic also selects the GEMM path here), H a whole number of 16-unit blocks, and
// RNNLAB_LSTM_FUSED not "off" (read once; for A/B measurements and tests of both paths). A masked last block was
// tried and dropped: forward CPU time at H = 8, 24, 100, 120 was 3-24% above the GEMM path's (padding wasted),
// while H = 32 and 256 gain 9-10% (docs/BENCHMARKS.md, Round 3).
bool lstm_fused_ready(int H) {
  static const bool on = [] {
    const char* env = std::getenv("RNNLAB_LSTM_FUSED");
    return std::strcmp(gemm_variant(), "avx512") == 0 && !(env && std::strcmp(env, "off") == 0);
  }();
  return on && H % lstm_fused::kUnits == 0;
}

// lstm through lstm_fused::step: no hoisted projection (each step reads its x rows), gates and tanhc written
// activated for backward exactly as lstm_steps leaves them.
void lstm_fused_steps(const ScanShape& s, const ScanWeights<const float>& w, const float* x, const float* h0,
                      const float* c0, float* hs, float* cs, ScanCache<float>& cache) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld), H = std::size_t(s.H), in = std::size_t(s.in);
  Scratch<float> panels(lstm_fused::packed_size(s.in, s.H)), bias(4 * H);
  lstm_fused::pack(w.w_ih, w.w_hh, w.b_ih, w.b_hh, s.in, s.H, panels.data(), bias.data());
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const float* hprev = k == 0 ? h0 : hs + std::size_t(tp) * B * ld;
    const float* cprev = k == 0 ? c0 : cs + std::size_t(tp) * B * ld;
    const std::size_t row = std::size_t(t) * B;
    lstm_fused::step(panels.data(), bias.data(), s.in, s.H, s.batch, x + row * in, in, hprev, cprev, k == 0 ? H : ld,
                     cs + row * ld, hs + row * ld, ld, cache.gates.data() + row * 4 * H, cache.tanhc.data() + row * H);
  }
}
#endif  // RNNLAB_KERNEL_HAVE_AVX512 (only there is lstm_fused_avx512.cpp linked in)

template <typename T>
void gru_steps(const ScanShape& s, const ScanWeights<const T>& w, const T* h0, T* hs, ScanCache<T>& cache,
               T* gh /* (B, 3H) */) {
  const std::size_t B = std::size_t(s.batch), ld = std::size_t(s.ld), H = std::size_t(s.H), G3 = 3 * H;
  const std::vector<T> bih = bias_sum<T>(w.b_ih, nullptr, G3), bhh = bias_sum<T>(w.b_hh, nullptr, G3);
  const PackedRhs<T> whhT(true, s.H, int(G3), w.w_hh, s.H);  // W_hh^T (H, 3H)
  for (int k = 0; k < s.steps; ++k) {
    const int t = s.reverse ? s.steps - 1 - k : k;
    const int tp = s.reverse ? t + 1 : t - 1;
    const T* hprev = k == 0 ? h0 : hs + std::size_t(tp) * B * ld;
    const std::size_t ldp = k == 0 ? H : ld;
    whhT.multiply(B, hprev, int(ldp), T(0), gh, int(G3));
    gru_forward_step(B, H, cache.gates.data() + std::size_t(t) * B * G3, gh, bih.data(), bhh.data(), hprev, ldp, hs + std::size_t(t) * B * ld,
                     ld, cache.ghn.data() + std::size_t(t) * B * H);
  }
}

}  // namespace

template <typename T>
void scan_forward(const ScanShape& s, const ScanWeights<const T>& w, const T* x, const T* h0, const T* c0, T* hs,
                  T* cs, ScanCache<T>& cache, T* work) {
  const std::size_t rows = std::size_t(s.steps) * std::size_t(s.batch), H = std::size_t(s.H);
#if defined(RNNLAB_KERNEL_HAVE_AVX512)
  if constexpr (std::is_same_v<T, float>) {
    if (s.arch == Arch::lstm && lstm_fused_ready(s.H)) return lstm_fused_steps(s, w, x, h0, c0, hs, cs, cache);
  }
#endif
  if constexpr (std::is_same_v<T, float>) {
    if (s.arch == Arch::gru && small_fits(s.H)) return gru_small_steps(s, w, x, h0, hs, cache);
  }
  switch (s.arch) {
    case Arch::lstm:
    case Arch::gru: {
      const int GH = int((s.arch == Arch::lstm ? 4 : 3) * H);
      // Hoisted input projection of all steps: gates (T*B, GH) = x W_ih^T; the per-step gate math adds the biases
      // (gru's b_hn sits inside r * (W_hn h + b_hn)).
      matmul<T>(false, true, rows, GH, std::size_t(s.in), x, s.in, w.w_ih, s.in, T(0), cache.gates.data(), GH);
      if (s.arch == Arch::lstm) {
        lstm_steps(s, w, h0, c0, hs, cs, cache);
      } else {
        gru_steps(s, w, h0, hs, cache, work);
      }
      break;
    }
    default:
      if constexpr (std::is_same_v<T, float>) {
        if (small_fits(s.H)) return rnn_small_steps(s, w, x, h0, hs);
      }
      // rnn/elman: the projection goes straight into the hidden-state rows, which the steps then complete.
      matmul<T>(false, true, rows, s.H, std::size_t(s.in), x, s.in, w.w_ih, s.in, T(0), hs, s.ld);
      add_two_bias_rows(hs, rows, s.H, s.ld, w.b_ih, w.b_hh);
      rnn_steps(s, w, h0, hs);
  }
}

template void scan_forward<float>(const ScanShape&, const ScanWeights<const float>&, const float*, const float*,
                                  const float*, float*, float*, ScanCache<float>&, float*);
template void scan_forward<double>(const ScanShape&, const ScanWeights<const double>&, const double*, const double*,
                                   const double*, double*, double*, ScanCache<double>&, double*);

}  // namespace rnnlab
