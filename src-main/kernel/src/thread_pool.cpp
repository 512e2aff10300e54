// run_parallel (thread_pool.h): one process-wide pool, grown to the largest slice count asked for, never shrunk.
// The pool object is deliberately leaked: its parked workers must outlive every static destructor that could still
// run a pass, and process exit ends them.
#include "thread_pool.h"
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace rnnlab {
namespace {

class Pool {
 public:
  // Runs the job if the pool is free (returns false without running anything if another call holds it).
  bool try_run(int n, const std::function<void(int)>& job) {
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    grow(n - 1);
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job, errors_ = &errors, count_ = n, pending_ = n - 1, ++generation_;
    }
    wake_.notify_all();
    try { job(0); } catch (...) { errors[0] = std::current_exception(); }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [&] { return pending_ == 0; });
      job_ = nullptr, errors_ = nullptr;
    }
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
    return true;
  }

 private:
  // Worker w runs job(w + 1) of every generation whose count covers it.
  // Called before the generation is launched, so a new worker starts out having "seen" the previous one.
  void grow(int workers) {
    unsigned long long current;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      current = generation_;
    }
    while (int(threads_) < workers) {
      const int w = int(threads_++);
      std::thread([this, w, current] { work(w, current); }).detach();
    }
  }

  void work(int w, unsigned long long seen) {
    for (;;) {
      const std::function<void(int)>* job;
      std::vector<std::exception_ptr>* errors;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (w + 1 >= count_) continue;  // this pass has fewer slices than the pool has workers
        job = job_, errors = errors_;
      }
      try { (*job)(w + 1); } catch (...) { (*errors)[std::size_t(w + 1)] = std::current_exception(); }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (--pending_ == 0) done_.notify_one();
      }
    }
  }

  std::mutex busy_;   // held by the one call using the pool
  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_, done_;
  const std::function<void(int)>* job_ = nullptr;
  std::vector<std::exception_ptr>* errors_ = nullptr;
  int count_ = 0, pending_ = 0;
  unsigned long long generation_ = 0;
  std::size_t threads_ = 0;  // only touched under busy_
};

// Each job on a thread started for this call (the pool's fallback when busy).
void run_on_new_threads(int n, const std::function<void(int)>& job) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n));
  std::vector<std::thread> threads;
  auto guarded = [&](int i) {
    try { job(i); } catch (...) { errors[std::size_t(i)] = std::current_exception(); }
  };
  for (int i = 1; i < n; ++i) threads.emplace_back(guarded, i);
  guarded(0);
  for (auto& th : threads) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace

void run_parallel(int n, const std::function<void(int)>& job) {
  if (n <= 1) return job(0);
  static Pool* const pool = new Pool();  // leaked on purpose (see the file comment)
  if (!pool->try_run(n, job)) run_on_new_threads(n, job);
}

}  // namespace rnnlab
