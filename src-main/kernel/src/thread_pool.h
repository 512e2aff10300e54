// A persistent pool of worker threads for the batch slices of a pass: workers are started once (on first need) and
// park on a condition variable between passes, so a pass pays a wake-up instead of a thread start, and each worker
// keeps its thread-local GEMM packing scratch warm from one pass to the next. Not a task scheduler: one job at a
// time, job(i) for i in [0, n), i = 0 on the calling thread.
#pragma once
#include <functional>

namespace rnnlab {

// Runs job(i) for i in [0, n) and returns when all have finished; rethrows the first exception a job threw.
// Calls from several threads at once (worker_threads each running a model) are safe: a call that finds the pool
// busy runs its jobs on threads of its own, started for this call, as before the pool existed.
void run_parallel(int n, const std::function<void(int)>& job);

}  // namespace rnnlab
