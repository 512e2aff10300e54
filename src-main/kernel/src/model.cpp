// Parameter layout of the kernel: the same table as paramLayout() in src-main/core/spec/params.ts.
#include "model.h"

namespace rnnlab {

std::string check_dims(const Dims& d) {
  if (d.I < 1 || d.H < 1 || d.L < 1 || d.O < 0) return "sizes must be input >= 1, hidden >= 1, layers >= 1, output >= 0";
  if (d.D != 1 && d.D != 2) return "directions must be 1 or 2";
  const bool single = d.arch == Arch::elman || d.arch == Arch::jordan || d.arch == Arch::gated;
  if (single && (d.L != 1 || d.D != 1)) return "elman, jordan and gated networks have one forward layer";
  if (d.arch == Arch::jordan && d.O < 1) return "a jordan network needs output_size >= 1";
  if (d.shortcut && (d.arch != Arch::elman || d.O < 1)) return "shortcut needs an elman network with output_size >= 1";
  if (d.learnH0 && d.arch != Arch::gated) return "learn_h0 needs a gated network";
  const int G = d.arch == Arch::lstm ? 4 : d.arch == Arch::gru ? 3 : 1;
  if (d.G != G) return "gate count does not match the architecture";
  return "";
}

namespace {
struct Builder {
  Layout out;
  std::ptrdiff_t add(const std::string& name, std::vector<int> shape) {
    std::size_t n = 1;
    for (int s : shape) n *= std::size_t(s);
    out.params.push_back({name, std::move(shape), out.total, n});
    const std::ptrdiff_t at = std::ptrdiff_t(out.total);
    out.total += n;
    return at;
  }
};
}  // namespace

Layout make_layout(const Dims& d) {
  Builder b;
  const int H = d.H, I = d.I, O = d.O;
  b.out.dirs.assign(std::size_t(d.L * d.D), DirParams{});
  switch (d.arch) {
    case Arch::rnn:
    case Arch::lstm:
    case Arch::gru:
    case Arch::elman:
      for (int l = 0; l < d.L; ++l) {
        for (int dir = 0; dir < d.D; ++dir) {
          const std::string sfx = "_l" + std::to_string(l) + (dir == 0 ? "" : "_reverse");
          DirParams& p = b.out.dirs[std::size_t(l * d.D + dir)];
          p.w_ih = b.add("weight_ih" + sfx, {d.G * H, d.layerInput(l)});
          p.w_hh = b.add("weight_hh" + sfx, {d.G * H, H});
          if (d.bias) {
            p.b_ih = b.add("bias_ih" + sfx, {d.G * H});
            p.b_hh = b.add("bias_hh" + sfx, {d.G * H});
          }
        }
      }
      if (d.shortcut) b.out.shortcut = b.add("shortcut.weight", {O, I});
      break;
    case Arch::jordan: {
      DirParams& p = b.out.dirs[0];
      p.w_ih = b.add("weight_ih_l0", {H, I});
      p.w_hh = b.add("weight_yh_l0", {H, O});
      if (d.bias) p.b_ih = b.add("bias_l0", {H});
      break;
    }
    case Arch::gated: {
      DirParams& p = b.out.dirs[0];
      p.w_hh = b.add("weight_hh", {I, H, H});
      if (d.bias) p.b_hh = b.add("bias_hh", {I, H});
      if (d.learnH0) b.out.h0 = b.add("h0", {H});
      break;
    }
  }
  if (O > 0) {
    b.out.head_w = b.add("head.weight", {O, d.D * H});
    b.out.head_b = b.add("head.bias", {O});
  }
  return b.out;
}

}  // namespace rnnlab
