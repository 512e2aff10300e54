// Run-time choice of the float32 elementwise loops: the AVX2 build (elementwise_avx2.cpp, x86-64 only) when the
// GEMM dispatcher chose AVX2 (same CPU and OS checks, same RNNLAB_GEMM override), else the baseline build.
#include <cstring>
#include "fastmath.h"
#include "gemm.h"

namespace rnnlab {

#if defined(RNNLAB_KERNEL_HAVE_AVX2)
namespace avx2 {
void sigmoid_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld);
void tanh_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld);
}  // namespace avx2

// Asked on first use, not at load: the GEMM's own choice is made by another translation unit's initialiser.
static bool use_avx2() {
  static const bool yes = std::strcmp(gemm_variant(), "avx2") == 0;
  return yes;
}
#endif

void sigmoid_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
#if defined(RNNLAB_KERNEL_HAVE_AVX2)
  if (use_avx2()) return avx2::sigmoid_rows_f32(v, rows, n, ld);
#endif
  sigmoid_rows_loop(v, rows, n, ld);
}

void tanh_rows(float* v, std::size_t rows, std::size_t n, std::size_t ld) {
#if defined(RNNLAB_KERNEL_HAVE_AVX2)
  if (use_avx2()) return avx2::tanh_rows_f32(v, rows, n, ld);
#endif
  tanh_rows_loop(v, rows, n, ld);
}

}  // namespace rnnlab
