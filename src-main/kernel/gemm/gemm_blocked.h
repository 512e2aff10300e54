// The blocked GEMM driver shared by the SIMD variants (the BLIS loop nest: pack a block of op(B) into NR-column
// panels, a block of op(A) into MR-row panels or read it in place, and let a register-tiled micro-kernel sweep
// them), plus direct loops for one or two rows, or a few columns, where a register tile would be mostly padding.
// Each variant's .cpp defines RNNLAB_GEMM_NS and its Kernel types, then includes this file: every function here lands
// in that variant's own namespace, so copies compiled with different SIMD flags can never be merged by the linker.
#ifndef RNNLAB_GEMM_NS
#error "define RNNLAB_GEMM_NS (the variant's namespace) before including gemm_blocked.h"
#endif
#include <cstddef>
#include "gemm_variants.h"

namespace rnnlab {
namespace RNNLAB_GEMM_NS {

using Index = std::ptrdiff_t;

inline int min_int(int a, int b) { return a < b ? a : b; }
inline int round_up(int n, int multiple) { return (n + multiple - 1) / multiple * multiple; }

// How a tile reads op(A): from packed MR-row panels (element (i, k) at a[k * MR + i]), or straight from the caller's
// matrix, row-major (a[i * lda + k]) or transposed (a[k * lda + i]). Reading in place saves the packing pass, which
// costs as much as the arithmetic when N is small.
enum AccessA { kPackedA, kRowsA, kColsA };

// Kernel contract: element type Elem; tile sizes MR, NR; cache blocks KC (depth), MC (rows, multiple of MR),
// NC (columns, multiple of NR); kRowsInPlace, whether kRowsA access is fast (else op(A) rows get packed); and
//   template <int R, int W, int kA>
//   static void tile(int kc, const Elem* a, Index lda, const Elem* b /* (kc, NR) */, Elem* c, Index ldc,
//                    Elem alpha, Elem beta);
// which sets the (R, W) tile at c (R <= MR, W == NR or NR / 2: the first W columns of the panel) to
// alpha * op(A)(R rows, kc) * b + beta * c, not reading c when beta == 0; `a` is read as AccessA kA says.
// kVecPaths: whether the kernel also provides Simd (its SIMD vector: kLanes, zero, load, store, splat, fma, reduce)
// and the sizes kDotRows, kOuterVecs of the narrow loops (gemm_narrow.h).

// Packs op(A) rows [0, mc) x depth [0, kc) into MR-row panels, each (kc, MR), zero-padding the last panel.
// `A` points at element (0, 0) of the block: A + row * lda + k, or A + k * lda + row when transA.
template <typename T, int MR>
void pack_a(bool transA, int mc, int kc, const T* A, Index lda, T* out) {
  for (int i0 = 0; i0 < mc; i0 += MR, out += Index(MR) * kc) {
    const int mr = min_int(MR, mc - i0);
    if (transA) {
      for (int k = 0; k < kc; ++k) {
        const T* src = A + k * lda + i0;
        for (int i = 0; i < mr; ++i) out[k * MR + i] = src[i];
        for (int i = mr; i < MR; ++i) out[k * MR + i] = T(0);
      }
    } else {
      for (int i = 0; i < mr; ++i) {
        const T* src = A + (i0 + i) * lda;
        for (int k = 0; k < kc; ++k) out[k * MR + i] = src[k];
      }
      for (int i = mr; i < MR; ++i)
        for (int k = 0; k < kc; ++k) out[k * MR + i] = T(0);
    }
  }
}

// Packs op(B) depth [0, kc) x columns [0, nc) into NR-column panels, each (kc, NR), zero-padding the last panel.
// `B` points at element (0, 0) of the block: B + k * ldb + col, or B + col * ldb + k when transB.
template <typename T, int NR>
void pack_b_block(bool transB, int kc, int nc, const T* B, Index ldb, T* out) {
  for (int j0 = 0; j0 < nc; j0 += NR, out += Index(NR) * kc) {
    const int nr = min_int(NR, nc - j0);
    if (transB) {
      for (int j = 0; j < nr; ++j) {
        const T* src = B + (j0 + j) * ldb;
        for (int k = 0; k < kc; ++k) out[k * NR + j] = src[k];
      }
      for (int j = nr; j < NR; ++j)
        for (int k = 0; k < kc; ++k) out[k * NR + j] = T(0);
    } else {
      for (int k = 0; k < kc; ++k) {
        const T* src = B + k * ldb + j0;
        for (int j = 0; j < nr; ++j) out[k * NR + j] = src[j];
        for (int j = nr; j < NR; ++j) out[k * NR + j] = T(0);
      }
    }
  }
}

// Runs the kernel's (R, W) tile for R == rows (1 <= rows <= MR), so a short last row panel costs only its rows.
template <typename Kn, int W, int kA, int R = Kn::MR>
void tile_rows(int rows, int kc, const typename Kn::Elem* a, Index lda, const typename Kn::Elem* b,
               typename Kn::Elem* c, Index ldc, typename Kn::Elem alpha, typename Kn::Elem beta) {
  if constexpr (R == 1) {
    Kn::template tile<1, W, kA>(kc, a, lda, b, c, ldc, alpha, beta);
  } else {
    if (rows == R) return Kn::template tile<R, W, kA>(kc, a, lda, b, c, ldc, alpha, beta);
    tile_rows<Kn, W, kA, R - 1>(rows, kc, a, lda, b, c, ldc, alpha, beta);
  }
}

// C (mc, nc) = alpha * op(A) (mc, kc) * Bp + beta * C over NR-column B panels. `A` is the packed block (kPackedA)
// or the block's element (0, 0) in the caller's matrix. The last panel uses a half-width tile when it is at most
// NR / 2 wide; one that fits neither width goes through a scratch tile.
template <typename Kn, int kA>
void macro_kernel(int mc, int nc, int kc, const typename Kn::Elem* A, Index lda, const typename Kn::Elem* Bp,
                  typename Kn::Elem* C, Index ldc, typename Kn::Elem alpha, typename Kn::Elem beta) {
  using T = typename Kn::Elem;
  constexpr int MR = Kn::MR, NR = Kn::NR, HALF = NR / 2;
  alignas(64) T edge[MR * NR];
  for (int j0 = 0; j0 < nc; j0 += NR) {
    const int nr = min_int(NR, nc - j0);
    const T* b = Bp + Index(j0) * kc;
    for (int i0 = 0; i0 < mc; i0 += MR) {
      const int mr = min_int(MR, mc - i0);
      const T* a = kA == kPackedA ? A + Index(i0) * kc : kA == kRowsA ? A + i0 * lda : A + i0;
      T* c = C + i0 * ldc + j0;
      if (nr == NR) {
        tile_rows<Kn, NR, kA>(mr, kc, a, lda, b, c, ldc, alpha, beta);
      } else if (nr == HALF) {
        tile_rows<Kn, HALF, kA>(mr, kc, a, lda, b, c, ldc, alpha, beta);
      } else {
        if (nr < HALF)
          tile_rows<Kn, HALF, kA>(mr, kc, a, lda, b, edge, NR, alpha, T(0));
        else
          tile_rows<Kn, NR, kA>(mr, kc, a, lda, b, edge, NR, alpha, T(0));
        for (int i = 0; i < mr; ++i)
          for (int j = 0; j < nr; ++j)
            c[i * ldc + j] = beta == T(0) ? edge[i * NR + j] : edge[i * NR + j] + beta * c[i * ldc + j];
      }
    }
  }
}

// One (mc, kc) block of op(A) times the packed B block: packs A first unless the tile reads it in place.
template <typename Kn>
void block_product(int a_access, bool transA, int mc, int nc, int kc, const typename Kn::Elem* A, Index lda,
                   const typename Kn::Elem* Bp, typename Kn::Elem* C, Index ldc, typename Kn::Elem alpha,
                   typename Kn::Elem beta) {
  using T = typename Kn::Elem;
  if (a_access == kRowsA) return macro_kernel<Kn, kRowsA>(mc, nc, kc, A, lda, Bp, C, ldc, alpha, beta);
  if (a_access == kColsA) return macro_kernel<Kn, kColsA>(mc, nc, kc, A, lda, Bp, C, ldc, alpha, beta);
  T* Ap = gemm_scratch<T>(1, std::size_t(Kn::KC) * round_up(min_int(mc, Kn::MC), Kn::MR));
  pack_a<T, Kn::MR>(transA, mc, kc, A, lda, Ap);
  macro_kernel<Kn, kPackedA>(mc, nc, kc, Ap, 0, Bp, C, ldc, alpha, beta);
}

// Whether to read op(A) in place or pack it (see AccessA). Packing pays once the block is swept by many B panels
// and is deep enough that rows a power-of-two stride apart would fight over the same L1 sets; measured on the RNN
// shapes: packing wins 5-7% at N >= 512, K >= 256 and loses up to 40% at N <= 128 (scripts/bench-gemm.mjs).
template <typename Kn>
int choose_a_access(bool transA, int N, int K) {
  if (N >= 16 * Kn::NR && (transA || K >= 128)) return kPackedA;
  return transA ? kColsA : Kn::kRowsInPlace ? kRowsA : kPackedA;
}

// C = beta * C, writing zeros without reading C when beta == 0.
template <typename T>
void scale_c(int M, int N, T beta, T* C, Index ldc) {
  if (beta == T(1)) return;
  for (int i = 0; i < M; ++i) {
    T* c = C + i * ldc;
    if (beta == T(0))
      for (int j = 0; j < N; ++j) c[j] = T(0);
    else
      for (int j = 0; j < N; ++j) c[j] *= beta;
  }
}

// sum_k x[k] y[k] over 8 independent partial sums: without -ffast-math the compiler keeps a float sum in order,
// so a single accumulator would make every add wait for the previous one; 8 lanes also map onto one SIMD register.
template <typename T>
T dot(int K, const T* x, const T* y) {
  constexpr int L = 8;
  T part[L] = {};
  int k = 0;
  for (; k + L <= K; k += L)
    for (int l = 0; l < L; ++l) part[l] += x[k + l] * y[k + l];
  for (; k < K; ++k) part[0] += x[k] * y[k];
  return ((part[0] + part[4]) + (part[1] + part[5])) + ((part[2] + part[6]) + (part[3] + part[7]));
}

// Direct loops without packing, for products too small to repay it: a row of C at a time, either as dot products
// (B transposed, or C only a few columns wide) or as a sum of scaled rows of B (contiguous, so it vectorises).
// Dot products run over contiguous copies of op(B)'s columns and, when transposed, of op(A)'s row.
template <typename T>
void direct_gemm(bool transA, bool transB, int M, int N, int K, T alpha, const T* A, Index lda, const T* B,
                 Index ldb, T beta, T* C, Index ldc) {
  const bool by_dots = transB || N < 4;
  const T* Bt = B;  // op(B)^T (N, K) with row stride ldbt
  Index ldbt = ldb;
  if (by_dots && !transB) {
    T* copy = gemm_scratch<T>(0, std::size_t(N) * K);
    for (int k = 0; k < K; ++k)
      for (int j = 0; j < N; ++j) copy[Index(j) * K + k] = B[k * ldb + j];
    Bt = copy, ldbt = K;
  }
  T* a_row = transA && by_dots ? gemm_scratch<T>(1, std::size_t(K)) : nullptr;
  for (int i = 0; i < M; ++i) {
    T* c = C + i * ldc;
    if (by_dots) {
      const T* a = A + i * lda;
      if (transA) {
        for (int k = 0; k < K; ++k) a_row[k] = A[k * lda + i];
        a = a_row;
      }
      for (int j = 0; j < N; ++j) {
        const T acc = dot(K, a, Bt + j * ldbt);
        c[j] = beta == T(0) ? alpha * acc : alpha * acc + beta * c[j];
      }
      continue;
    }
    scale_c(1, N, beta, c, ldc);
    for (int k = 0; k < K; ++k) {
      const T aik = alpha * (transA ? A[k * lda + i] : A[i * lda + k]);
      const T* b = B + k * ldb;
      for (int j = 0; j < N; ++j) c[j] += aik * b[j];
    }
  }
}

#include "gemm_narrow.h"

// Whether the direct loops beat packing: a single row or two (matrix-vector), or C a few columns wide with op(A)
// rows contiguous (an output head: (B*T, H) times (H, 1)), where a register tile would be mostly padding. Even tiny
// square products (16 x 8 x 8) run 2-3x faster through the packed tiles than through these loops.
inline bool prefer_direct(bool transA, int M, int N) { return M <= 2 || (N < 4 && !transA); }

template <typename Kn>
void blocked_gemm(bool transA, bool transB, int M, int N, int K, typename Kn::Elem alpha, const typename Kn::Elem* A,
                  int lda, const typename Kn::Elem* B, int ldb, typename Kn::Elem beta, typename Kn::Elem* C,
                  int ldc) {
  using T = typename Kn::Elem;
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == T(0)) return scale_c(M, N, beta, C, ldc);
  if constexpr (Kn::kVecPaths) {
    if (narrow_gemm<Kn>(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)) return;
  }
  if (prefer_direct(transA, M, N)) return direct_gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  // B exactly one panel wide with rows of NR contiguous values (a layer's states (rows, H) when H == NR, as in the
  // small layers' dW_hh = dG^T h): its depth blocks already are packed panels, so they are read in place.
  const bool b_is_panel = !transB && N == Kn::NR && ldb == Kn::NR;
  T* packed = b_is_panel ? nullptr : gemm_scratch<T>(0, std::size_t(Kn::KC) * round_up(min_int(N, Kn::NC), Kn::NR));
  const int a_access = choose_a_access<Kn>(transA, N, K);
  for (int jc = 0; jc < N; jc += Kn::NC) {
    const int nc = min_int(Kn::NC, N - jc);
    for (int pc = 0; pc < K; pc += Kn::KC) {
      const int kc = min_int(Kn::KC, K - pc);
      const T* Bp = b_is_panel ? B + Index(pc) * ldb : packed;
      if (!b_is_panel)
        pack_b_block<T, Kn::NR>(transB, kc, nc, transB ? B + Index(jc) * ldb + pc : B + Index(pc) * ldb + jc, ldb, packed);
      const T beta_block = pc == 0 ? beta : T(1);  // later depth blocks accumulate onto the first
      for (int ic = 0; ic < M; ic += Kn::MC) {
        const int mc = min_int(Kn::MC, M - ic);
        const T* a = transA ? A + Index(pc) * lda + ic : A + Index(ic) * lda + pc;
        block_product<Kn>(a_access, transA, mc, nc, kc, a, lda, Bp, C + Index(ic) * ldc + jc, ldc, alpha, beta_block);
      }
    }
  }
}

// Packed-B layout: depth blocks of KC rows one after another; block pc holds round_up(N, NR) / NR panels, each
// (kc, NR). So panel column j0 of the block starting at depth pc sits at pc * round_up(N, NR) + j0 * kc.
template <typename Kn>
std::size_t packed_b_size(int K, int N) {
  return K <= 0 || N <= 0 ? 0 : std::size_t(K) * round_up(N, Kn::NR);
}

template <typename Kn>
void packed_b_fill(bool transB, int K, int N, const typename Kn::Elem* B, int ldb, typename Kn::Elem* out) {
  if (K <= 0 || N <= 0) return;
  const Index Npad = round_up(N, Kn::NR);
  for (int pc = 0; pc < K; pc += Kn::KC) {
    const int kc = min_int(Kn::KC, K - pc);
    pack_b_block<typename Kn::Elem, Kn::NR>(transB, kc, N, transB ? B + pc : B + Index(pc) * ldb, ldb,
                                            out + pc * Npad);
  }
}

template <typename Kn>
void packed_gemm(bool transA, int M, int N, int K, typename Kn::Elem alpha, const typename Kn::Elem* A, int lda,
                 const typename Kn::Elem* packed, typename Kn::Elem beta, typename Kn::Elem* C, int ldc) {
  using T = typename Kn::Elem;
  if (M <= 0 || N <= 0) return;
  if (K <= 0 || alpha == T(0)) return scale_c(M, N, beta, C, ldc);
  const Index Npad = round_up(N, Kn::NR);
  const int a_access = choose_a_access<Kn>(transA, N, K);
  for (int jc = 0; jc < N; jc += Kn::NC) {
    const int nc = min_int(Kn::NC, N - jc);
    for (int pc = 0; pc < K; pc += Kn::KC) {
      const int kc = min_int(Kn::KC, K - pc);
      const T* Bp = packed + pc * Npad + Index(jc) * kc;
      const T beta_block = pc == 0 ? beta : T(1);
      for (int ic = 0; ic < M; ic += Kn::MC) {
        const int mc = min_int(Kn::MC, M - ic);
        const T* a = transA ? A + Index(pc) * lda + ic : A + Index(ic) * lda + pc;
        block_product<Kn>(a_access, transA, mc, nc, kc, a, lda, Bp, C + Index(ic) * ldc + jc, ldc, alpha, beta_block);
      }
    }
  }
}

template <typename Kn>
constexpr GemmOps<typename Kn::Elem> blocked_ops() {
  return {&blocked_gemm<Kn>, &packed_b_size<Kn>, &packed_b_fill<Kn>, &packed_gemm<Kn>};
}

}  // namespace RNNLAB_GEMM_NS
}  // namespace rnnlab
