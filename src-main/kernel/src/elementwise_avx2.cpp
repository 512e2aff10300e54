// The float32 elementwise loops of fastmath.h compiled with AVX2/FMA flags (binding.gyp's rnnlab_kernel_avx2
// target). Only called after elementwise.cpp has checked that the CPU and OS run AVX2.
#include "fastmath.h"

namespace rnnlab {
namespace avx2 {

void sigmoid_f32(float* v, std::size_t n) { sigmoid_loop(v, n); }
void tanh_f32(float* v, std::size_t n) { tanh_loop(v, n); }

}  // namespace avx2
}  // namespace rnnlab
