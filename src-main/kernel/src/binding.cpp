// N-API binding of the kernel (placeholder until the kernel lands): GEMM variant name and a GEMM entry for tests.
#include <napi.h>
#include "gemm.h"

static Napi::Value GemmVariant(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), rnnlab::gemm_variant());
}

// gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc): A, B, C all Float32Array or all Float64Array.
// Test-only entry: checks buffer sizes so a wrong call throws instead of reading out of bounds.
// gemmPacked(...same arguments...) packs op(B) with rnnlab::pack_b first and multiplies with rnnlab::gemm_packed.
template <typename T, typename Arr, bool kPacked>
static void CallGemm(const Napi::CallbackInfo& info) {
  const bool ta = info[0].As<Napi::Boolean>(), tb = info[1].As<Napi::Boolean>();
  const int M = info[2].As<Napi::Number>(), N = info[3].As<Napi::Number>(), K = info[4].As<Napi::Number>();
  const T alpha = info[5].As<Napi::Number>().DoubleValue();
  auto A = info[6].As<Arr>();
  const int lda = info[7].As<Napi::Number>();
  auto B = info[8].As<Arr>();
  const int ldb = info[9].As<Napi::Number>();
  const T beta = info[10].As<Napi::Number>().DoubleValue();
  auto C = info[11].As<Arr>();
  const int ldc = info[12].As<Napi::Number>();
  auto need = [](int rows, int cols, int ld) { return rows == 0 ? size_t(0) : size_t(rows - 1) * ld + cols; };
  if (M < 0 || N < 0 || K < 0) throw Napi::RangeError::New(info.Env(), "gemm: sizes must be >= 0");
  if (A.ElementLength() < (ta ? need(K, M, lda) : need(M, K, lda)) || B.ElementLength() < (tb ? need(N, K, ldb) : need(K, N, ldb)) ||
      C.ElementLength() < need(M, N, ldc))
    throw Napi::RangeError::New(info.Env(), "gemm: buffer too short for the given sizes and strides");
  if (kPacked) {
    rnnlab::PackedB<T> packed;
    rnnlab::pack_b(packed, tb, K, N, B.Data(), ldb);
    rnnlab::gemm_packed(ta, M, alpha, A.Data(), lda, packed, beta, C.Data(), ldc);
  } else {
    rnnlab::gemm<T>(ta, tb, M, N, K, alpha, A.Data(), lda, B.Data(), ldb, beta, C.Data(), ldc);
  }
}

template <bool kPacked>
static Napi::Value Gemm(const Napi::CallbackInfo& info) {
  if (info.Length() != 13) throw Napi::TypeError::New(info.Env(), "gemm: expected 13 arguments");
  if (info[6].IsTypedArray() && info[6].As<Napi::TypedArray>().TypedArrayType() == napi_float64_array)
    CallGemm<double, Napi::Float64Array, kPacked>(info);
  else
    CallGemm<float, Napi::Float32Array, kPacked>(info);
  return info.Env().Undefined();
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemmVariant", Napi::Function::New(env, GemmVariant));
  exports.Set("gemm", Napi::Function::New(env, Gemm<false>));
  exports.Set("gemmPacked", Napi::Function::New(env, Gemm<true>));
  return exports;
}

NODE_API_MODULE(rnnlab_kernel, Init)
