// The elementwise part of one time step of the lstm/gru/rnn scans (gate activations, cell update, BPTT gate
// derivatives), over all B rows of the step. Included by scan_forward/scan_backward.cpp (baseline build, float and
// double) and by elementwise_avx2.cpp (float, AVX2/FMA build); the float entry points below pick the AVX2 build at
// run time. Everything templated here has internal linkage (unnamed namespace), so the AVX2 copies can never be
// merged by the linker into code that runs on a CPU without AVX2.
#pragma once
#include <cstddef>
#include "fastmath.h"

namespace rnnlab {
namespace {

// dh (B, H) = above (B rows of stride ld) + rec (B, H); returns ||dh||^2. The squares go into 16 partial sums by
// column j % 16 in the same sweep: a fixed 16-wide inner loop the compiler maps onto whole vectors (one zmm, two ymm
// or four xmm); eight partials over the flat array had it shuffling lanes across 512-bit vectors.
template <typename T>
T add_rows_and_norm(T* __restrict dh, const T* __restrict above, const T* __restrict rec, std::size_t B,
                    std::size_t H, std::size_t ld) {
  constexpr std::size_t L = 16;
  T lanes[L] = {};
  T sum = 0;
  for (std::size_t b = 0; b < B; ++b) {
    const T* __restrict a = above + b * ld;
    const T* __restrict r = rec + b * H;
    T* __restrict d = dh + b * H;
    std::size_t j = 0;
    for (; j + L <= H; j += L)
      for (std::size_t l = 0; l < L; ++l) {
        const T v = a[j + l] + r[j + l];
        d[j + l] = v, lanes[l] += v * v;
      }
    for (; j < H; ++j) {
      const T v = a[j] + r[j];
      d[j] = v, sum += v * v;
    }
  }
  for (T lane : lanes) sum += lane;
  return sum;
}

// c = f * cprev + i * g, tc = tanh(c), h = o * tc for one row (gates already activated).
template <typename T>
void lstm_cell_row(const T* __restrict gi, const T* __restrict gf, const T* __restrict gg, const T* __restrict go,
                   const T* __restrict cprev, T* __restrict c, T* __restrict h, T* __restrict tc, std::size_t H) {
  for (std::size_t j = 0; j < H; ++j) {
    const T cj = gf[j] * cprev[j] + gi[j] * gg[j];
    const T t = tanh_of(cj);
    c[j] = cj, tc[j] = t, h[j] = go[j] * t;
  }
}

// Adds the bias (b_ih + b_hh) to one row of lstm gates (4H: i, f, g, o) and activates them in place.
template <typename T>
void lstm_activate_row(T* __restrict g, const T* __restrict bias /* (4H) */, std::size_t H) {
  for (std::size_t j = 0; j < 2 * H; ++j) g[j] = sigmoid_of(g[j] + bias[j]);
  for (std::size_t j = 2 * H; j < 3 * H; ++j) g[j] = tanh_of(g[j] + bias[j]);
  for (std::size_t j = 3 * H; j < 4 * H; ++j) g[j] = sigmoid_of(g[j] + bias[j]);
}

// gates (B, 4H): W_ih x + W_hh h in (bias (4H) = b_ih + b_hh, or zeros, added here), activated i, f, g, o out;
// c, h rows of stride ld; tc (B, H) = tanh(c).
template <typename T>
void lstm_forward_rows(std::size_t B, std::size_t H, T* gates, const T* bias, const T* cprev, std::size_t ldp, T* c,
                       T* h, std::size_t ld, T* tc) {
  for (std::size_t b = 0; b < B; ++b) {
    T* g = gates + b * 4 * H;
    lstm_activate_row(g, bias, H);
    lstm_cell_row(g, g + H, g + 2 * H, g + 3 * H, cprev + b * ldp, c + b * ld, h + b * ld, tc + b * H, H);
  }
}

template <typename T>
void gru_row_forward(T* __restrict g /* (3H) */, const T* __restrict gh /* (3H) */, const T* __restrict bih,
                     const T* __restrict bhh, const T* __restrict hprev, T* __restrict h, T* __restrict ghn,
                     std::size_t H) {
  for (std::size_t j = 0; j < 2 * H; ++j) g[j] = sigmoid_of((g[j] + bih[j]) + (gh[j] + bhh[j]));
  for (std::size_t j = 0; j < H; ++j) {
    const T r = g[j], z = g[H + j], hn = gh[2 * H + j] + bhh[2 * H + j];
    const T n = tanh_of((g[2 * H + j] + bih[2 * H + j]) + r * hn);
    ghn[j] = hn, g[2 * H + j] = n;
    h[j] = (T(1) - z) * n + z * hprev[j];
  }
}

// gates (B, 3H): input projections W_ih x of r, z, n in, activated out; gh (B, 3H) = W_hh h_{t-1}; the biases
// b_ih, b_hh (3H each, or zeros) are added here; ghn (B, H) keeps W_hn h + b_hn for backward; h rows of stride ld.
template <typename T>
void gru_forward_rows(std::size_t B, std::size_t H, T* gates, const T* gh, const T* bih, const T* bhh,
                      const T* hprev, std::size_t ldp, T* h, std::size_t ld, T* ghn) {
  for (std::size_t b = 0; b < B; ++b)
    gru_row_forward(gates + b * 3 * H, gh + b * 3 * H, bih, bhh, hprev + b * ldp, h + b * ld, ghn + b * H, H);
}

// lstm: d{i,f,g,o} = d(pre-activations); dcrec (in: dL/dc_t through time, out: dL/dc_{t-1}).
template <typename T>
void lstm_row_backward(T* __restrict di, T* __restrict df, T* __restrict dg, T* __restrict dO, T* __restrict dcrec,
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

// One lstm step backward: dh = above + rec (returns ||dh||^2), then dG (B, 4H) and dcrec from the cached gates.
template <typename T>
T lstm_backward_rows(std::size_t B, std::size_t H, const T* above, std::size_t ld, const T* rec, T* dh,
                     const T* gates, const T* tanhc, const T* cprev, std::size_t ldp, T* dcrec, T* dG) {
  const T sumsq = add_rows_and_norm(dh, above, rec, B, H, ld);
  for (std::size_t b = 0; b < B; ++b) {
    const T* a = gates + b * 4 * H;
    T* d = dG + b * 4 * H;
    lstm_row_backward(d, d + H, d + 2 * H, d + 3 * H, dcrec + b * H, a, a + H, a + 2 * H, a + 3 * H, tanhc + b * H,
                      cprev + b * ldp, dh + b * H, H);
  }
  return sumsq;
}

// gru: dx{r,z,n} = d(input projection), dh{r,z,n} = d(recurrent projection); dhrec = the direct z * dh path.
template <typename T>
void gru_row_backward(T* __restrict dxr, T* __restrict dxz, T* __restrict dxn, T* __restrict dhr, T* __restrict dhz,
                      T* __restrict dhn, T* __restrict dhrec, const T* __restrict r, const T* __restrict z,
                      const T* __restrict n, const T* __restrict ghn, const T* __restrict hprev,
                      const T* __restrict dh, std::size_t H) {
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

// One gru step backward: dh = above + rec (returns ||dh||^2; rec is then overwritten with the z * dh path),
// dG (B, 3H) input-side and dGh (B, 3H) recurrent-side gate gradients.
template <typename T>
T gru_backward_rows(std::size_t B, std::size_t H, const T* above, std::size_t ld, T* rec, T* dh, const T* gates,
                    const T* ghn, const T* hprev, std::size_t ldp, T* dG, T* dGh) {
  const T sumsq = add_rows_and_norm(dh, above, rec, B, H, ld);
  for (std::size_t b = 0; b < B; ++b) {
    const T* a = gates + b * 3 * H;
    T* di = dG + b * 3 * H;
    T* dhh = dGh + b * 3 * H;
    gru_row_backward(di, di + H, di + 2 * H, dhh, dhh + H, dhh + 2 * H, rec + b * H, a, a + H, a + 2 * H,
                     ghn + b * H, hprev + b * ldp, dh + b * H, H);
  }
  return sumsq;
}

// One rnn/elman step backward: dh = above + rec (returns ||dh||^2), dpre (B, H) = dh * f'(pre) through h = f(pre).
template <typename T>
T rnn_backward_rows(std::size_t B, std::size_t H, const T* above, std::size_t ld, const T* rec, T* dh, const T* hs,
                    bool relu, T* dpre) {
  const T sumsq = add_rows_and_norm(dh, above, rec, B, H, ld);
  for (std::size_t b = 0; b < B; ++b) {
    const T* __restrict h = hs + b * ld;
    const T* __restrict d = dh + b * H;
    T* __restrict out = dpre + b * H;
    if (relu) {
      for (std::size_t j = 0; j < H; ++j) out[j] = h[j] > T(0) ? d[j] : T(0);
    } else {
      for (std::size_t j = 0; j < H; ++j) out[j] = d[j] * (T(1) - h[j] * h[j]);
    }
  }
  return sumsq;
}

}  // namespace

// float: the AVX2 build when the CPU runs it (elementwise.cpp), else the baseline build.
void lstm_forward_step(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev,
                       std::size_t ldp, float* c, float* h, std::size_t ld, float* tc);
void gru_forward_step(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih, const float* bhh,
                      const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn);
float lstm_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec,
                         float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp,
                         float* dcrec, float* dG);
float gru_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh,
                        const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG,
                        float* dGh);
float rnn_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh,
                        const float* hs, bool relu, float* dpre);

// double: always the baseline loops (libm activations, the reference engine's math to rounding).
static inline void lstm_forward_step(std::size_t B, std::size_t H, double* gates, const double* bias,
                                     const double* cprev, std::size_t ldp, double* c, double* h, std::size_t ld,
                                     double* tc) {
  lstm_forward_rows(B, H, gates, bias, cprev, ldp, c, h, ld, tc);
}
static inline void gru_forward_step(std::size_t B, std::size_t H, double* gates, const double* gh, const double* bih,
                                    const double* bhh, const double* hprev, std::size_t ldp, double* h,
                                    std::size_t ld, double* ghn) {
  gru_forward_rows(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn);
}
static inline double lstm_backward_step(std::size_t B, std::size_t H, const double* above, std::size_t ld, const double* rec,
                                 double* dh, const double* gates, const double* tanhc, const double* cprev,
                                 std::size_t ldp, double* dcrec, double* dG) {
  return lstm_backward_rows(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG);
}
static inline double gru_backward_step(std::size_t B, std::size_t H, const double* above, std::size_t ld, double* rec,
                                double* dh, const double* gates, const double* ghn, const double* hprev,
                                std::size_t ldp, double* dG, double* dGh) {
  return gru_backward_rows(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh);
}
static inline double rnn_backward_step(std::size_t B, std::size_t H, const double* above, std::size_t ld, const double* rec,
                                double* dh, const double* hs, bool relu, double* dpre) {
  return rnn_backward_rows(B, H, above, ld, rec, dh, hs, relu, dpre);
}

}  // namespace rnnlab
