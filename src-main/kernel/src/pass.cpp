// Batch slicing, threads and float64 <-> T conversion around Slice<T>.
#include "pass.h"
#include <algorithm>
#include <cmath>
#include <exception>
#include <thread>

namespace rnnlab {

namespace {

// src (B, T, C) rows [b0, b0+n) -> dst (T, n, C).
template <typename T>
void to_time_major(const double* src, int b0, int n, int steps, int C, std::vector<T>& dst) {
  dst.resize(std::size_t(steps) * std::size_t(n) * std::size_t(C));
  for (int b = 0; b < n; ++b)
    for (int t = 0; t < steps; ++t) {
      const double* s = src + (std::size_t(b0 + b) * std::size_t(steps) + std::size_t(t)) * std::size_t(C);
      T* d = dst.data() + (std::size_t(t) * std::size_t(n) + std::size_t(b)) * std::size_t(C);
      for (int c = 0; c < C; ++c) d[c] = T(s[c]);
    }
}

// src (T, n, C) with row stride ld -> dst (B, T, C) rows [b0, b0+n).
template <typename T>
void from_time_major(const T* src, int ld, int b0, int n, int steps, int C, double* dst) {
  for (int b = 0; b < n; ++b)
    for (int t = 0; t < steps; ++t) {
      const T* s = src + (std::size_t(t) * std::size_t(n) + std::size_t(b)) * std::size_t(ld);
      double* d = dst + (std::size_t(b0 + b) * std::size_t(steps) + std::size_t(t)) * std::size_t(C);
      for (int c = 0; c < C; ++c) d[c] = double(s[c]);
    }
}

// src (S, B, C) rows [b0, b0+n) of every block -> dst (S, n, C); absent src gives zeros.
template <typename T>
void state_rows(const double* src, int S, int B, int b0, int n, int C, std::vector<T>& dst) {
  dst.assign(std::size_t(S) * std::size_t(n) * std::size_t(C), T(0));
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

// Runs job(i) for i in [0, n): i = 0 on this thread, the rest on their own; rethrows the first failure.
template <typename Job>
void parallel(int n, const Job& job) {
  if (n == 1) return job(0);
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n));
  std::vector<std::thread> pool;
  auto guarded = [&](int i) {
    try { job(i); } catch (...) { errors[std::size_t(i)] = std::current_exception(); }
  };
  for (int i = 1; i < n; ++i) pool.emplace_back(guarded, i);
  guarded(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

template <typename T>
class PassOf final : public Pass {
 public:
  PassOf(const Dims& dims, std::shared_ptr<const Layout> layout) : d_(dims), keep_(std::move(layout)), layout_(*keep_) {}

  void forward(const std::vector<const double*>& weights, const PassInputs& in, int threads) {
    B_ = in.batch, T_ = in.steps;
    h0Given_ = in.h0 != nullptr;
    W_.resize(layout_.total);
    for (std::size_t p = 0; p < layout_.params.size(); ++p) {
      const ParamInfo& info = layout_.params[p];
      for (std::size_t i = 0; i < info.size; ++i) W_[info.offset + i] = T(weights[p][i]);
    }
    const int n = std::max(1, std::min(threads, B_));
    slices_.assign(std::size_t(n), {});
    starts_.resize(std::size_t(n) + 1);
    for (int i = 0; i <= n; ++i) starts_[std::size_t(i)] = int((long long)B_ * i / n);
    parallel(n, [&](int i) { forward_slice(i, in); });
  }

  std::size_t bytes() const override {
    std::size_t n = W_.capacity();
    auto add = [&n](const std::vector<T>& v) { n += v.capacity(); };
    for (const Slice<T>& s : slices_) {
      for (const auto* v : {&s.x, &s.h0, &s.c0, &s.y0, &s.z, &s.yPre, &s.y}) add(*v);
      for (const auto* group : {&s.masks, &s.hs, &s.cs, &s.xin})
        for (const auto& v : *group) add(v);
      for (const ScanCache<T>& c : s.caches) add(c.gates), add(c.tanhc), add(c.ghn);
    }
    return n * sizeof(T);
  }

  void read(Output what, int layer, double* out) const override {
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

  void backward(const PassSeeds& seeds, const PassGrads& out) const override {
    const int n = int(slices_.size());
    std::vector<std::vector<T>> dW(static_cast<std::size_t>(n)), sumsq(static_cast<std::size_t>(n));
    parallel(n, [&](int i) { backward_slice(i, seeds, out, dW[std::size_t(i)], sumsq[std::size_t(i)]); });
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
    const int b0 = starts_[std::size_t(i)], n = starts_[std::size_t(i) + 1] - b0, LD = d_.L * d_.D;
    s.batch = n, s.steps = T_;
    to_time_major(in.x, b0, n, T_, d_.I, s.x);
    state_rows(in.h0, LD, B_, b0, n, d_.H, s.h0);
    if (!in.h0 && d_.learnH0) {
      for (int b = 0; b < n; ++b)
        std::copy(W_.begin() + layout_.h0, W_.begin() + layout_.h0 + d_.H, s.h0.begin() + std::ptrdiff_t(b) * d_.H);
    }
    if (d_.arch == Arch::lstm) state_rows(in.c0, LD, B_, b0, n, d_.H, s.c0);
    if (d_.arch == Arch::jordan) state_rows(in.y0, 1, B_, b0, n, d_.O, s.y0);
    s.masks.assign(in.masks.size(), {});
    for (std::size_t m = 0; m < in.masks.size(); ++m) to_time_major(in.masks[m], b0, n, T_, d_.D * d_.H, s.masks[m]);
    s.forward(d_, layout_, W_.data());
  }

  void backward_slice(int i, const PassSeeds& seeds, const PassGrads& out, std::vector<T>& dW,
                      std::vector<T>& sumsq) const {
    const Slice<T>& s = slices_[std::size_t(i)];
    const int b0 = starts_[std::size_t(i)], n = s.batch, LD = d_.L * d_.D, DH = d_.D * d_.H;
    std::vector<T> dY, dYPre, dOutput, dhN, dcN, dx, dh0, dc0, dy0;
    SliceSeeds<T> ss;
    if (seeds.dY) to_time_major(seeds.dY, b0, n, T_, d_.O, dY), ss.dY = dY.data();
    if (seeds.dYPre) to_time_major(seeds.dYPre, b0, n, T_, d_.O, dYPre), ss.dYPre = dYPre.data();
    if (seeds.dOutput) to_time_major(seeds.dOutput, b0, n, T_, DH, dOutput), ss.dOutput = dOutput.data();
    if (seeds.dhN) state_rows(seeds.dhN, LD, B_, b0, n, d_.H, dhN), ss.dhN = dhN.data();
    if (seeds.dcN) state_rows(seeds.dcN, LD, B_, b0, n, d_.H, dcN), ss.dcN = dcN.data();
    dW.assign(layout_.total, T(0));
    sumsq.assign(std::size_t(d_.L) * std::size_t(T_), T(0));
    dx.resize(std::size_t(T_) * std::size_t(n) * std::size_t(d_.I));
    dh0.resize(std::size_t(LD) * std::size_t(n) * std::size_t(d_.H));
    dc0.resize(dh0.size());
    dy0.resize(std::size_t(n) * std::size_t(d_.O));
    s.backward(d_, layout_, W_.data(), ss, {dW.data(), dx.data(), dh0.data(), dc0.data(), dy0.data(), sumsq.data()});
    from_time_major(dx.data(), d_.I, b0, n, T_, d_.I, out.dx);
    state_rows_out(dh0.data(), LD, B_, b0, n, d_.H, out.dh0);
    if (out.dc0) state_rows_out(dc0.data(), LD, B_, b0, n, d_.H, out.dc0);
    if (out.dy0) state_rows_out(dy0.data(), 1, B_, b0, n, d_.O, out.dy0);
  }

  Dims d_;
  std::shared_ptr<const Layout> keep_;
  const Layout& layout_;
  int B_ = 0, T_ = 0;
  bool h0Given_ = false;
  std::vector<T> W_;
  std::vector<Slice<T>> slices_;
  std::vector<int> starts_;
};

}  // namespace

std::unique_ptr<Pass> run_forward(const Dims& dims, std::shared_ptr<const Layout> layout,
                                  const std::vector<const double*>& weights,
                                  const PassInputs& in, bool float32, int threads) {
  if (float32) {
    auto pass = std::make_unique<PassOf<float>>(dims, layout);
    pass->forward(weights, in, threads);
    return pass;
  }
  auto pass = std::make_unique<PassOf<double>>(dims, layout);
  pass->forward(weights, in, threads);
  return pass;
}

}  // namespace rnnlab
