// Stack composition for one batch slice: layer 0 reads x, layer l >= 1 reads layer l-1's states times its
// dropout mask; the head reads the last layer. Jordan and gated networks route to their own kernels.
#include "network.h"
#include <algorithm>
#include <type_traits>
#include "families.h"
#include "head.h"
#include "small_head.h"
#include "ops.h"

namespace rnnlab {

namespace {

template <typename T>
const T* at(const T* W, std::ptrdiff_t offset) {
  return offset < 0 ? nullptr : W + offset;
}
template <typename T>
T* at(T* W, std::ptrdiff_t offset) {
  return offset < 0 ? nullptr : W + offset;
}

template <typename P, typename T>
P scan_weights(T* W, const DirParams& p) {
  return {at(W, p.w_ih), at(W, p.w_hh), at(W, p.b_ih), at(W, p.b_hh)};
}

}  // namespace

template <typename T>
const T* Slice<T>::layer_input(int l) const {
  if (l == 0) return x.data();
  return masks.empty() ? hs[std::size_t(l - 1)].data() : xin[std::size_t(l)].data();
}

template <typename T>
void Slice<T>::bind(const Dims& d, Arena& arena, int batch_, int steps_, bool withMasks) {
  batch = batch_, steps = steps_;
  const std::size_t rows = std::size_t(steps) * std::size_t(batch), B = std::size_t(batch), H = std::size_t(d.H);
  const std::size_t DH = std::size_t(d.D) * H, LD = std::size_t(d.L * d.D);
  const bool lstm = d.arch == Arch::lstm, gru = d.arch == Arch::gru;
  x = arena.take<T>(rows * std::size_t(d.I));
  h0 = arena.take<T>(LD * B * H);
  c0 = arena.take<T>(lstm ? LD * B * H : 0);
  y0 = arena.take<T>(d.arch == Arch::jordan ? B * std::size_t(d.O) : 0);
  masks.clear(), hs.clear(), cs.clear(), xin.clear(), caches.clear();
  for (int l = 0; l < d.L; ++l) {
    if (l > 0 && withMasks) masks.push_back(arena.take<T>(rows * DH)), xin.push_back(arena.take<T>(rows * DH));
    else xin.push_back({});
    hs.push_back(arena.take<T>(rows * DH));
    if (lstm) cs.push_back(arena.take<T>(rows * DH));
    for (int dir = 0; dir < d.D; ++dir) {
      ScanCache<T> c;
      if (lstm || gru) c.gates = arena.take<T>(rows * std::size_t(d.G) * H);
      if (lstm) c.tanhc = arena.take<T>(rows * H);
      if (gru) c.ghn = arena.take<T>(rows * H);
      caches.push_back(c);
    }
  }
  z = arena.take<T>(d.arch == Arch::gated ? rows * std::size_t(d.I) * H : 0);
  yPre = arena.take<T>(rows * std::size_t(d.O));
  y = arena.take<T>(rows * std::size_t(d.O));
}

template <typename T>
void Slice<T>::forward(const Dims& d, const Layout& layout, const T* W) {
  const SliceSize n{steps, batch};
  const std::size_t rows = n.rows(), B = std::size_t(batch), H = std::size_t(d.H), DH = std::size_t(d.D) * H;
  const DirParams& p0 = layout.dirs[0];
  if (d.arch == Arch::jordan) {
    const JordanParams<const T> p{at(W, p0.w_ih), at(W, p0.w_hh), at(W, p0.b_ih), at(W, layout.head_w),
                                  at(W, layout.head_b)};
    jordan_forward(p, n, d.I, d.H, d.O, d.relu, d.outAct, x.data(), y0.data(), hs[0].data(), yPre.data(), y.data());
    return;
  }
  if (d.arch == Arch::gated) {
    gated_forward<T>({at(W, p0.w_hh), at(W, p0.b_hh)}, n, d.I, d.H, x.data(), h0.data(), hs[0].data(), z.data(),
                     nullptr);
  } else {
    Scratch<T> work(B * std::size_t(d.G) * H);
    for (int l = 0; l < d.L; ++l) {
      if (l > 0 && !masks.empty()) {
        const Span<T> prev = hs[std::size_t(l - 1)], mask = masks[std::size_t(l - 1)], in = xin[std::size_t(l)];
        for (std::size_t i = 0; i < in.size(); ++i) in[i] = prev[i] * mask[i];
      }
      for (int dir = 0; dir < d.D; ++dir) {
        const std::size_t ld = std::size_t(l * d.D + dir);
        const ScanShape s{d.arch, d.relu, steps, batch, d.layerInput(l), d.H, int(DH), dir == 1};
        T* c = d.arch == Arch::lstm ? cs[std::size_t(l)].data() + std::size_t(dir) * H : nullptr;
        scan_forward<T>(s, scan_weights<ScanWeights<const T>>(W, layout.dirs[ld]), layer_input(l),
                        h0.data() + ld * B * H, d.arch == Arch::lstm ? c0.data() + ld * B * H : nullptr,
                        hs[std::size_t(l)].data() + std::size_t(dir) * H, c, caches[ld], work.data());
      }
    }
  }
  if (d.O > 0) {
    const HeadParams<T> hp{at(W, layout.head_w), at(W, layout.head_b), at(W, layout.shortcut)};
    head_forward(hp, rows, int(DH), d.I, d.O, d.outAct, hs.back().data(), x.data(), yPre.data(), y.data());
  }
}

template <typename T>
void Slice<T>::backward(const Dims& d, const Layout& layout, const T* W, const SliceSeeds<T>& seeds,
                        const SliceGrads<T>& out) const {
  const SliceSize n{steps, batch};
  const std::size_t rows = n.rows(), B = std::size_t(batch), H = std::size_t(d.H), DH = std::size_t(d.D) * H;
  const DirParams& p0 = layout.dirs[0];
  if (d.arch == Arch::jordan) {
    const JordanParams<const T> p{at(W, p0.w_ih), at(W, p0.w_hh), at(W, p0.b_ih), at(W, layout.head_w),
                                  at(W, layout.head_b)};
    const JordanParams<T> dp{at(out.dW, p0.w_ih), at(out.dW, p0.w_hh), at(out.dW, p0.b_ih), at(out.dW, layout.head_w),
                             at(out.dW, layout.head_b)};
    Scratch<T> work(rows * std::size_t(d.O + d.H) + 2 * B * std::size_t(d.O) + B * H);
    jordan_backward(p, dp, n, d.I, d.H, d.O, d.relu, d.outAct, x.data(), y0.data(), hs[0].data(), y.data(), seeds.dY,
                    seeds.dYPre, seeds.dOutput, seeds.dhN, out.dx, out.dy0, out.sumsq, work.data());
    std::fill(out.dh0, out.dh0 + B * H, T(0));  // h_{t-1} never feeds h_t in a Jordan network
    return;
  }
  // Gradient reaching the last layer's states: the seed on `output` plus what the head sends back. Without a seed
  // the head's product writes dhs outright (no zero fill of T*B*DH values first).
  Scratch<T> dhs(rows * DH);
  if (seeds.dOutput) std::copy(seeds.dOutput, seeds.dOutput + rows * DH, dhs.data());
  else if (d.O == 0) std::fill(dhs.data(), dhs.data() + rows * DH, T(0));
  Scratch<T> dyPre(rows * std::size_t(d.O));
  const HeadParams<T> hp{at(W, layout.head_w), at(W, layout.head_b), at(W, layout.shortcut)};
  if (d.O > 0) {
    output_activation_backward(d.outAct, y.data(), seeds.dY, seeds.dYPre, dyPre.data(), rows, d.O);
    // The shortcut's dx part is added after the layers have written dx.
    bool fused = false;
    if constexpr (std::is_same_v<T, float>) {
      if (small_head_fits(d.O, int(DH))) {
        small_head_backward({hp.V, hs.back().data(), dyPre.data(), at(out.dW, layout.head_w),
                             at(out.dW, layout.head_b), dhs.data(), seeds.dOutput != nullptr, d.O, int(DH)},
                            rows);
        fused = true;
      }
    }
    if (!fused) {
      head_backward<T>({hp.V, hp.c, nullptr}, rows, int(DH), d.I, d.O, hs.back().data(), x.data(), dyPre.data(),
                       at(out.dW, layout.head_w), at(out.dW, layout.head_b), nullptr, dhs.data(),
                       seeds.dOutput ? T(1) : T(0), nullptr);
    }
  }
  backward_layers(d, layout, W, dhs, seeds, out);
  if (hp.S) {
    T* dS = at(out.dW, layout.shortcut);
    matmul<T>(true, false, std::size_t(d.O), d.I, rows, dyPre.data(), d.O, x.data(), d.I, T(1), dS, d.I);
    if (out.dx) matmul<T>(false, false, rows, d.I, std::size_t(d.O), dyPre.data(), d.O, hp.S, d.I, T(1), out.dx, d.I);
  }
}

template <typename T>
void Slice<T>::backward_layers(const Dims& d, const Layout& layout, const T* W, Scratch<T>& dhs,
                               const SliceSeeds<T>& seeds, const SliceGrads<T>& out) const {
  const std::size_t rows = std::size_t(steps) * std::size_t(batch), B = std::size_t(batch), H = std::size_t(d.H);
  const std::size_t DH = std::size_t(d.D) * H, KH = std::size_t(d.I) * H;
  if (d.arch == Arch::gated) {
    const DirParams& p0 = layout.dirs[0];
    Scratch<T> work(rows * H + rows * KH + 2 * B * H);
    gated_backward<T>({at(W, p0.w_hh), at(W, p0.b_hh)}, {at(out.dW, p0.w_hh), at(out.dW, p0.b_hh)}, {steps, batch},
                      d.I, d.H, x.data(), h0.data(), hs[0].data(), z.data(), dhs.data(), seeds.dhN, out.dx, out.dh0,
                      out.sumsq, work.data());
    return;
  }
  Scratch<T> work(scan_backward_work({d.arch, d.relu, steps, batch, d.layerInput(0), d.H, int(DH), false}));
  Scratch<T> dxin(d.L > 1 ? rows * DH : 0);
  for (int l = d.L - 1; l >= 0; --l) {
    const int in = d.layerInput(l);
    T* dx = l == 0 ? out.dx : dxin.data();
    for (int dir = 0; dir < d.D; ++dir) {
      const std::size_t ld = std::size_t(l * d.D + dir);
      const ScanShape s{d.arch, d.relu, steps, batch, in, d.H, int(DH), dir == 1};
      const bool lstm = d.arch == Arch::lstm;
      const ScanGrads<T> g{dx, T(dir == 0 ? 0 : 1), out.dh0 + ld * B * H, lstm ? out.dc0 + ld * B * H : nullptr,
                           out.sumsq + std::size_t(l) * std::size_t(steps)};
      scan_backward<T>(s, scan_weights<ScanWeights<const T>>(W, layout.dirs[ld]),
                       scan_weights<ScanWeights<T>>(out.dW, layout.dirs[ld]), layer_input(l), h0.data() + ld * B * H,
                       lstm ? c0.data() + ld * B * H : nullptr, hs[std::size_t(l)].data() + std::size_t(dir) * H,
                       lstm ? cs[std::size_t(l)].data() + std::size_t(dir) * H : nullptr, caches[ld],
                       dhs.data() + std::size_t(dir) * H, seeds.dhN ? seeds.dhN + ld * B * H : nullptr,
                       seeds.dcN && lstm ? seeds.dcN + ld * B * H : nullptr, g, work.data());
    }
    if (l > 0) {
      // The layer's input gradient is the gradient at layer l-1's states, through the dropout mask.
      if (!masks.empty()) {
        const Span<T> mask = masks[std::size_t(l - 1)];
        for (std::size_t i = 0; i < dxin.size(); ++i) dxin[i] *= mask[i];
      }
      dhs.swap(dxin);
    }
  }
}

template class Slice<float>;
template class Slice<double>;

}  // namespace rnnlab
