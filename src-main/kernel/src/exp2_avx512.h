// Sigmoid and tanh through 2^t on 16 float lanes, in AVX-512F intrinsics: the activations of the fused LSTM step
// (lstm_fused_avx512.cpp) and of the AVX-512 build of small_steps.h (rnn and gru tiles). 2^t is f = t - floor(t) by
// vreduceps, fastmath.h's kExp2P polynomial p(f) (five multiply-adds), times 2^floor(t) by vscalefps; neither of
// those two uses the FMA pipes (Zen 4), which the products keep busy. Callers pass t, the pre-activation times
// -log2 e (sigmoid) or -2 log2 e (tanh), which the fused LSTM's pack() folds into the weights.
// Included only by files built with the AVX-512 flags; internal linkage, and no standard-library templates, so no
// AVX-512 copy of a function can reach baseline code through the linker.
#pragma once
#include <immintrin.h>
#include "fastmath.h"

namespace rnnlab {
namespace {
namespace exp2act {

// 2^t. Needs no clamp: t = +inf gives +inf, -inf gives 0, NaN stays NaN. The masked forms with every lane on are
// plain vscalefps / vminps: GCC 12's unmasked intrinsics pass _mm512_undefined_ps() as the unused source, which
// -Wmaybe-uninitialized reports at every inlined call.
inline __m512 exp2_16(__m512 t) {
  const __m512 f = _mm512_reduce_ps(t, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  __m512 p = _mm512_set1_ps(kExp2P[0]);
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(kExp2P[1]));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(kExp2P[2]));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(kExp2P[3]));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(kExp2P[4]));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.0f));
  return _mm512_mask_scalef_ps(p, __mmask16(0xFFFF), p, t);
}

// sigma(x) = 1 / (1 + 2^t) from t = -x log2 e: within 1e-7, exact 1/2 at 0.
inline __m512 sigmoid16_of_t(__m512 t) {
  const __m512 one = _mm512_set1_ps(1.0f);
  return _mm512_div_ps(one, _mm512_add_ps(one, exp2_16(t)));
}

// tanh(x) = (1 - 2^t) / (1 + 2^t) from t = -2 x log2 e: within 1.4e-7, exact 0 at 0. t is capped at 64 (x < -22,
// where tanh is -1 in float) so that 2^t stays finite; min(64, t) keeps a NaN t.
inline __m512 tanh16_of_t(__m512 t) {
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 e = exp2_16(_mm512_mask_min_ps(t, __mmask16(0xFFFF), _mm512_set1_ps(64.0f), t));
  return _mm512_div_ps(_mm512_sub_ps(one, e), _mm512_add_ps(one, e));
}

}  // namespace exp2act
}  // namespace
}  // namespace rnnlab
