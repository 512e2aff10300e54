// The float32 elementwise loops of fastmath.h compiled with AVX2/FMA flags (binding.gyp's rnnlab_kernel_avx2
// target). Only called after elementwise.cpp has checked that the CPU and OS run AVX2.
#include "fastmath.h"

namespace rnnlab {
namespace avx2 {

void sigmoid_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld) { sigmoid_rows_loop(v, rows, n, ld); }
void tanh_rows_f32(float* v, std::size_t rows, std::size_t n, std::size_t ld) { tanh_rows_loop(v, rows, n, ld); }

}  // namespace avx2
}  // namespace rnnlab
