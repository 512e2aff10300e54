// The N-API binding of the kernel: converts and validates JS arguments, then calls the plain C++ math.
// Every bad argument is a TypeError/RangeError saying what was expected and what was found; nothing here computes.
// Context-aware (Napi::Addon instance data), so it loads in worker_threads.
//
//   new Model({arch, input, hidden, layers, directions, output, bias, relu, outAct, shortcut, learnH0})
//   model.paramNames(): string[]                          the packed order (paramLayout order)
//   model.cacheBytes(batch, steps, float32, threads, h0Given, withMasks): number
//   model.forward(cache: ArrayBuffer, weights: Float64Array[], x, batch, steps, h0|null, c0|null, y0|null,
//                 masks: Float64Array[]|null, float32: boolean, threads: number)
//   model.read(cache, what, layer, out: Float64Array)     what: 0 y, 1 yPre, 2 output, 3 hN, 4 cN, 5/6 layer states
//   model.backward(cache, dY, dYPre, dOutput, dhN, dcN, dParams, dx, dh0, dc0, dy0, norms)   seeds and dx may be null
// The forward cache lives in a JS ArrayBuffer: N-API finalizers of native objects only run when the event loop
// turns, so a synchronous training loop holding its caches natively would grow without bound.
#include <napi.h>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>
#include <string>
#include "gemm.h"
#include "model.h"
#include "pass.h"

namespace {

using namespace rnnlab;

std::string describe(const Napi::Value& v) {
  if (v.IsTypedArray()) {
    switch (v.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_float64_array: return "a Float64Array";
      case napi_float32_array: return "a Float32Array";
      default: return "a typed array of another type";
    }
  }
  if (v.IsNull()) return "null";
  if (v.IsUndefined()) return "undefined";
  if (v.IsNumber()) return "the number " + v.ToString().Utf8Value();
  if (v.IsString()) return "a string";
  if (v.IsBoolean()) return "a boolean";
  if (v.IsArray()) return "an array";
  return "an object";
}

std::string shape_text(std::initializer_list<std::size_t> dims) {
  std::string s = "[";
  for (std::size_t d : dims) s += (s.size() > 1 ? ", " : "") + std::to_string(d);
  return s + "]";
}

// A whole number in [min, max]; NaN, infinities, fractions and non-numbers are rejected.
int whole(const Napi::Env& env, const Napi::Value& v, const std::string& name, double min, double max) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, name + ": expected a number, found " + describe(v));
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d != std::floor(d) || d < min || d > max) {
    throw Napi::RangeError::New(env, name + ": expected a whole number from " + std::to_string(long(min)) + " to " +
                                         std::to_string(long(max)) + ", found " + v.ToString().Utf8Value());
  }
  return int(d);
}

bool flag(const Napi::Env& env, const Napi::Value& v, const std::string& name) {
  if (!v.IsBoolean()) throw Napi::TypeError::New(env, name + ": expected true or false, found " + describe(v));
  return v.As<Napi::Boolean>().Value();
}

bool absent(const Napi::Value& v) { return v.IsNull() || v.IsUndefined(); }

// A Float64Array of exactly `count` values; null when optional and absent. `shape` (a callable returning the shape's
// text) runs only for the error message: these checks run on every call of a training loop.
template <typename ShapeText>
double* f64(const Napi::Env& env, const Napi::Value& v, const std::string& name, std::size_t count,
            const ShapeText& shape, bool optional) {
  if (optional && absent(v)) return nullptr;
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(env, name + ": expected a Float64Array" + (optional ? " or null" : "") + ", found " +
                                        describe(v));
  }
  auto a = v.As<Napi::Float64Array>();
  if (a.ElementLength() != count) {
    throw Napi::RangeError::New(env, name + ": expected " + std::to_string(count) + " float64 values (shape " + shape() +
                                         "), found " + std::to_string(a.ElementLength()));
  }
  return a.Data();
}

// Array caches and int GEMM sizes: keep every (T*B, width) buffer addressable by int.
void check_volume(const Napi::Env& env, const Dims& d, int batch, int steps) {
  const double widest = std::max({double(d.I), double(d.G * d.H), double(d.D * d.H), double(d.I) * d.H, double(d.O)});
  if (double(batch) * steps * widest > double(std::numeric_limits<int>::max())) {
    throw Napi::RangeError::New(env, "batch * steps * width: expected at most 2^31 - 1 values per array, found " +
                                         std::to_string(double(batch) * steps * widest));
  }
}


class Model : public Napi::ObjectWrap<Model> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Model",
                       {InstanceMethod("paramNames", &Model::ParamNames), InstanceMethod("cacheBytes", &Model::CacheBytes),
                        InstanceMethod("forward", &Model::Forward), InstanceMethod("read", &Model::Read),
                        InstanceMethod("backward", &Model::Backward)});
  }

  explicit Model(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Model>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) throw Napi::TypeError::New(env, "Model: expected a config object, found " + describe(info[0]));
    Napi::Object c = info[0].As<Napi::Object>();
    d_.arch = Arch(whole(env, c.Get("arch"), "arch", 0, 5));
    d_.I = whole(env, c.Get("input"), "input", 1, 1 << 20);
    d_.H = whole(env, c.Get("hidden"), "hidden", 1, 1 << 20);
    d_.L = whole(env, c.Get("layers"), "layers", 1, 1024);
    d_.D = whole(env, c.Get("directions"), "directions", 1, 2);
    d_.O = whole(env, c.Get("output"), "output", 0, 1 << 20);
    d_.bias = flag(env, c.Get("bias"), "bias");
    d_.relu = flag(env, c.Get("relu"), "relu");
    d_.outAct = OutAct(whole(env, c.Get("outAct"), "outAct", 0, 2));
    d_.shortcut = flag(env, c.Get("shortcut"), "shortcut");
    d_.learnH0 = flag(env, c.Get("learnH0"), "learnH0");
    d_.G = d_.arch == Arch::lstm ? 4 : d_.arch == Arch::gru ? 3 : 1;
    const std::string problem = check_dims(d_);
    if (!problem.empty()) throw Napi::RangeError::New(env, "Model: " + problem);
    layout_ = std::make_shared<const Layout>(make_layout(d_));
  }

 private:
  Napi::Value ParamNames(const Napi::CallbackInfo& info) {
    Napi::Array names = Napi::Array::New(info.Env(), layout_->params.size());
    for (uint32_t i = 0; i < layout_->params.size(); ++i) names.Set(i, layout_->params[i].name);
    return names;
  }

  // batch and steps at arguments `at`, `at + 1`; float32 and threads at `flags`, `flags + 1`.
  PassConfig config_of(const Napi::CallbackInfo& info, std::size_t at, std::size_t flags, bool h0Given, bool masks) {
    Napi::Env env = info.Env();
    PassConfig c;
    c.batch = whole(env, info[at], "batch", 1, std::numeric_limits<int>::max());
    c.steps = whole(env, info[at + 1], "steps", 1, std::numeric_limits<int>::max());
    c.float32 = flag(env, info[flags], "float32") ? 1 : 0;
    c.slices = whole(env, info[flags + 1], "threads", 1, 256);
    c.h0Given = h0Given ? 1 : 0;
    c.masks = masks ? 1 : 0;
    check_volume(env, d_, c.batch, c.steps);
    return c;
  }

  Napi::Value CacheBytes(const Napi::CallbackInfo& info) {
    const PassConfig c = config_of(info, 0, 2, flag(info.Env(), info[4], "h0Given"), flag(info.Env(), info[5], "withMasks"));
    return Napi::Number::New(info.Env(), double(cache_bytes(d_, *layout_, c)));
  }

  // The cache buffer of argument `at`, checked against this model; sets config from its header.
  unsigned char* cache_arg(const Napi::CallbackInfo& info, PassConfig& config) {
    Napi::Env env = info.Env();
    if (!info[0].IsArrayBuffer()) throw Napi::TypeError::New(env, "cache: expected an ArrayBuffer, found " + describe(info[0]));
    auto buffer = info[0].As<Napi::ArrayBuffer>();
    auto* data = static_cast<unsigned char*>(buffer.Data());
    const std::string problem = read_config(d_, *layout_, data, buffer.ByteLength(), config);
    if (!problem.empty()) throw Napi::RangeError::New(env, "cache: " + problem);
    return data;
  }

  Napi::Value Forward(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!info[0].IsArrayBuffer()) throw Napi::TypeError::New(env, "cache: expected an ArrayBuffer, found " + describe(info[0]));
    auto cache = info[0].As<Napi::ArrayBuffer>();
    if (!info[1].IsArray()) throw Napi::TypeError::New(env, "weights: expected an array of Float64Array, found " + describe(info[1]));
    Napi::Array list = info[1].As<Napi::Array>();
    if (list.Length() != layout_->params.size()) {
      throw Napi::RangeError::New(env, "weights: expected " + std::to_string(layout_->params.size()) +
                                           " tensors, found " + std::to_string(list.Length()));
    }
    std::vector<const double*> weights(layout_->params.size());
    for (uint32_t i = 0; i < list.Length(); ++i) {
      const ParamInfo& p = layout_->params[i];
      const auto shape = [&p] {
        std::string text = "[";
        for (int s : p.shape) text += (text.size() > 1 ? ", " : "") + std::to_string(s);
        return text + "]";
      };
      weights[i] = f64(env, list.Get(i), p.name, p.size, shape, false);
    }
    PassInputs in;
    const PassConfig config = config_of(info, 3, 9, !absent(info[5]), !absent(info[8]));
    const std::size_t B = std::size_t(config.batch), T = std::size_t(config.steps), H = std::size_t(d_.H);
    const std::size_t LD = std::size_t(d_.L * d_.D), DH = std::size_t(d_.D) * H;
    in.x = f64(env, info[2], "x", B * T * std::size_t(d_.I), [&] { return shape_text({B, T, std::size_t(d_.I)}); }, false);
    in.h0 = f64(env, info[5], "h0", LD * B * H, [&] { return shape_text({LD, B, H}); }, true);
    if (d_.arch == Arch::lstm) in.c0 = f64(env, info[6], "c0", LD * B * H, [&] { return shape_text({LD, B, H}); }, true);
    if (d_.arch == Arch::jordan) in.y0 = f64(env, info[7], "y0", B * std::size_t(d_.O), [&] { return shape_text({B, std::size_t(d_.O)}); }, true);
    if (!absent(info[8])) {
      if (!info[8].IsArray()) throw Napi::TypeError::New(env, "masks: expected an array or null, found " + describe(info[8]));
      Napi::Array masks = info[8].As<Napi::Array>();
      if (masks.Length() != uint32_t(d_.L - 1)) {
        throw Napi::RangeError::New(env, "masks: expected " + std::to_string(d_.L - 1) + " dropout masks (one per layer after the first), found " +
                                             std::to_string(masks.Length()));
      }
      for (uint32_t i = 0; i < masks.Length(); ++i)
        in.masks.push_back(f64(env, masks.Get(i), "masks[" + std::to_string(i) + "]", B * T * DH, [&] { return shape_text({B, T, DH}); }, false));
    }
    const std::size_t need = cache_bytes(d_, *layout_, config);
    if (cache.ByteLength() != need) {
      throw Napi::RangeError::New(env, "cache: expected an ArrayBuffer of " + std::to_string(need) +
                                           " bytes (model.cacheBytes), found " + std::to_string(cache.ByteLength()));
    }
    try {
      pass_forward(d_, *layout_, weights, in, config, static_cast<unsigned char*>(cache.Data()));
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, std::string("native forward failed: ") + e.what());
    }
    return env.Undefined();
  }

  Napi::Value Read(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    PassConfig c;
    unsigned char* cache = cache_arg(info, c);
    const int what = whole(env, info[1], "read: what", 0, 6);
    const int layer = whole(env, info[2], "read: layer", 0, d_.L - 1);
    const std::size_t B = std::size_t(c.batch), T = std::size_t(c.steps), H = std::size_t(d_.H);
    const std::size_t DH = std::size_t(d_.D) * H, O = std::size_t(d_.O), LD = std::size_t(d_.L * d_.D);
    if ((what <= 1 && O == 0) || ((what == 4 || what == 6) && d_.arch != Arch::lstm)) {
      throw Napi::RangeError::New(env, "read: output " + std::to_string(what) + " does not exist for this model");
    }
    std::size_t n = B * T * DH;
    if (what <= 1) n = B * T * O;
    if (what == 3 || what == 4) n = LD * B * H;
    const auto shape = [&] {
      return what <= 1 ? shape_text({B, T, O}) : what == 3 || what == 4 ? shape_text({LD, B, H}) : shape_text({B, T, DH});
    };
    double* out = f64(env, info[3], "read: out", n, shape, false);
    pass_read(d_, *layout_, cache, Output(what), layer, out);
    return env.Undefined();
  }

  Napi::Value Backward(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    PassConfig c;
    unsigned char* cache = cache_arg(info, c);
    const std::size_t B = std::size_t(c.batch), T = std::size_t(c.steps), H = std::size_t(d_.H);
    const std::size_t DH = std::size_t(d_.D) * H, O = std::size_t(d_.O), LD = std::size_t(d_.L * d_.D);
    const std::size_t I = std::size_t(d_.I), total = layout_->total;
    const bool lstm = d_.arch == Arch::lstm, jordan = d_.arch == Arch::jordan;
    PassSeeds s;
    s.dY = f64(env, info[1], "dY", B * T * O, [&] { return shape_text({B, T, O}); }, true);
    s.dYPre = f64(env, info[2], "dYPre", B * T * O, [&] { return shape_text({B, T, O}); }, true);
    s.dOutput = f64(env, info[3], "dOutput", B * T * DH, [&] { return shape_text({B, T, DH}); }, true);
    s.dhN = f64(env, info[4], "dhN", LD * B * H, [&] { return shape_text({LD, B, H}); }, true);
    s.dcN = lstm ? f64(env, info[5], "dcN", LD * B * H, [&] { return shape_text({LD, B, H}); }, true) : nullptr;
    PassGrads g;
    g.dParams = f64(env, info[6], "dParams", total, [&] { return shape_text({total}); }, false);
    g.dx = f64(env, info[7], "dx", B * T * I, [&] { return shape_text({B, T, I}); }, true);  // null: dx not wanted, not computed
    g.dh0 = f64(env, info[8], "dh0", LD * B * H, [&] { return shape_text({LD, B, H}); }, false);
    g.dc0 = lstm ? f64(env, info[9], "dc0", LD * B * H, [&] { return shape_text({LD, B, H}); }, false) : nullptr;
    g.dy0 = jordan ? f64(env, info[10], "dy0", B * O, [&] { return shape_text({B, O}); }, false) : nullptr;
    g.norms = f64(env, info[11], "norms", std::size_t(d_.L) * T, [&] { return shape_text({std::size_t(d_.L), T}); }, false);
    try {
      pass_backward(d_, *layout_, cache, s, g);
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, std::string("native backward failed: ") + e.what());
    }
    return env.Undefined();
  }

  Dims d_;
  std::shared_ptr<const Layout> layout_;
};

// gemm(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc, repeat?): A, B, C all Float32Array or all
// Float64Array. Test and benchmark entry of the GEMM engineer: checks types and buffer sizes so a wrong call throws
// instead of reading out of bounds. gemmPacked(...same...) packs op(B) once with rnnlab::pack_b, then multiplies with
// rnnlab::gemm_packed; `repeat` (default 1) runs the product that many times (scripts/bench-gemm.mjs).
template <typename T, typename Arr, bool kPacked>
void CallGemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const bool ta = flag(env, info[0], "gemm: transA"), tb = flag(env, info[1], "gemm: transB");
  const int M = whole(env, info[2], "gemm: M", 0, 1 << 30), N = whole(env, info[3], "gemm: N", 0, 1 << 30);
  const int K = whole(env, info[4], "gemm: K", 0, 1 << 30);
  if (!info[5].IsNumber() || !info[10].IsNumber()) throw Napi::TypeError::New(env, "gemm: expected alpha and beta as numbers");
  const T alpha = T(info[5].As<Napi::Number>().DoubleValue());
  const int lda = whole(env, info[7], "gemm: lda", 0, 1 << 30), ldb = whole(env, info[9], "gemm: ldb", 0, 1 << 30);
  const T beta = T(info[10].As<Napi::Number>().DoubleValue());
  const int ldc = whole(env, info[12], "gemm: ldc", 0, 1 << 30);
  const int repeat = absent(info[13]) ? 1 : whole(env, info[13], "gemm: repeat", 1, 1 << 30);
  const napi_typedarray_type type = info[6].As<Napi::TypedArray>().TypedArrayType();
  for (int i : {8, 11})
    if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != type)
      throw Napi::TypeError::New(env, "gemm: expected A, B and C of one float type");
  auto A = info[6].As<Arr>(), B = info[8].As<Arr>(), C = info[11].As<Arr>();
  auto need = [](int rows, int cols, int ld) { return rows == 0 ? size_t(0) : size_t(rows - 1) * ld + cols; };
  if (A.ElementLength() < (ta ? need(K, M, lda) : need(M, K, lda)) ||
      B.ElementLength() < (tb ? need(N, K, ldb) : need(K, N, ldb)) || C.ElementLength() < need(M, N, ldc))
    throw Napi::RangeError::New(env, "gemm: buffer too short for the given sizes and strides");
  if (kPacked) {
    PackedB<T> packed;
    pack_b(packed, tb, K, N, B.Data(), ldb);
    for (int r = 0; r < repeat; ++r) gemm_packed(ta, M, alpha, A.Data(), lda, packed, beta, C.Data(), ldc);
  } else {
    for (int r = 0; r < repeat; ++r) gemm<T>(ta, tb, M, N, K, alpha, A.Data(), lda, B.Data(), ldb, beta, C.Data(), ldc);
  }
}

template <bool kPacked>
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 13 && info.Length() != 14) throw Napi::TypeError::New(env, "gemm: expected 13 or 14 arguments");
  const napi_typedarray_type type =
      info[6].IsTypedArray() ? info[6].As<Napi::TypedArray>().TypedArrayType() : napi_int8_array;
  if (type == napi_float64_array) CallGemm<double, Napi::Float64Array, kPacked>(info);
  else if (type == napi_float32_array) CallGemm<float, Napi::Float32Array, kPacked>(info);
  else throw Napi::TypeError::New(env, "gemm: expected A as a Float32Array or Float64Array, found " + describe(info[6]));
  return env.Undefined();
}

class KernelAddon : public Napi::Addon<KernelAddon> {
 public:
  KernelAddon(Napi::Env env, Napi::Object exports) {
    // Constructors are created per Node environment (main thread or worker), never shared between them.
    DefineAddon(exports, {InstanceMethod("gemmVariant", &KernelAddon::GemmVariant),
                          InstanceValue("gemm", Napi::Function::New(env, Gemm<false>, "gemm"), napi_enumerable),
                          InstanceValue("gemmPacked", Napi::Function::New(env, Gemm<true>, "gemmPacked"), napi_enumerable),
                          InstanceValue("Model", Model::Define(env), napi_enumerable)});
  }

 private:
  Napi::Value GemmVariant(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), gemm_variant()); }
};

}  // namespace

NODE_API_ADDON(KernelAddon)
