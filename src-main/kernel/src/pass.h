// One forward pass of a model over a batch, kept for its backward: splits the batch into slices (one per thread),
// converts the caller's float64 arrays (batch-first, the engine contract's layouts) to the compute type T, and
// converts results back. Plain C++; the binding owns one Pass per JS ForwardPass.
#pragma once
#include <memory>
#include <vector>
#include "model.h"
#include "network.h"

namespace rnnlab {

// Caller arrays in the contract's layouts (see src-main/core/engine/types.ts). Null = absent.
struct PassInputs {
  int batch = 0, steps = 0;
  const double* x = nullptr;           // (B, T, I)
  const double* h0 = nullptr;          // (L*D, B, H)
  const double* c0 = nullptr;          // (L*D, B, H)
  const double* y0 = nullptr;          // (B, O)
  std::vector<const double*> masks;    // L-1 of (B, T, D*H), or empty
};

struct PassSeeds {
  const double *dY = nullptr, *dYPre = nullptr, *dOutput = nullptr, *dhN = nullptr, *dcN = nullptr;
};

struct PassGrads {
  double* dParams;  // (layout.total) written
  double* dx;       // (B, T, I)
  double* dh0;      // (L*D, B, H)
  double* dc0;      // (L*D, B, H) or null
  double* dy0;      // (B, O) or null
  double* norms;    // (L, T): ||dL/dh_t|| per layer and step
};

enum class Output { y = 0, yPre = 1, output = 2, hN = 3, cN = 4, layerState = 5, layerCellState = 6 };

class Pass {
 public:
  virtual ~Pass() = default;
  virtual void read(Output what, int layer, double* out) const = 0;
  virtual void backward(const PassSeeds& seeds, const PassGrads& out) const = 0;
  // Bytes held by the cache, so the host's garbage collector can account for them.
  virtual std::size_t bytes() const = 0;
};

// weights: one pointer per layout.params entry. threads >= 1.
std::unique_ptr<Pass> run_forward(const Dims& dims, std::shared_ptr<const Layout> layout, const std::vector<const double*>& weights,
                                  const PassInputs& in, bool float32, int threads);

}  // namespace rnnlab
