// The whole model over one slice of the batch: layers stacked (with dropout masks between them), each layer one
// or two directions, then the head. A slice's inputs and BPTT cache (O(B*T*H)) are placed in a caller-owned
// buffer by bind(); slices share nothing, so they run on separate threads. Time-major: row (t, b) is t*B + b;
// states are (L*D, B, H).
#pragma once
#include <vector>
#include "arena.h"
#include "model.h"
#include "scan.h"

namespace rnnlab {

template <typename T>
struct SliceSeeds {
  const T* dY = nullptr;       // (T, B, O)
  const T* dYPre = nullptr;    // (T, B, O)
  const T* dOutput = nullptr;  // (T, B, D*H)
  const T* dhN = nullptr;      // (L*D, B, H)
  const T* dcN = nullptr;      // (L*D, B, H)
};

template <typename T>
struct SliceGrads {
  T* dW;     // (layout.total) +=
  T* dx;     // (T, B, I) written; null (rnn/lstm/gru/elman only): not wanted
  T* dh0;    // (L*D, B, H) written
  T* dc0;    // (L*D, B, H) written, lstm
  T* dy0;    // (B, O) written, jordan
  T* sumsq;  // (L, T) += squared ||dL/dh_t|| over the slice
};

template <typename T>
class Slice {
 public:
  int batch = 0, steps = 0;
  Span<T> x;                       // (T, B, I)
  Span<T> h0, c0, y0;              // (L*D, B, H), (L*D, B, H) lstm, (B, O) jordan
  std::vector<Span<T>> masks;      // L-1 dropout masks (T, B, D*H), or none
  std::vector<Span<T>> hs, cs;     // per layer (T, B, D*H): hidden and lstm cell states
  std::vector<Span<T>> xin;        // per layer >= 1 with masks: the masked input (T, B, D*H)
  std::vector<ScanCache<T>> caches;  // per layer and direction
  Span<T> z;                       // gated: (T, B, I*H)
  Span<T> yPre, y;                 // (T, B, O)

  // Places every array of this slice in the arena (same order every time, so sizing and placing agree).
  void bind(const Dims& dims, Arena& arena, int batch, int steps, bool withMasks);
  void forward(const Dims& dims, const Layout& layout, const T* W);
  void backward(const Dims& dims, const Layout& layout, const T* W, const SliceSeeds<T>& seeds,
                const SliceGrads<T>& out) const;

 private:
  const T* layer_input(int l) const;
  void backward_layers(const Dims& dims, const Layout& layout, const T* W, Scratch<T>& dhs,
                       const SliceSeeds<T>& seeds, const SliceGrads<T>& out) const;
};

}  // namespace rnnlab
