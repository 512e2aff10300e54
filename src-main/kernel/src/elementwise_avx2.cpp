// The float32 elementwise loops of fastmath.h and gate_steps.h, the fused small-H steps of small_steps.h and the
// fused small head backward of small_head_steps.h,
// compiled with AVX2/FMA flags (binding.gyp's
// rnnlab_kernel_avx2 target). Only called after elementwise.cpp has checked that the CPU and OS run AVX2.
// elementwise_avx512.cpp includes this file with RNNLAB_SIMD_NS set to avx512 (the same loops, AVX-512 flags).
#include "gate_steps.h"
#include "small_steps.h"
#include "small_head_steps.h"

#ifndef RNNLAB_SIMD_NS
#define RNNLAB_SIMD_NS avx2
#endif

namespace rnnlab {
namespace RNNLAB_SIMD_NS {

void sigmoid_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld) { sigmoid_rows_loop(v, rows, n, ld); }
void tanh_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld) { tanh_rows_loop(v, rows, n, ld); }

void lstm_forward_f32(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev,
                      std::size_t ldp, float* c, float* h, std::size_t ld, float* tc) {
  lstm_forward_rows(B, H, gates, bias, cprev, ldp, c, h, ld, tc);
}
void gru_forward_f32(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih,
                     const float* bhh, const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn) {
  gru_forward_rows(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn);
}
float lstm_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec,
                        float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp,
                        float* dcrec, float* dG) {
  return lstm_backward_rows(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG);
}
float gru_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh,
                       const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG,
                       float* dGh) {
  return gru_backward_rows(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh);
}
float rnn_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh,
                       const float* hs, bool relu, float* dpre) {
  return rnn_backward_rows(B, H, above, ld, rec, dh, hs, relu, dpre);
}

void small_rnn_forward_f32(const SmallRnnForward& a, int B) {
  if (a.relu) small::rnn_forward<true>(a, B);
  else small::rnn_forward<false>(a, B);
}
void small_gru_forward_f32(const SmallGruForward& a, int B) { small::gru_forward(a, B); }
float small_backward_f32(const SmallBackward& a, int B) {
  switch (a.kind) {
    case SmallKind::rnn_tanh: return small::backward<SmallKind::rnn_tanh>(a, B);
    case SmallKind::rnn_relu: return small::backward<SmallKind::rnn_relu>(a, B);
    case SmallKind::lstm: return small::backward<SmallKind::lstm>(a, B);
    case SmallKind::gru: return small::backward<SmallKind::gru>(a, B);
  }
  return 0.0f;
}
void small_head_backward_f32(const SmallHeadBackward& a, std::size_t rows) { small::head_backward(a, rows); }

}  // namespace RNNLAB_SIMD_NS
}  // namespace rnnlab
