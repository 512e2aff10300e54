// Run-time choice of the float32 elementwise loops (fastmath.h activations, gate_steps.h time steps): the AVX-512 or
// AVX2 build (elementwise_avx512.cpp, elementwise_avx2.cpp, x86-64 only) when the GEMM dispatcher chose that variant
// (same CPU and OS checks, same RNNLAB_GEMM override), else the baseline build compiled here.
#include <cstdlib>
#include <cstring>
#include "gate_steps.h"
#include "gemm.h"
#include "small_head.h"
#include "small_pack.h"

namespace rnnlab {

#if defined(RNNLAB_KERNEL_HAVE_AVX2)
#define RNNLAB_DECLARE_SIMD_LOOPS \
void sigmoid_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld); \
void tanh_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld); \
void lstm_forward_f32(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev, \
                      std::size_t ldp, float* c, float* h, std::size_t ld, float* tc); \
void gru_forward_f32(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih, \
                     const float* bhh, const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn); \
float lstm_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, \
                        float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp, \
                        float* dcrec, float* dG); \
float gru_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh, \
                       const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG, \
                       float* dGh); \
float rnn_backward_f32(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh, \
                       const float* hs, bool relu, float* dpre); \
void small_rnn_forward_f32(const SmallRnnForward& a, int B); \
void small_gru_forward_f32(const SmallGruForward& a, int B); \
float small_backward_f32(const SmallBackward& a, int B); \
void small_head_backward_f32(const SmallHeadBackward& a, std::size_t rows);
namespace avx2 {
RNNLAB_DECLARE_SIMD_LOOPS
}  // namespace avx2
#if defined(RNNLAB_KERNEL_HAVE_AVX512)
namespace avx512 {
RNNLAB_DECLARE_SIMD_LOOPS
}  // namespace avx512
#endif

// 0 baseline, 1 AVX2, 2 AVX-512: asked on first use, not at load (the GEMM's own choice is made by another
// translation unit's initialiser).
static int simd_level() {
  static const int level = std::strcmp(gemm_variant(), "avx512") == 0 ? 2 : std::strcmp(gemm_variant(), "avx2") == 0 ? 1 : 0;
  return level;
}
#if defined(RNNLAB_KERNEL_HAVE_AVX512)
#define RNNLAB_SIMD_OR_BASELINE(simd_call, baseline_call) \
  switch (simd_level()) { \
    case 2: return avx512::simd_call; \
    case 1: return avx2::simd_call; \
    default: return baseline_call; \
  }
#else
#define RNNLAB_SIMD_OR_BASELINE(simd_call, baseline_call) return simd_level() ? avx2::simd_call : baseline_call
#endif
#else
#define RNNLAB_SIMD_OR_BASELINE(simd_call, baseline_call) return baseline_call
#endif

void sigmoid_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
  RNNLAB_SIMD_OR_BASELINE(sigmoid_rows_f32(v, rows, n, ld), sigmoid_rows_loop(v, rows, n, ld));
}

void tanh_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
  RNNLAB_SIMD_OR_BASELINE(tanh_rows_f32(v, rows, n, ld), tanh_rows_loop(v, rows, n, ld));
}

void lstm_forward_step(std::size_t B, std::size_t H, float* gates, const float* bias, const float* cprev,
                       std::size_t ldp, float* c, float* h, std::size_t ld, float* tc) {
  RNNLAB_SIMD_OR_BASELINE(lstm_forward_f32(B, H, gates, bias, cprev, ldp, c, h, ld, tc),
                          lstm_forward_rows(B, H, gates, bias, cprev, ldp, c, h, ld, tc));
}

void gru_forward_step(std::size_t B, std::size_t H, float* gates, const float* gh, const float* bih, const float* bhh,
                      const float* hprev, std::size_t ldp, float* h, std::size_t ld, float* ghn) {
  RNNLAB_SIMD_OR_BASELINE(gru_forward_f32(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn),
                          gru_forward_rows(B, H, gates, gh, bih, bhh, hprev, ldp, h, ld, ghn));
}

float lstm_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec,
                         float* dh, const float* gates, const float* tanhc, const float* cprev, std::size_t ldp,
                         float* dcrec, float* dG) {
  RNNLAB_SIMD_OR_BASELINE(lstm_backward_f32(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG),
                          lstm_backward_rows(B, H, above, ld, rec, dh, gates, tanhc, cprev, ldp, dcrec, dG));
}

float gru_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, float* rec, float* dh,
                        const float* gates, const float* ghn, const float* hprev, std::size_t ldp, float* dG,
                        float* dGh) {
  RNNLAB_SIMD_OR_BASELINE(gru_backward_f32(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh),
                          gru_backward_rows(B, H, above, ld, rec, dh, gates, ghn, hprev, ldp, dG, dGh));
}

float rnn_backward_step(std::size_t B, std::size_t H, const float* above, std::size_t ld, const float* rec, float* dh,
                        const float* hs, bool relu, float* dpre) {
  RNNLAB_SIMD_OR_BASELINE(rnn_backward_f32(B, H, above, ld, rec, dh, hs, relu, dpre),
                          rnn_backward_rows(B, H, above, ld, rec, dh, hs, relu, dpre));
}

int small_width() {
#if defined(RNNLAB_KERNEL_HAVE_AVX2)
  static const int width = [] {
    const char* env = std::getenv("RNNLAB_SMALL_FUSED");
    if (env && std::strcmp(env, "off") == 0) return 0;
    return simd_level() == 2 ? 16 : simd_level() == 1 ? 8 : 0;
  }();
  return width;
#else
  return 0;
#endif
}

// Called only when small_fits() (small_head_fits()) said yes, so small_width() > 0 and an AVX2 or AVX-512 build is
// linked in.
#if defined(RNNLAB_KERNEL_HAVE_AVX2)
void small_rnn_forward(const SmallRnnForward& a, int B) { RNNLAB_SIMD_OR_BASELINE(small_rnn_forward_f32(a, B), void()) }
void small_gru_forward(const SmallGruForward& a, int B) { RNNLAB_SIMD_OR_BASELINE(small_gru_forward_f32(a, B), void()) }
float small_backward(const SmallBackward& a, int B) { RNNLAB_SIMD_OR_BASELINE(small_backward_f32(a, B), 0.0f) }
void small_head_backward(const SmallHeadBackward& a, std::size_t rows) {
  RNNLAB_SIMD_OR_BASELINE(small_head_backward_f32(a, rows), void())
}
#else
// No AVX2 build linked in: small_width() is 0, so no layer or head is ever sent here.
void small_rnn_forward(const SmallRnnForward&, int) {}
void small_gru_forward(const SmallGruForward&, int) {}
float small_backward(const SmallBackward&, int) { return 0.0f; }
void small_head_backward(const SmallHeadBackward&, std::size_t) {}
#endif

}  // namespace rnnlab
