// The model as the kernel sees it: sizes, options, and where every parameter sits in one packed buffer.
// The packed order is paramLayout's (PyTorch state_dict order, src-main/core/spec/params.ts); no N-API here.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace rnnlab {

enum class Arch { rnn = 0, lstm = 1, gru = 2, elman = 3, jordan = 4, gated = 5 };
enum class OutAct { none = 0, sigmoid = 1, softmax = 2 };

struct Dims {
  Arch arch = Arch::rnn;
  int I = 1, H = 1, L = 1, D = 1, O = 0;
  int G = 1;  // gate blocks per weight matrix: lstm 4 (i,f,g,o), gru 3 (r,z,n), others 1
  bool bias = true, relu = false, shortcut = false, learnH0 = false;
  OutAct outAct = OutAct::none;
  int layerInput(int l) const { return l == 0 ? I : D * H; }
};

// Offsets (in values) of one direction's tensors in the packed buffer; -1 when absent.
//   rnn/lstm/gru/elman: w_ih (G*H, In), w_hh (G*H, H), b_ih (G*H), b_hh (G*H)
//   jordan: w_ih (H, I), w_hh = weight_yh (H, O), b_ih = bias_l0 (H)
//   gated:  w_hh = weight_hh (I*H, H) (I blocks W_k), b_hh = bias_hh (I, H)
struct DirParams {
  std::ptrdiff_t w_ih = -1, w_hh = -1, b_ih = -1, b_hh = -1;
};

struct ParamInfo {
  std::string name;
  std::vector<int> shape;
  std::size_t offset = 0, size = 0;
};

struct Layout {
  std::vector<ParamInfo> params;  // paramLayout order
  std::size_t total = 0;
  std::vector<DirParams> dirs;    // index l*D + d
  std::ptrdiff_t h0 = -1, head_w = -1, head_b = -1, shortcut = -1;
};

// Returns "" when the dims are consistent, else one line naming the problem.
std::string check_dims(const Dims& dims);
Layout make_layout(const Dims& dims);

}  // namespace rnnlab
