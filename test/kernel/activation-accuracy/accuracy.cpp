// The fused steps' float32 activations against double-precision sigmoid and tanh, for test/kernel/
// activation-accuracy.test.ts: small_steps.h's sigmoid_vec and tanh_vec in the build's vector width (compile with
// -mavx2 -mfma, or with the AVX-512 flags, where lstm_fused_avx512.cpp's sigmoid16_of_t and tanh16_of_t are measured
// too, fed t as pack() and the step make it), and fastmath.h's scalar rational forms for comparison. Prints one line
// per function: the largest absolute error over x = -20 .. 20 in steps of 1e-5 and where, then the outputs for
// special inputs. Not part of the kernel; no timing.
#include <cmath>
#include <cstdio>
#include <limits>
#include "small_steps.h"
#if defined(__AVX512F__)
#include "lstm_fused_avx512.cpp"
#endif

namespace {

using rnnlab::kLog2e;
constexpr int kLanes = rnnlab::small::kW;
constexpr double kLo = -20.0, kStep = 1e-5;
constexpr long kPoints = 4000001;

double sigmoid_ref(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Applies fn to kLanes floats at a time; returns the largest |fn(x) - ref(x)| over the grid and where.
template <typename Fn>
void measure(const char* name, Fn fn, double (*ref)(double)) {
  double worst = 0, at = 0;
  float in[16], out[16];
  for (long i = 0; i < kPoints; i += kLanes) {
    for (int l = 0; l < kLanes; ++l) in[l] = float(kLo + double(i + l < kPoints ? i + l : kPoints - 1) * kStep);
    fn(in, out);
    for (int l = 0; l < kLanes; ++l) {
      const double err = std::fabs(double(out[l]) - ref(double(in[l])));
      if (err > worst) worst = err, at = in[l];
    }
  }
  std::printf("%s max_abs_error %.3e at %.5f\n", name, worst, at);
}

// Special inputs: 0, -0, +-20, +-1e30, +-inf, NaN; prints the outputs.
template <typename Fn>
void specials(const char* name, Fn fn) {
  const float inf = std::numeric_limits<float>::infinity();
  const float in[9] = {0.0f, -0.0f, 20.0f, -20.0f, 1e30f, -1e30f, inf, -inf, std::nanf("")};
  float lanes[16] = {}, out[16];
  std::printf("%s specials", name);
  for (int j = 0; j < 9; ++j) {
    for (int l = 0; l < kLanes; ++l) lanes[l] = in[j];
    fn(lanes, out);
    std::printf(" %.9g", double(out[0]));
  }
  std::printf("\n");
}

// fastmath.h's scalar rational forms (the generic and aarch64 builds' elementwise loops), for comparison.
void rational_sigmoid(const float* in, float* out) {
  for (int l = 0; l < kLanes; ++l) out[l] = rnnlab::fast_sigmoid(in[l]);
}
void rational_tanh(const float* in, float* out) {
  for (int l = 0; l < kLanes; ++l) out[l] = rnnlab::fast_tanh(in[l]);
}

void small_sigmoid(const float* in, float* out) { rnnlab::small::store(out, rnnlab::small::sigmoid_vec(rnnlab::small::load(in))); }
void small_tanh(const float* in, float* out) { rnnlab::small::store(out, rnnlab::small::tanh_vec(rnnlab::small::load(in))); }

#if defined(__AVX512F__)
// pack() rounds -log2 e (or -2 log2 e) times each weight once, in double; the step multiplies c by the float
// -2 log2 e.
constexpr double kLog2eDouble = 1.44269504088896341;
void fused_sigmoid(const float* in, float* out) {
  float t[16];
  for (int l = 0; l < 16; ++l) t[l] = float(-kLog2eDouble * double(in[l]));
  _mm512_storeu_ps(out, rnnlab::lstm_fused::sigmoid16_of_t(_mm512_loadu_ps(t)));
}
void fused_tanh_g(const float* in, float* out) {
  float t[16];
  for (int l = 0; l < 16; ++l) t[l] = float(-2.0 * kLog2eDouble * double(in[l]));
  _mm512_storeu_ps(out, rnnlab::lstm_fused::tanh16_of_t(_mm512_loadu_ps(t)));
}
void fused_tanh_c(const float* in, float* out) {
  const __m512 t = _mm512_mul_ps(_mm512_loadu_ps(in), _mm512_set1_ps(-2.0f * kLog2e));
  _mm512_storeu_ps(out, rnnlab::lstm_fused::tanh16_of_t(t));
}
#endif

}  // namespace

int main() {
  const char* width = kLanes == 16 ? "avx512" : "avx2";
  measure("fastmath.fast_sigmoid", rational_sigmoid, sigmoid_ref);
  measure("fastmath.fast_tanh", rational_tanh, static_cast<double (*)(double)>(std::tanh));
  char name[64];
  std::snprintf(name, sizeof name, "small_steps.%s.sigmoid_vec", width);
  measure(name, small_sigmoid, sigmoid_ref);
  specials(name, small_sigmoid);
  std::snprintf(name, sizeof name, "small_steps.%s.tanh_vec", width);
  measure(name, small_tanh, static_cast<double (*)(double)>(std::tanh));
  specials(name, small_tanh);
#if defined(__AVX512F__)
  measure("lstm_fused.sigmoid16_of_t", fused_sigmoid, sigmoid_ref);
  specials("lstm_fused.sigmoid16_of_t", fused_sigmoid);
  measure("lstm_fused.tanh16_of_t.g", fused_tanh_g, static_cast<double (*)(double)>(std::tanh));
  specials("lstm_fused.tanh16_of_t.g", fused_tanh_g);
  measure("lstm_fused.tanh16_of_t.c", fused_tanh_c, static_cast<double (*)(double)>(std::tanh));
  specials("lstm_fused.tanh16_of_t.c", fused_tanh_c);
#endif
  return 0;
}
