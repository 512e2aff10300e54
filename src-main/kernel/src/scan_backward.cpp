// BPTT backward of one rnn/lstm/gru/elman direction. The time loop only does the fused gate derivatives and one
// recurrent GEMM per step (dh_{t-1} = dgates_t W_hh); dW_ih, dW_hh, the biases and dx are GEMMs after the loop
// over the gate gradients of all steps (dW_hh = sum_t dgates_t^T h_{t-1}).
#include <algorithm>
#include <vector>
#include "ops.h"
#include "scan.h"

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

// dh (B, H) = above (B rows of stride ld) + rec (B, H); returns ||dh||^2. Eight partial sums so the reduction
// vectorises without reassociation flags.
template <typename T>
T add_and_norm(T* __restrict dh, const T* __restrict above, const T* __restrict rec, std::size_t B, std::size_t H,
               std::size_t ld) {
  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t j = 0; j < H; ++j) dh[b * H + j] = above[b * ld + j] + rec[b * H + j];
  return sum_of_squares(dh, B * H);
}

// Gate derivatives of one batch row, written with restrict pointers so the compiler vectorises them.
// lstm: d{i,f,g,o} = d(pre-activations); dcrec (in: dL/dc_t through time, out: dL/dc_{t-1}).
template <typename T>
void lstm_row(T* __restrict di, T* __restrict df, T* __restrict dg, T* __restrict dO, T* __restrict dcrec,
              const T* __restrict gi, const T* __restrict gf, const T* __restrict gg, const T* __restrict go,
              const T* __restrict tc, const T* __restrict cprev, const T* __restrict dh, std::size_t H) {
  for (std::size_t j = 0; j < H; ++j) {
    const T dc = dcrec[j] + dh[j] * go[j] * (T(1) - tc[j] * tc[j]);
    di[j] = dc * gg[j] * gi[j] * (T(1) - gi[j]);
    df[j] = dc * cprev[j] * gf[j] * (T(1) - gf[j]);
    dg[j] = dc * gi[j] * (T(1) - gg[j] * gg[j]);
    dO[j] = dh[j] * tc[j] * go[j] * (T(1) - go[j]);
    dcrec[j] = dc * gf[j];
  }
}

// gru: dx{r,z,n} = d(input projection), dh{r,z,n} = d(recurrent projection); dhrec = the direct z * dh path.
template <typename T>
void gru_row(T* __restrict dxr, T* __restrict dxz, T* __restrict dxn, T* __restrict dhr, T* __restrict dhz,
             T* __restrict dhn, T* __restrict dhrec, const T* __restrict r, const T* __restrict z,
             const T* __restrict n, const T* __restrict ghn, const T* __restrict hprev, const T* __restrict dh,
             std::size_t H) {
  for (std::size_t j = 0; j < H; ++j) {
    const T dn = dh[j] * (T(1) - z[j]) * (T(1) - n[j] * n[j]);
    const T dr = dn * ghn[j] * r[j] * (T(1) - r[j]);
    const T dz = dh[j] * (hprev[j] - n[j]) * z[j] * (T(1) - z[j]);
    dxr[j] = dr, dhr[j] = dr;
    dxz[j] = dz, dhz[j] = dz;
    dxn[j] = dn, dhn[j] = dn * r[j];
    dhrec[j] = dh[j] * z[j];
  }
}

template <typename T>
void rnn_row(T* __restrict dpre, const T* __restrict h, const T* __restrict dh, std::size_t H, bool relu) {
  if (relu) {
    for (std::size_t j = 0; j < H; ++j) dpre[j] = h[j] > T(0) ? dh[j] : T(0);
  } else {
    for (std::size_t j = 0; j < H; ++j) dpre[j] = dh[j] * (T(1) - h[j] * h[j]);
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

  for (int k = 0; k < s.steps; ++k) {
    const Step st = step_at(s, k);
    const std::size_t row0 = std::size_t(st.t) * B;
    out.sumsq[st.t] += add_and_norm(dh, dhs + row0 * ld, dhrec, B, H, ld);
    T* g = dG + row0 * GH;
    if (s.arch == Arch::lstm) {
      const T* cprev = st.tp < 0 ? c0 : cs + std::size_t(st.tp) * B * ld;
      const std::size_t ldp = st.tp < 0 ? H : ld;
      for (std::size_t b = 0; b < B; ++b) {
        const T* a = cache.gates.data() + (row0 + b) * GH;
        T* d = g + b * GH;
        lstm_row(d, d + H, d + 2 * H, d + 3 * H, dcrec + b * H, a, a + H, a + 2 * H, a + 3 * H,
                 cache.tanhc.data() + (row0 + b) * H, cprev + b * ldp, dh + b * H, H);
      }
      whh.multiply(B, g, int(GH), T(0), dhrec, s.H);
    } else if (s.arch == Arch::gru) {
      const T* hprev = st.tp < 0 ? h0 : hs + std::size_t(st.tp) * B * ld;
      const std::size_t ldp = st.tp < 0 ? H : ld;
      T* gh = dGh + row0 * GH;
      for (std::size_t b = 0; b < B; ++b) {
        const T* a = cache.gates.data() + (row0 + b) * GH;
        T* di = g + b * GH;
        T* dhh = gh + b * GH;
        gru_row(di, di + H, di + 2 * H, dhh, dhh + H, dhh + 2 * H, dhrec + b * H, a, a + H, a + 2 * H,
                cache.ghn.data() + (row0 + b) * H, hprev + b * ldp, dh + b * H, H);
      }
      whh.multiply(B, gh, int(GH), T(1), dhrec, s.H);
    } else {
      const T* h = hs + row0 * ld;
      for (std::size_t b = 0; b < B; ++b) rnn_row(g + b * H, h + b * ld, dh + b * H, H, s.relu);
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
  const T* dGlater = s.reverse ? dGh : dGh + B * GH;
  const T* hearlier = s.reverse ? hs + B * ld : hs;
  matmul<T>(true, false, GH, s.H, inner, dGlater, gh, hearlier, s.ld, T(1), dw.w_hh, s.H);
  const T* dGfirst = s.reverse ? dGh + inner * GH : dGh;
  matmul<T>(true, false, GH, s.H, B, dGfirst, gh, h0, s.H, T(1), dw.w_hh, s.H);
  if (dGh == dG && dw.b_ih && dw.b_hh) {
    // rnn/lstm: both biases enter the same pre-activation, so they share one column sum.
    std::vector<T> sums(GH, T(0));
    add_column_sums(sums.data(), dG, rows, gh, gh);
    for (std::size_t c = 0; c < GH; ++c) dw.b_ih[c] += sums[c], dw.b_hh[c] += sums[c];
  } else {
    add_column_sums(dw.b_ih, dG, rows, gh, gh);
    add_column_sums(dw.b_hh, dGh, rows, gh, gh);
  }
  matmul<T>(false, false, rows, s.in, GH, dG, gh, w.w_ih, s.in, out.dx_beta, out.dx, s.in);
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
