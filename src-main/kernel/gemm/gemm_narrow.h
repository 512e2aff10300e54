// Products with one side at most a few values wide (N or M <= 8, or <= 4), where the blocked driver's register
// tile would be mostly padding: the input gradient dx = dG W_ih and the weight gradient dW_ih = dG^T x of a layer
// with a few inputs (N = I = 4), a one-output head (hs V^T, dyPre^T hs). Two shapes of loop, both vectorised along
// the long contiguous side with the variant's own vectors (Kn::Simd), no packing:
//   - dot rows:   C (M, N <= 8) = A (M, K) op(B), A rows contiguous: every C value is a dot product along K;
//   - outer sums: out (P <= 8, Q) = sum_k u[k, p] v[k, :], v rows contiguous: P rank-1 updates per row k
//                 (op(A) = A^T with op(B) = B: dW_ih^T has P = N columns of x, dV has P = M = 1 row).
// Included by gemm_blocked.h inside the variant's namespace (never on its own); only kernels with kVecPaths use it.

// The (R, NJ) block of C at c: dot products of R rows of A (from a, stride lda) with NJ rows of bt (stride ldbt),
// each K long; vectors along K, the last K % lanes values scalar.
template <typename Kn, int R, int NJ>
void dot_rows(int K, const typename Kn::Elem* a, Index lda, const typename Kn::Elem* bt, Index ldbt,
              typename Kn::Elem* c, Index ldc, typename Kn::Elem alpha, typename Kn::Elem beta) {
  using T = typename Kn::Elem;
  using S = typename Kn::Simd;
  using V = typename S::V;
  constexpr int L = S::kLanes;
  V acc[R][NJ];
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < NJ; ++j) acc[r][j] = S::zero();
  int k = 0;
  for (; k + L <= K; k += L) {
    V av[R];
    for (int r = 0; r < R; ++r) av[r] = S::load(a + r * lda + k);
    for (int j = 0; j < NJ; ++j) {
      const V bv = S::load(bt + j * ldbt + k);
      for (int r = 0; r < R; ++r) acc[r][j] = S::fma(av[r], bv, acc[r][j]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int j = 0; j < NJ; ++j) {
      T sum = S::reduce(acc[r][j]);
      for (int kk = k; kk < K; ++kk) sum += a[r * lda + kk] * bt[j * ldbt + kk];
      T& out = c[r * ldc + j];
      out = beta == T(0) ? alpha * sum : alpha * sum + beta * out;
    }
}

template <typename Kn, int R>
void dot_rows_any(int nj, int K, const typename Kn::Elem* a, Index lda, const typename Kn::Elem* bt, Index ldbt,
                  typename Kn::Elem* c, Index ldc, typename Kn::Elem alpha, typename Kn::Elem beta) {
  switch (nj) {
    case 1: return dot_rows<Kn, R, 1>(K, a, lda, bt, ldbt, c, ldc, alpha, beta);
    case 2: return dot_rows<Kn, R, 2>(K, a, lda, bt, ldbt, c, ldc, alpha, beta);
    case 3: return dot_rows<Kn, R, 3>(K, a, lda, bt, ldbt, c, ldc, alpha, beta);
    default: return dot_rows<Kn, R, 4>(K, a, lda, bt, ldbt, c, ldc, alpha, beta);
  }
}

// C (M, N <= 8) = alpha * A (M, K) * op(B) + beta * C with A row-major: op(B)^T copied to (N, K) rows first when B
// is not already stored that way (N * K values: small next to the product).
template <typename Kn>
void narrow_dots(bool transB, int M, int N, int K, typename Kn::Elem alpha, const typename Kn::Elem* A, Index lda,
                 const typename Kn::Elem* B, Index ldb, typename Kn::Elem beta, typename Kn::Elem* C, Index ldc) {
  using T = typename Kn::Elem;
  constexpr int R = Kn::kDotRows;
  const T* bt = B;
  Index ldbt = ldb;
  if (!transB) {
    T* copy = gemm_scratch<T>(0, std::size_t(N) * K);
    for (int k = 0; k < K; ++k)
      for (int j = 0; j < N; ++j) copy[Index(j) * K + k] = B[k * ldb + j];
    bt = copy, ldbt = K;
  }
  int i = 0;
  for (; i + R <= M; i += R)
    for (int j0 = 0; j0 < N; j0 += 4)
      dot_rows_any<Kn, R>(min_int(4, N - j0), K, A + i * lda, lda, bt + j0 * ldbt, ldbt, C + i * ldc + j0, ldc, alpha,
                          beta);
  for (; i < M; ++i)
    for (int j0 = 0; j0 < N; j0 += 4)
      dot_rows_any<Kn, 1>(min_int(4, N - j0), K, A + i * lda, lda, bt + j0 * ldbt, ldbt, C + i * ldc + j0, ldc, alpha,
                          beta);
}

// out (P, NV vectors) (+)= sum over K rows of u[k, p] * v[k, vector columns]; `first` starts from zero.
template <typename Kn, int P, int NV>
void outer_chunk(int K, const typename Kn::Elem* u, Index ldu, const typename Kn::Elem* v, Index ldv,
                 typename Kn::Elem* out, Index ldo, bool first) {
  using S = typename Kn::Simd;
  using V = typename S::V;
  constexpr int L = S::kLanes;
  V acc[P][NV];
  for (int p = 0; p < P; ++p)
    for (int n = 0; n < NV; ++n) acc[p][n] = first ? S::zero() : S::load(out + p * ldo + n * L);
  for (int k = 0; k < K; ++k, u += ldu, v += ldv) {
    V vk[NV];
    for (int n = 0; n < NV; ++n) vk[n] = S::load(v + n * L);
    for (int p = 0; p < P; ++p) {
      const V up = S::splat(u + p);
      for (int n = 0; n < NV; ++n) acc[p][n] = S::fma(up, vk[n], acc[p][n]);
    }
  }
  for (int p = 0; p < P; ++p)
    for (int n = 0; n < NV; ++n) S::store(out + p * ldo + n * L, acc[p][n]);
}

template <typename Kn, int NV>
void outer_chunk_any(int P, int K, const typename Kn::Elem* u, Index ldu, const typename Kn::Elem* v, Index ldv,
                     typename Kn::Elem* out, Index ldo, bool first) {
  switch (P) {
    case 1: return outer_chunk<Kn, 1, NV>(K, u, ldu, v, ldv, out, ldo, first);
    case 2: return outer_chunk<Kn, 2, NV>(K, u, ldu, v, ldv, out, ldo, first);
    case 3: return outer_chunk<Kn, 3, NV>(K, u, ldu, v, ldv, out, ldo, first);
    default: return outer_chunk<Kn, 4, NV>(K, u, ldu, v, ldv, out, ldo, first);
  }
}

// out (P <= 8, Q) = sum over K rows of u[k, 0:P] (row stride ldu) times v[k, 0:Q] (row stride ldv); out rows are
// Q apart. Depth blocks of 128 rows keep the block of v in L1 while every column chunk and group of 4 p sweeps it.
template <typename Kn>
void outer_sums(int P, int Q, int K, const typename Kn::Elem* u, Index ldu, const typename Kn::Elem* v, Index ldv,
                typename Kn::Elem* out) {
  using T = typename Kn::Elem;
  constexpr int L = Kn::Simd::kLanes, NV = Kn::kOuterVecs, KB = 128;
  const int q_vec = Q / L * L;
  for (int k0 = 0; k0 < K; k0 += KB) {
    const int kb = min_int(KB, K - k0);
    const T* ub = u + k0 * ldu;
    const T* vb = v + k0 * ldv;
    for (int p0 = 0; p0 < P; p0 += 4) {
      const int pn = min_int(4, P - p0);
      int q = 0;
      for (; q + NV * L <= Q; q += NV * L)
        outer_chunk_any<Kn, NV>(pn, kb, ub + p0, ldu, vb + q, ldv, out + p0 * Q + q, Q, k0 == 0);
      for (; q < q_vec; q += L) outer_chunk_any<Kn, 1>(pn, kb, ub + p0, ldu, vb + q, ldv, out + p0 * Q + q, Q, k0 == 0);
    }
  }
  for (int p = 0; p < P; ++p)  // the last Q % L columns
    for (int q = q_vec; q < Q; ++q) {
      T sum = 0;
      for (int k = 0; k < K; ++k) sum += u[k * ldu + p] * v[k * ldv + q];
      out[p * Q + q] = sum;
    }
}

// The narrow products this file handles, or false to leave the product to the blocked driver. With op(A) = A^T and
// op(B) = B both are read along their rows k: C (M, N) = sum_k A[k, :]^T B[k, :].
template <typename Kn>
bool narrow_gemm(bool transA, bool transB, int M, int N, int K, typename Kn::Elem alpha, const typename Kn::Elem* A,
                 Index lda, const typename Kn::Elem* B, Index ldb, typename Kn::Elem beta, typename Kn::Elem* C,
                 Index ldc) {
  using T = typename Kn::Elem;
  constexpr int L = Kn::Simd::kLanes;
  if (!transA && N <= 8 && K >= L) {
    narrow_dots<Kn>(transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
    return true;
  }
  if (!transA || transB) return false;
  const bool fewColumns = N <= 8 && M >= L, fewRows = M <= 4 && N >= L;
  if (!fewColumns && !fewRows) return false;
  T* out = gemm_scratch<T>(1, std::size_t(M) * N);
  if (fewColumns) {
    outer_sums<Kn>(N, M, K, B, ldb, A, lda, out);  // out = C^T (N, M)
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        T& c = C[i * ldc + j];
        c = beta == T(0) ? alpha * out[j * M + i] : alpha * out[j * M + i] + beta * c;
      }
  } else {
    outer_sums<Kn>(M, N, K, A, lda, B, ldb, out);  // out = C (M, N)
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        T& c = C[i * ldc + j];
        c = beta == T(0) ? alpha * out[i * N + j] : alpha * out[i * N + j] + beta * c;
      }
  }
  return true;
}
