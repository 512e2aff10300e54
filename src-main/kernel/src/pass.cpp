// Batch slicing, threads (the persistent pool of thread_pool.h) and float64 <-> T conversion around Slice<T>.
#include "pass.h"
#include "network.h"
#include "thread_pool.h"
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <exception>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace rnnlab {

namespace {

// src (B, T, C) rows [b0, b0+n) -> dst (T, n, C). One-value rows (an output head's dY, a one-input x) take a plain
// strided loop: the general loop's inner loop of one value cost 2-3 times as much per value.
template <typename T>
void to_time_major(const double* src, int b0, int n, int steps, int C, Span<T> dst) {
  const std::size_t N = std::size_t(n), S = std::size_t(steps);
  if (C == 1) {
    for (std::size_t b = 0; b < N; ++b) {
      const double* s = src + (std::size_t(b0) + b) * S;
      for (std::size_t t = 0; t < S; ++t) dst[t * N + b] = T(s[t]);
    }
    return;
  }
  for (int b = 0; b < n; ++b)
    for (int t = 0; t < steps; ++t) {
      const double* s = src + (std::size_t(b0 + b) * std::size_t(steps) + std::size_t(t)) * std::size_t(C);
      T* d = dst.data() + (std::size_t(t) * std::size_t(n) + std::size_t(b)) * std::size_t(C);
      for (int c = 0; c < C; ++c) d[c] = T(s[c]);
    }
}

// src (T, n, C) with row stride ld -> dst (B, T, C) rows [b0, b0+n); one-value rows as in to_time_major.
template <typename T>
void from_time_major(const T* src, int ld, int b0, int n, int steps, int C, double* dst) {
  const std::size_t N = std::size_t(n), S = std::size_t(steps), LD = std::size_t(ld);
  if (C == 1) {
    for (std::size_t b = 0; b < N; ++b) {
      double* d = dst + (std::size_t(b0) + b) * S;
      for (std::size_t t = 0; t < S; ++t) d[t] = double(src[(t * N + b) * LD]);
    }
    return;
  }
  for (int b = 0; b < n; ++b)
    for (int t = 0; t < steps; ++t) {
      const T* s = src + (std::size_t(t) * std::size_t(n) + std::size_t(b)) * std::size_t(ld);
      double* d = dst + (std::size_t(b0 + b) * std::size_t(steps) + std::size_t(t)) * std::size_t(C);
      for (int c = 0; c < C; ++c) d[c] = double(s[c]);
    }
}

// src (S, B, C) rows [b0, b0+n) of every block -> dst (S, n, C); absent src gives zeros.
template <typename T>
void state_rows(const double* src, int S, int B, int b0, int n, int C, Span<T> dst) {
  std::fill(dst.begin(), dst.end(), T(0));
  if (!src) return;
  for (int s = 0; s < S; ++s)
    for (std::size_t i = 0; i < std::size_t(n) * std::size_t(C); ++i)
      dst[std::size_t(s) * std::size_t(n) * std::size_t(C) + i] =
          T(src[(std::size_t(s) * std::size_t(B) + std::size_t(b0)) * std::size_t(C) + i]);
}

template <typename T>
void state_rows_out(const T* src, int S, int B, int b0, int n, int C, double* dst) {
  for (int s = 0; s < S; ++s)
    for (std::size_t i = 0; i < std::size_t(n) * std::size_t(C); ++i)
      dst[(std::size_t(s) * std::size_t(B) + std::size_t(b0)) * std::size_t(C) + i] =
          double(src[std::size_t(s) * std::size_t(n) * std::size_t(C) + i]);
}

// Backward's temporaries are a few MB for mid-sized models and freed at the end of each call. glibc serves blocks
// over 128 KB with fresh mmaps, so every call would pay a page fault per 4 KB touched; keeping large blocks in the
// (untrimmed) heap lets the next call reuse them.
void keep_large_blocks_in_heap() {
#if defined(__GLIBC__)
  static const bool once = [] {
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    return true;
  }();
  (void)once;
#endif
}

constexpr std::uint64_t kMagic = 0x314e4e52424c4e52ull;  // "RNLBRNN1"

struct Header {
  std::uint64_t magic;
  std::uint64_t fingerprint;  // of the dims, so a cache cannot be read with another model's sizes
  PassConfig config;
};

std::uint64_t fingerprint(const Dims& d, const Layout& layout) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::uint64_t v : {std::uint64_t(d.arch), std::uint64_t(d.I), std::uint64_t(d.H), std::uint64_t(d.L),
                          std::uint64_t(d.D), std::uint64_t(d.O), std::uint64_t(d.bias), std::uint64_t(d.relu),
                          std::uint64_t(d.shortcut), std::uint64_t(d.learnH0), std::uint64_t(d.outAct),
                          std::uint64_t(layout.total)})
    h = (h ^ v) * 1099511628211ull;
  return h;
}

// The pass's arrays placed in a cache (or, with a null cache, only measured).
template <typename T>
class PassOf {
 public:
  PassOf(const Dims& dims, const Layout& layout, const PassConfig& c, unsigned char* cache)
      : d_(dims), layout_(layout), B_(c.batch), T_(c.steps), h0Given_(c.h0Given != 0) {
    Arena arena(cache, sizeof(Header));
    W_ = arena.take<T>(layout.total);
    const int n = std::max(1, std::min(int(c.slices), B_));
    slices_.resize(std::size_t(n));
    starts_.resize(std::size_t(n) + 1);
    for (int i = 0; i <= n; ++i) starts_[std::size_t(i)] = int((long long)B_ * i / n);
    for (int i = 0; i < n; ++i)
      slices_[std::size_t(i)].bind(d_, arena, starts_[std::size_t(i) + 1] - starts_[std::size_t(i)], T_, c.masks != 0);
    bytes_ = arena.used();
  }

  std::size_t bytes() const { return bytes_; }

  void forward(const std::vector<const double*>& weights, const PassInputs& in) {
    for (std::size_t p = 0; p < layout_.params.size(); ++p) {
      const ParamInfo& info = layout_.params[p];
      for (std::size_t i = 0; i < info.size; ++i) W_[info.offset + i] = T(weights[p][i]);
    }
    run_parallel(int(slices_.size()), [&](int i) { forward_slice(i, in); });
  }
  void read(Output what, int layer, double* out) const {
    const int H = d_.H, DH = d_.D * d_.H, LD = d_.L * d_.D;
    for (std::size_t i = 0; i < slices_.size(); ++i) {
      const Slice<T>& s = slices_[i];
      const int b0 = starts_[i], n = s.batch;
      switch (what) {
        case Output::y: from_time_major(s.y.data(), d_.O, b0, n, T_, d_.O, out); break;
        case Output::yPre: from_time_major(s.yPre.data(), d_.O, b0, n, T_, d_.O, out); break;
        case Output::output: from_time_major(s.hs.back().data(), DH, b0, n, T_, DH, out); break;
        case Output::layerState: from_time_major(s.hs[std::size_t(layer)].data(), DH, b0, n, T_, DH, out); break;
        case Output::layerCellState: from_time_major(s.cs[std::size_t(layer)].data(), DH, b0, n, T_, DH, out); break;
        case Output::hN:
        case Output::cN:
          for (int k = 0; k < LD; ++k) {
            const int l = k / d_.D, dir = k % d_.D, t = dir == 0 ? T_ - 1 : 0;
            const auto& src = what == Output::hN ? s.hs[std::size_t(l)] : s.cs[std::size_t(l)];
            const T* row = src.data() + std::size_t(t) * std::size_t(n) * std::size_t(DH) + std::size_t(dir * H);
            from_time_major(row, DH, 0, n, 1, H, out + (std::size_t(k) * std::size_t(B_) + std::size_t(b0)) * std::size_t(H));
          }
          break;
      }
    }
  }

  void backward(const PassSeeds& seeds, const PassGrads& out) const {
    const int n = int(slices_.size());
    std::vector<std::vector<T>> dW(static_cast<std::size_t>(n)), sumsq(static_cast<std::size_t>(n));
    run_parallel(n, [&](int i) { backward_slice(i, seeds, out, dW[std::size_t(i)], sumsq[std::size_t(i)]); });
    for (std::size_t k = 0; k < layout_.total; ++k) {
      double v = 0;
      for (int i = 0; i < n; ++i) v += double(dW[std::size_t(i)][k]);
      out.dParams[k] = v;
    }
    for (std::size_t k = 0; k < std::size_t(d_.L) * std::size_t(T_); ++k) {
      double v = 0;
      for (int i = 0; i < n; ++i) v += double(sumsq[std::size_t(i)][k]);
      out.norms[k] = std::sqrt(v);
    }
    if (d_.learnH0 && !h0Given_) {
      // The learned h0 was broadcast over the batch: its gradient is the batch sum of dh0.
      double* dh0param = out.dParams + layout_.h0;
      for (int b = 0; b < B_; ++b)
        for (int j = 0; j < d_.H; ++j) dh0param[j] += out.dh0[std::size_t(b) * std::size_t(d_.H) + std::size_t(j)];
    }
  }

 private:
  void forward_slice(int i, const PassInputs& in) {
    Slice<T>& s = slices_[std::size_t(i)];
    const int b0 = starts_[std::size_t(i)], n = s.batch, LD = d_.L * d_.D;
    to_time_major(in.x, b0, n, T_, d_.I, s.x);
    state_rows(in.h0, LD, B_, b0, n, d_.H, s.h0);
    if (!in.h0 && d_.learnH0) {
      for (int b = 0; b < n; ++b)
        std::copy(W_.begin() + layout_.h0, W_.begin() + layout_.h0 + d_.H, s.h0.begin() + std::ptrdiff_t(b) * d_.H);
    }
    if (d_.arch == Arch::lstm) state_rows(in.c0, LD, B_, b0, n, d_.H, s.c0);
    if (d_.arch == Arch::jordan) state_rows(in.y0, 1, B_, b0, n, d_.O, s.y0);
    for (std::size_t m = 0; m < s.masks.size(); ++m) to_time_major(in.masks[m], b0, n, T_, d_.D * d_.H, s.masks[m]);
    s.forward(d_, layout_, W_.data());
  }

  void backward_slice(int i, const PassSeeds& seeds, const PassGrads& out, std::vector<T>& dW,
                      std::vector<T>& sumsq) const {
    const Slice<T>& s = slices_[std::size_t(i)];
    const int b0 = starts_[std::size_t(i)], n = s.batch, LD = d_.L * d_.D, DH = d_.D * d_.H;
    const std::size_t rows = std::size_t(T_) * std::size_t(n), states = std::size_t(LD) * std::size_t(n) * std::size_t(d_.H);
    std::vector<T> dhN, dcN, dx, dh0, dc0, dy0;
    Scratch<T> dY, dYPre, dOutput;  // every value written by to_time_major: not zero-filled first
    SliceSeeds<T> ss;
    auto seq = [&](const double* src, int C, Scratch<T>& v) {
      Scratch<T>(rows * std::size_t(C)).swap(v);
      to_time_major(src, b0, n, T_, C, Span<T>{v.data(), v.size()});
      return v.data();
    };
    auto state = [&](const double* src, std::vector<T>& v) {
      v.resize(states);
      state_rows(src, LD, B_, b0, n, d_.H, Span<T>{v.data(), v.size()});
      return v.data();
    };
    if (seeds.dY) ss.dY = seq(seeds.dY, d_.O, dY);
    if (seeds.dYPre) ss.dYPre = seq(seeds.dYPre, d_.O, dYPre);
    if (seeds.dOutput) ss.dOutput = seq(seeds.dOutput, DH, dOutput);
    if (seeds.dhN) ss.dhN = state(seeds.dhN, dhN);
    if (seeds.dcN) ss.dcN = state(seeds.dcN, dcN);
    dW.assign(layout_.total, T(0));
    sumsq.assign(std::size_t(d_.L) * std::size_t(T_), T(0));
    // Without out.dx the scan families skip the input gradient of layer 0; jordan and gated write it regardless.
    const bool skip_dx = !out.dx && d_.arch != Arch::jordan && d_.arch != Arch::gated;
    if (!skip_dx) dx.resize(std::size_t(T_) * std::size_t(n) * std::size_t(d_.I));
    dh0.resize(std::size_t(LD) * std::size_t(n) * std::size_t(d_.H));
    dc0.resize(dh0.size());
    dy0.resize(std::size_t(n) * std::size_t(d_.O));
    s.backward(d_, layout_, W_.data(), ss,
               {dW.data(), skip_dx ? nullptr : dx.data(), dh0.data(), dc0.data(), dy0.data(), sumsq.data()});
    if (out.dx) from_time_major(dx.data(), d_.I, b0, n, T_, d_.I, out.dx);
    state_rows_out(dh0.data(), LD, B_, b0, n, d_.H, out.dh0);
    if (out.dc0) state_rows_out(dc0.data(), LD, B_, b0, n, d_.H, out.dc0);
    if (out.dy0) state_rows_out(dy0.data(), 1, B_, b0, n, d_.O, out.dy0);
  }

  const Dims& d_;
  const Layout& layout_;
  int B_ = 0, T_ = 0;
  bool h0Given_ = false;
  Span<T> W_;
  std::vector<Slice<T>> slices_;
  std::vector<int> starts_;
  std::size_t bytes_ = 0;
};

}  // namespace

std::size_t cache_bytes(const Dims& dims, const Layout& layout, const PassConfig& config) {
  return config.float32 ? PassOf<float>(dims, layout, config, nullptr).bytes()
                        : PassOf<double>(dims, layout, config, nullptr).bytes();
}

void pass_forward(const Dims& dims, const Layout& layout, const std::vector<const double*>& weights,
                  const PassInputs& in, const PassConfig& config, unsigned char* cache) {
  keep_large_blocks_in_heap();
  const Header header{kMagic, fingerprint(dims, layout), config};
  std::memcpy(cache, &header, sizeof header);
  if (config.float32) PassOf<float>(dims, layout, config, cache).forward(weights, in);
  else PassOf<double>(dims, layout, config, cache).forward(weights, in);
}

std::string read_config(const Dims& dims, const Layout& layout, const unsigned char* cache, std::size_t bytes,
                        PassConfig& config) {
  Header header;
  if (bytes < sizeof header) return "expected a forward cache, found a buffer of " + std::to_string(bytes) + " bytes";
  std::memcpy(&header, cache, sizeof header);
  if (header.magic != kMagic) return "expected a forward cache written by model.forward, found other bytes";
  if (header.fingerprint != fingerprint(dims, layout)) return "expected a forward cache of this model, found another model's";
  const PassConfig& c = header.config;
  // The header sits in memory JS can write: bound every size before any array is placed from it.
  const double widest = std::max({double(dims.I), double(dims.G * dims.H), double(dims.D * dims.H),
                                  double(dims.I) * dims.H, double(dims.O)});
  const bool flags = (c.float32 == 0 || c.float32 == 1) && (c.h0Given == 0 || c.h0Given == 1) && (c.masks == 0 || c.masks == 1);
  if (c.batch < 1 || c.steps < 1 || c.slices < 1 || c.slices > 256 || !flags ||
      double(c.batch) * c.steps * widest > 2147483647.0)
    return "expected a forward cache, found a corrupt header";
  if (cache_bytes(dims, layout, c) > bytes) return "expected a forward cache of full size, found a truncated buffer";
  config = c;
  return "";
}

void pass_read(const Dims& dims, const Layout& layout, unsigned char* cache, Output what, int layer, double* out) {
  PassConfig c;
  std::memcpy(&c, cache + offsetof(Header, config), sizeof c);
  if (c.float32) PassOf<float>(dims, layout, c, cache).read(what, layer, out);
  else PassOf<double>(dims, layout, c, cache).read(what, layer, out);
}

void pass_backward(const Dims& dims, const Layout& layout, unsigned char* cache, const PassSeeds& seeds,
                   const PassGrads& out) {
  keep_large_blocks_in_heap();
  PassConfig c;
  std::memcpy(&c, cache + offsetof(Header, config), sizeof c);
  if (c.float32) PassOf<float>(dims, layout, c, cache).backward(seeds, out);
  else PassOf<double>(dims, layout, c, cache).backward(seeds, out);
}

}  // namespace rnnlab
