// Chooses the GEMM variant once (CPU features, then the RNNLAB_GEMM override) and forwards the public API to it.
// Also owns the thread-local packing scratch. Compiled without SIMD flags: it must run on any CPU.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include "gemm.h"
#include "gemm_variants.h"

#if (defined(RNNLAB_GEMM_HAVE_AVX2) || defined(RNNLAB_GEMM_HAVE_AVX512)) && defined(_MSC_VER)
#include <immintrin.h>
#include <intrin.h>
#endif

namespace rnnlab {
namespace {

#if defined(RNNLAB_GEMM_HAVE_AVX2)
// AVX2 and FMA in the CPU, and the OS saving the YMM registers on a context switch (XCR0 bits 1 and 2).
bool cpu_runs_avx2() {
#if defined(_MSC_VER)
  int regs[4];
  __cpuid(regs, 0);
  if (regs[0] < 7) return false;
  __cpuid(regs, 1);
  const bool osxsave = regs[2] & (1 << 27), avx = regs[2] & (1 << 28), fma = regs[2] & (1 << 12);
  if (!osxsave || !avx || !fma) return false;
  if ((_xgetbv(0) & 6) != 6) return false;
  __cpuidex(regs, 7, 0);
  return (regs[1] & (1 << 5)) != 0;
#else
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return false;
  // libgcc already folds the XGETBV check into "avx2"; ask again so an old runtime cannot get this wrong.
  std::uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (eax & 6) == 6;
#endif
}
#endif

#if defined(RNNLAB_GEMM_HAVE_AVX512)
// AVX-512 F/VL/BW/DQ in the CPU, and the OS saving the YMM and ZMM state (XCR0 bits 1, 2, 5, 6 and 7).
bool cpu_runs_avx512() {
#if defined(_MSC_VER)
  int regs[4];
  __cpuid(regs, 0);
  if (regs[0] < 7) return false;
  __cpuid(regs, 1);
  if (!(regs[2] & (1 << 27)) || !(regs[2] & (1 << 12))) return false;  // OSXSAVE, FMA
  if ((_xgetbv(0) & 0xe6) != 0xe6) return false;
  __cpuidex(regs, 7, 0);
  const int f = 1 << 16, dq = 1 << 17, bw = 1 << 30, vl = 1 << 31;
  return (regs[1] & (f | dq | bw | vl)) == (f | dq | bw | vl);
#else
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512vl") ||
      !__builtin_cpu_supports("avx512bw") || !__builtin_cpu_supports("avx512dq") || !__builtin_cpu_supports("fma"))
    return false;
  std::uint32_t eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (eax & 0xe6) == 0xe6;
#endif
}
#endif

// The widest variant the CPU runs, unless RNNLAB_GEMM names one: naive and generic always run; avx2 and avx512 are
// honoured only when the CPU runs them (asking for a wider one than the CPU has gives the widest it has). On arm64
// the NEON variant is the default (NEON is baseline there).
const GemmVariant* choose_variant() {
  const char* env = std::getenv("RNNLAB_GEMM");
  const char* forced = env ? env : "";
  if (std::strcmp(forced, "naive") == 0) return &kGemmNaive;
  if (std::strcmp(forced, "generic") == 0) return &kGemmGeneric;
#if defined(RNNLAB_GEMM_HAVE_NEON)
  return &kGemmNeon;
#endif
#if defined(RNNLAB_GEMM_HAVE_AVX512)
  if (std::strcmp(forced, "avx2") != 0 && cpu_runs_avx512()) return &kGemmAvx512;
#endif
#if defined(RNNLAB_GEMM_HAVE_AVX2)
  if (cpu_runs_avx2()) return &kGemmAvx2;
#endif
  return &kGemmGeneric;
}

// Index i of this table is the PackedB::variant tag, so a packed matrix always meets the kernel that packed it.
const GemmVariant* const kVariants[] = {
    &kGemmNaive, &kGemmGeneric,
#if defined(RNNLAB_GEMM_HAVE_AVX2)
    &kGemmAvx2,
#endif
#if defined(RNNLAB_GEMM_HAVE_AVX512)
    &kGemmAvx512,
#endif
#if defined(RNNLAB_GEMM_HAVE_NEON)
    &kGemmNeon,
#endif
};

int variant_index(const GemmVariant* v) {
  for (int i = 0; i < int(sizeof(kVariants) / sizeof(kVariants[0])); ++i)
    if (kVariants[i] == v) return i;
  return -1;
}

const GemmVariant& active() {
  static const GemmVariant* const chosen = choose_variant();  // thread-safe one-time initialisation
  return *chosen;
}

const GemmOps<float>& ops_of(const GemmVariant& v, float*) { return v.f32; }
const GemmOps<double>& ops_of(const GemmVariant& v, double*) { return v.f64; }

// The variant for a product N columns wide: AVX-512 tiles are 32 floats (16 doubles) wide, so a product narrower than
// one 512-bit vector would run mostly padding through its scratch tile; the AVX2 tiles (half as wide) take those
// (measured: a 16x8x8 float product runs at 10 GFLOP/s through AVX-512, 25 through AVX2; scripts/bench-gemm.mjs).
template <typename T>
const GemmVariant& variant_for(int N) {
#if defined(RNNLAB_GEMM_HAVE_AVX512) && defined(RNNLAB_GEMM_HAVE_AVX2)
  if (&active() == &kGemmAvx512 && N < int(64 / sizeof(T))) return kGemmAvx2;
#else
  (void)N;
#endif
  return active();
}

template <typename T>
const GemmOps<T>& ops_for(int N) {
  return ops_of(variant_for<T>(N), static_cast<T*>(nullptr));
}

// The variant for a whole product: the narrow outer sums C (M, N <= 8) = A^T B (gemm_narrow.h: dW_ih = dG^T x of a
// layer with a few inputs) run their vectors along M, not N, so they keep the widest variant when M fills its
// column chunk (4 vectors: 64 floats on AVX-512). Measured on the lstm 4/32 step (perf, 3000 steps): dW_ih 4.6% of
// the step through AVX2's chunks of 16 floats, 2.8% through AVX-512's of 64.
template <typename T>
const GemmOps<T>& ops_for_product(bool transA, bool transB, int M, int N) {
  if (transA && !transB && N <= 8 && M >= int(256 / sizeof(T))) return ops_of(active(), static_cast<T*>(nullptr));
  return ops_for<T>(N);
}

// One growable 64-byte-aligned buffer per slot and element type, per thread.
struct ScratchBuffer {
  std::unique_ptr<unsigned char[]> bytes;
  std::size_t capacity = 0;  // usable bytes after alignment
};

}  // namespace

template <typename T>
T* gemm_scratch(int slot, std::size_t count) {
  thread_local ScratchBuffer buffers[2];
  ScratchBuffer& buf = buffers[slot];
  const std::size_t need = count * sizeof(T);
  if (buf.capacity < need || !buf.bytes) {
    buf.bytes.reset(new unsigned char[need + 64]);
    buf.capacity = need;
  }
  const auto addr = reinterpret_cast<std::uintptr_t>(buf.bytes.get());
  return reinterpret_cast<T*>((addr + 63) & ~std::uintptr_t(63));
}

template <typename T>
void gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, int lda, const T* B, int ldb, T beta,
          T* C, int ldc) {
  ops_for_product<T>(transA, transB, M, N).gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}

template <typename T>
void pack_b(PackedB<T>& out, bool transB, int K, int N, const T* B, int ldb) {
  const GemmOps<T>& ops = ops_for<T>(N);
  out.K = K < 0 ? 0 : K;
  out.N = N < 0 ? 0 : N;
  out.variant = variant_index(&variant_for<T>(N));
  out.data.resize(ops.packed_size(out.K, out.N));
  if (!out.data.empty()) ops.pack_b(transB, out.K, out.N, B, ldb, out.data.data());
}

template <typename T>
void gemm_packed(bool transA, int M, T alpha, const T* A, int lda, const PackedB<T>& B, T beta, T* C, int ldc) {
  const GemmVariant& v = B.variant >= 0 ? *kVariants[B.variant] : active();
  ops_of(v, static_cast<T*>(nullptr))
      .gemm_packed(transA, M, B.N, B.K, alpha, A, lda, B.data.data(), beta, C, ldc);
}

const char* gemm_variant() { return active().name; }

template float* gemm_scratch<float>(int, std::size_t);
template double* gemm_scratch<double>(int, std::size_t);
template void gemm<float>(bool, bool, int, int, int, float, const float*, int, const float*, int, float, float*, int);
template void gemm<double>(bool, bool, int, int, int, double, const double*, int, const double*, int, double, double*,
                           int);
template void pack_b<float>(PackedB<float>&, bool, int, int, const float*, int);
template void pack_b<double>(PackedB<double>&, bool, int, int, const double*, int);
template void gemm_packed<float>(bool, int, float, const float*, int, const PackedB<float>&, float, float*, int);
template void gemm_packed<double>(bool, int, double, const double*, int, const PackedB<double>&, double, double*, int);

}  // namespace rnnlab
