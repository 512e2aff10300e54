// Run-time choice of the float32 elementwise loops (fastmath.h activations, gate_steps.h time steps): the AVX2 build
// (elementwise_avx2.cpp, x86-64 only) when the GEMM dispatcher chose AVX2 (same CPU and OS checks, same RNNLAB_GEMM
// override), else the baseline build compiled here.
#include <cstring>
#include "gate_steps.h"
#include "gemm.h"

namespace rnnlab {

#if defined(RNNLAB_KERNEL_HAVE_AVX2)
namespace avx2 {
void sigmoid_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld);
void tanh_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld);
void lstm_forward_f32(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev,
                      std::size_t ldp, float* c, float* h, std::size_t ld, float* tc);
void gru_forward_f32(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih,
                     const float* bhh, const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn);
float lstm_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec,
                        float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp,
                        float* dcrec, float* dG);
float gru_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh,
                       const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG,
                       float* dGh);
float rnn_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh,
                       const float* hs, bool relu, float* dpre);
}  // namespace avx2

// Asked on first use, not at load: the GEMM's own choice is made by another translation unit's initialiser.
static bool use_avx2() {
  static const bool yes = std::strcmp(gemm_variant(), "avx2") == 0;
  return yes;
}
#define RNNLAB_AVX2_OR_BASELINE(avx2_call, baseline_call) return use_avx2() ? avx2_call : baseline_call
#else
#define RNNLAB_AVX2_OR_BASELINE(avx2_call, baseline_call) return baseline_call
#endif

void sigmoid_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
  RNNLAB_AVX2_OR_BASELINE(avx2::sigmoid_rows_f32(v, rows, n, ld), sigmoid_rows_loop(v, rows, n, ld));
}

void tanh_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
  RNNLAB_AVX2_OR_BASELINE(avx2::tanh_rows_f32(v, rows, n, ld), tanh_rows_loop(v, rows, n, ld));
}

void lstm_forward_step(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev,
                       std::size_t ldp, float* c, float* h, std::size_t ld, float* tc) {
  RNNLAB_AVX2_OR_BASELINE(avx2::lstm_forward_f32(B, H, gates, bias, cprev, ldp, c, h, ld, tc),
                          lstm_forward_rows(B, H, gates, bias, cprev, ldp, c, h, ld, tc));
}

void gru_forward_step(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih, const float* bhh,
                      const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn) {
  RNNLAB_AVX2_OR_BASELINE(avx2::gru_forward_f32(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn),
                          gru_forward_rows(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn));
}

float lstm_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec,
                         float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp,
                         float* dcrec, float* dG) {
  RNNLAB_AVX2_OR_BASELINE(avx2::lstm_backward_f32(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG),
                          lstm_backward_rows(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG));
}

float gru_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh,
                        const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG,
                        float* dGh) {
  RNNLAB_AVX2_OR_BASELINE(avx2::gru_backward_f32(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh),
                          gru_backward_rows(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh));
}

float rnn_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh,
                        const float* hs, bool relu, float* dpre) {
  RNNLAB_AVX2_OR_BASELINE(avx2::rnn_backward_f32(B, H, above, ld, rec, dh, hs, relu, dpre),
                          rnn_backward_rows(B, H, above, ld, rec, dh, hs, relu, dpre));
}

}  // namespace rnnlab
