// N-API binding of the kernel (placeholder until the kernel lands): exposes the GEMM variant name.
#include <napi.h>
#include "gemm.h"

static Napi::Value GemmVariant(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), rnnlab::gemm_variant());
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemmVariant", Napi::Function::New(env, GemmVariant));
  return exports;
}

NODE_API_MODULE(rnnlab_kernel, Init)
