// The float32 elementwise loops (fastmath.h, gate_steps.h) compiled with AVX-512 flags, in namespace avx512
// (binding.gyp's rnnlab_kernel_avx512 target). Only called after elementwise.cpp has found the GEMM on AVX-512.
#define RNNLAB_SIMD_NS avx512
#include "elementwise_avx2.cpp"
