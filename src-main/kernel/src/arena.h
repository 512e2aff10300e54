// Placement of a forward pass's cache inside one caller-owned buffer (a JS ArrayBuffer), so the cache is freed by
// the garbage collector with the buffer and never waits for a native finalizer. An Arena without a base only
// measures: the same sequence of take() calls sizes the buffer first and places the arrays afterwards.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>

namespace rnnlab {

template <typename T>
struct Span {
  T* ptr = nullptr;
  std::size_t n = 0;
  T* data() const { return ptr; }
  std::size_t size() const { return n; }
  bool empty() const { return n == 0; }
  T& operator[](std::size_t i) const { return ptr[i]; }
  T* begin() const { return ptr; }
  T* end() const { return ptr + n; }
};

// A temporary array of one call, left uninitialised (std::vector would zero it first: a memset of every byte), and
// cache-line aligned (operator new gives 16 bytes): a 64-byte vector load from a misaligned block touches two lines,
// which slowed the load-bound gru H = 64 forward tile by 25% whenever its packed weights happened to sit so.
template <typename T>
class Scratch {
 public:
  explicit Scratch(std::size_t n = 0) : data_(n ? allocate(n) : nullptr), n_(n) {}
  T* data() const { return data_.get(); }
  std::size_t size() const { return n_; }
  T& operator[](std::size_t i) const { return data_[i]; }
  void swap(Scratch& other) {
    data_.swap(other.data_);
    std::swap(n_, other.n_);
  }

 private:
  // C++17's aligned operator new (throws std::bad_alloc), not std::aligned_alloc: MSVC has no aligned_alloc.
  static constexpr std::align_val_t kAlign{64};
  struct Free {
    void operator()(T* p) const { ::operator delete[](static_cast<void*>(p), kAlign); }
  };
  static T* allocate(std::size_t n) { return static_cast<T*>(::operator new[](n * sizeof(T), kAlign)); }
  std::unique_ptr<T[], Free> data_;
  std::size_t n_;
};

class Arena {
 public:
  explicit Arena(unsigned char* base, std::size_t offset = 0) : base_(base), used_(offset) {}
  template <typename T>
  Span<T> take(std::size_t n) {
    used_ = (used_ + 63) / 64 * 64;  // cache-line aligned relative to the base
    Span<T> s{base_ ? reinterpret_cast<T*>(base_ + used_) : nullptr, n};
    used_ += n * sizeof(T);
    return s;
  }
  std::size_t used() const { return used_; }

 private:
  unsigned char* base_;
  std::size_t used_;
};

}  // namespace rnnlab
