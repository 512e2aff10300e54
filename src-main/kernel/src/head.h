// The per-step readout head: yPre = V h + c (+ S x for elman's shortcut), y = g(yPre) with g none/sigmoid/softmax.
// Rows are (time, batch) pairs of the slice, so the head over all steps is one GEMM.
#pragma once
#include <cstddef>
#include "model.h"

namespace rnnlab {

// y (rows, O) = g(yPre) row by row; softmax over the O outputs of a row.
template <typename T>
void output_activation(OutAct act, const T* yPre, T* y, std::size_t rows, int O);

// dyPre (rows, O) = dYPre + J_g^T dY, where dY is the gradient at y (after g). Either seed may be null.
template <typename T>
void output_activation_backward(OutAct act, const T* y, const T* dY, const T* dYPre, T* dyPre, std::size_t rows, int O);

template <typename T>
struct HeadParams {
  const T* V;  // (O, DH)
  const T* c;  // (O)
  const T* S;  // (O, I) shortcut, or null
};

// hs (rows, DH), x (rows, I) only read with a shortcut.
template <typename T>
void head_forward(const HeadParams<T>& p, std::size_t rows, int DH, int I, int O, OutAct act, const T* hs, const T* x,
                  T* yPre, T* y);

// Given dyPre: dV, dc, dS += (when non-null); dhs (rows, DH) = dyPre V + dhs_beta * dhs (0: dhs is only written);
// dx (rows, I) += dyPre S with a shortcut.
template <typename T>
void head_backward(const HeadParams<T>& p, std::size_t rows, int DH, int I, int O, const T* hs, const T* x,
                   const T* dyPre, T* dV, T* dc, T* dS, T* dhs, T dhs_beta, T* dx);

}  // namespace rnnlab
