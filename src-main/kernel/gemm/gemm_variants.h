// Internal: the table of functions each GEMM variant provides, and the scratch memory they share.
// Only gemm_dispatch.cpp chooses among the variants; nothing outside src-main/kernel/gemm includes this file.
#pragma once
#include <cstddef>

namespace rnnlab {

// The operations of one variant for one element type. Packed-B layouts are private to the variant that made them.
template <typename T>
struct GemmOps {
  void (*gemm)(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb,
               T beta, T* C, int ldc);
  std::size_t (*packed_size)(int K, int N);  // elements pack_b writes for op(B) (K, N)
  void (*pack_b)(bool transB, int K, int N, const T* B, int ldb, T* out);
  void (*gemm_packed)(bool transA, int M, int N, int K, T alpha, const T* A, int lda, const T* packed, T beta, T* C,
                      int ldc);
};

struct GemmVariant {
  const char* name;
  GemmOps<float> f32;
  GemmOps<double> f64;
};

extern const GemmVariant kGemmNaive;
extern const GemmVariant kGemmGeneric;
#if defined(RNNLAB_GEMM_HAVE_AVX2)
extern const GemmVariant kGemmAvx2;
#endif
#if defined(RNNLAB_GEMM_HAVE_AVX512)
extern const GemmVariant kGemmAvx512;
#endif
#if defined(RNNLAB_GEMM_HAVE_NEON)
extern const GemmVariant kGemmNeon;
#endif

// Thread-local scratch of at least `count` elements, 64-byte aligned, grown on demand and kept for the next call.
// slot 0 holds a packed B block, slot 1 a packed A block. Defined in gemm_dispatch.cpp (compiled without SIMD flags,
// so no variant emits its own copy of the allocator code).
template <typename T>
T* gemm_scratch(int slot, std::size_t count);

}  // namespace rnnlab
