// One forward pass of a model over a batch, kept for its backward in a caller-owned cache buffer: splits the batch
// into slices (one per thread), converts the caller's float64 arrays (batch-first, the engine contract's layouts)
// to the compute type, and converts results back. Stateless between calls: the buffer's header says how the pass
// was run, and the arrays are placed again from it. Plain C++; the binding passes a JS ArrayBuffer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>
#include "model.h"

namespace rnnlab {

// Caller arrays in the contract's layouts (see src-main/core/engine/types.ts). Null = absent.
struct PassInputs {
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
  double* dx;       // (B, T, I), or null: not wanted (rnn/lstm/gru/elman then skip its product)
  double* dh0;      // (L*D, B, H)
  double* dc0;      // (L*D, B, H) or null
  double* dy0;      // (B, O) or null
  double* norms;    // (L, T): ||dL/dh_t|| per layer and step
};

enum class Output { y = 0, yPre = 1, output = 2, hN = 3, cN = 4, layerState = 5, layerCellState = 6 };

// How a pass was run; stored at the start of its cache buffer.
struct PassConfig {
  std::int32_t batch = 0, steps = 0;
  std::int32_t float32 = 0, slices = 1;
  std::int32_t h0Given = 0, masks = 0;
};

// Bytes of cache a pass with this configuration needs (header included).
std::size_t cache_bytes(const Dims& dims, const Layout& layout, const PassConfig& config);

// Writes the header and runs the forward pass into `cache` (at least cache_bytes long).
void pass_forward(const Dims& dims, const Layout& layout, const std::vector<const double*>& weights,
                  const PassInputs& in, const PassConfig& config, unsigned char* cache);

// Reads the header of a cache written by pass_forward for these dims; "" when it is valid for `bytes` of buffer,
// else one line saying what is wrong.
std::string read_config(const Dims& dims, const Layout& layout, const unsigned char* cache, std::size_t bytes,
                        PassConfig& config);

void pass_read(const Dims& dims, const Layout& layout, unsigned char* cache, Output what, int layer, double* out);
void pass_backward(const Dims& dims, const Layout& layout, unsigned char* cache, const PassSeeds& seeds,
                   const PassGrads& out);

}  // namespace rnnlab
