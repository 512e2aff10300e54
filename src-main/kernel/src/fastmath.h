// Elementwise exp/sigmoid/tanh over arrays. float32 uses branch-free polynomials the compiler vectorises (baseline
// SIMD here; elementwise_avx2.cpp compiles the same loops for AVX2, picked at run time): a Cephes-style exp within
// 2e-7 relative, a rational tanh (and sigmoid through it) within 4e-7 absolute; float64 keeps libm so the double path
// matches the reference engine to rounding.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace rnnlab {
// Internal linkage for everything defined here: elementwise_avx2.cpp compiles these with AVX2 flags, and an inline
// function with external linkage could have its AVX2 copy chosen by the linker for baseline callers.
namespace {

// e^x for float, |relative error| < 2e-7 on [-87, 88]; inputs outside are clamped (e^-87 ~ 1.6e-38).
inline float fast_exp(float x) {
  // Branch-free (the selects become SIMD min/max, copysign bit operations) so loops over it vectorise.
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  const float fx = x * 1.44269504088896341f;
  const int n = int(fx + std::copysign(0.5f, fx));  // round half away from zero
  const float nf = float(n);
  x = x - nf * 0.693359375f + nf * 2.12194440e-4f;
  float y = 1.9875691500e-4f;
  y = y * x + 1.3981999507e-3f;
  y = y * x + 8.3334519073e-3f;
  y = y * x + 4.1665795894e-2f;
  y = y * x + 1.6666665459e-1f;
  y = y * x + 5.0000001201e-1f;
  y = y * x * x + x + 1.0f;
  const std::int32_t bits = (n + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return y * scale;
}

// tanh for float as an odd/even rational function of degree 13/6 (Eigen's ptanh coefficients): tanh(x) = x p(x^2) /
// q(x^2) with the coefficients below, highest power first. The AVX2 build of small_steps.h's tanh_vec evaluates the
// same polynomials in the same order.
inline constexpr float kTanhP[7] = {-2.76076847742355e-16f, 2.00018790482477e-13f, -8.60467152213735e-11f,
                                   5.12229709037114e-08f,  1.48572235717979e-05f, 6.37261928875436e-04f,
                                   4.89352455891786e-03f};
inline constexpr float kTanhQ[4] = {1.19825839466702e-06f, 1.18534705686654e-04f, 2.26843463243900e-03f,
                                   4.89352518554385e-03f};

// 2^f for f in [0, 1) as 1 + f (c4 f^4 + c3 f^3 + c2 f^2 + c1 f + c0), coefficients below highest power first: the
// minimax polynomial of relative error with p(0) = 1 exactly (|relative error| < 8.3e-8 in exact arithmetic). Used
// by the AVX-512 activations of the fused steps (exp2_avx512.h's exp2_16, for the fused LSTM and small_steps.h), which
// take t = floor(t) + f and scale p(f) by 2^floor(t): sigma(x) = 1 / (1 + 2^(-x log2 e)) and tanh(x) =
// (1 - 2^(-2x log2 e)) / (1 + 2^(-2x log2 e)), five multiply-adds and one division where the rational tanh takes ten
// multiplies and multiply-adds. p(0) = 1 keeps sigma(0) = 1/2 and tanh(0) = 0 exact.
inline constexpr float kExp2P[5] = {1.8671300699e-03f, 9.0170303224e-03f, 5.5799913104e-02f, 2.4016445016e-01f,
                                    6.9315131180e-01f};
inline constexpr float kLog2e = 1.44269504088896341f;

// The rational tanh on a float or on a GCC vector of floats (small_steps.h's AVX2 tanh_vec): clamp to [-9, 9], then
// x p(x^2) / q(x^2) with kTanhP, kTanhQ; `splat` makes a V from a float.
template <typename V, typename Splat>
inline V rational_tanh(V x, Splat splat) {
  const V lo = splat(-9.0f), hi = splat(9.0f);
  x = x < lo ? lo : x;
  x = x > hi ? hi : x;
  const V x2 = x * x;
  V p = splat(kTanhP[0]);
  p = p * x2 + kTanhP[1];
  p = p * x2 + kTanhP[2];
  p = p * x2 + kTanhP[3];
  p = p * x2 + kTanhP[4];
  p = p * x2 + kTanhP[5];
  p = p * x2 + kTanhP[6];
  V q = splat(kTanhQ[0]);
  q = q * x2 + kTanhQ[1];
  q = q * x2 + kTanhQ[2];
  q = q * x2 + kTanhQ[3];
  return x * p / q;
}

// fast_tanh: no exp and one division, |error| < 4e-7 everywhere (measured on a 1e-5 grid over [-20, 20] against
// double tanh); exact 0 at 0, and |x| >= 9 gives +-1 as float rounding of tanh does.
inline float fast_tanh(float x) {
  return rational_tanh(x, [](float s) { return s; });
}

inline float fast_sigmoid(float x) { return 0.5f + 0.5f * fast_tanh(0.5f * x); }

inline float exp_of(float x) { return fast_exp(x); }
inline double exp_of(double x) { return std::exp(x); }
inline float sigmoid_of(float x) { return fast_sigmoid(x); }
inline double sigmoid_of(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline float tanh_of(float x) { return fast_tanh(x); }
inline double tanh_of(double x) { return std::tanh(x); }

template <typename T>
inline void sigmoid_loop(T* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) v[i] = sigmoid_of(v[i]);
}

template <typename T>
inline void tanh_loop(T* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) v[i] = tanh_of(v[i]);
}

// n values in each of `rows` rows that start ld apart (one call per time step rather than per row).
template <typename T>
inline void sigmoid_rows_loop(T* v, std::size_t rows, std::size_t n, std::size_t ld) {
  for (std::size_t r = 0; r < rows; ++r) sigmoid_loop(v + r * ld, n);
}

template <typename T>
inline void tanh_rows_loop(T* v, std::size_t rows, std::size_t n, std::size_t ld) {
  for (std::size_t r = 0; r < rows; ++r) tanh_loop(v + r * ld, n);
}

}  // namespace

// In place; the float versions dispatch to the widest compiled variant (elementwise.cpp).
void sigmoid_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld);
void tanh_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld);

static inline void sigmoid_rows(double* v, std::size_t rows, std::size_t n, std::size_t ld) { sigmoid_rows_loop(v, rows, n, ld); }
static inline void tanh_rows(double* v, std::size_t rows, std::size_t n, std::size_t ld) { tanh_rows_loop(v, rows, n, ld); }

template <typename T>
static inline void sigmoid_inplace(T* v, std::size_t n) { sigmoid_rows(v, 1, n, n); }
template <typename T>
static inline void tanh_inplace(T* v, std::size_t n) { tanh_rows(v, 1, n, n); }

}  // namespace rnnlab
