// A command-line driver of the kernel's C++ (no N-API): runs forward + backward of every family on fixed small
// models and either writes the results (on x86, the reference) or checks them against such a file (under
// qemu-aarch64, the cross-compiled build), float64 to 1e-10 and float32 to 1e-5 (relative above 1). Also times or
// profiles (callgrind) one forward + backward of a benchmark shape. See README.md beside this file.
//   harness write FILE | harness check FILE | harness step ARCH I H T B ITERS [f32|f64] [threads] [layers]
//   harness forward ARCH I H T B ITERS [f32|f64] [threads] | harness gemm M N K REPEAT [plain] | harness peak
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif
#include "gemm.h"
#include "model.h"
#include "pass.h"

using namespace rnnlab;

namespace {

struct Case {
  const char* name;
  Arch arch;
  int I, H, L, D, O;
  bool relu, shortcut, learnH0, h0;
  OutAct act;
};

// Every family, both directions, stacked layers, both nonlinearities, every output activation, given initial states.
const Case kCases[] = {
    {"rnn-tanh", Arch::rnn, 3, 4, 1, 1, 2, false, false, false, false, OutAct::none},
    {"rnn-relu-bi-2layer", Arch::rnn, 2, 3, 2, 2, 1, true, false, false, true, OutAct::sigmoid},
    {"lstm", Arch::lstm, 3, 4, 1, 1, 2, false, false, false, true, OutAct::none},
    {"lstm-bi-2layer", Arch::lstm, 2, 3, 2, 2, 2, false, false, false, false, OutAct::softmax},
    {"gru", Arch::gru, 3, 4, 1, 1, 1, false, false, false, true, OutAct::none},
    {"gru-bi-2layer", Arch::gru, 2, 3, 2, 2, 2, false, false, false, false, OutAct::none},
    {"elman-shortcut", Arch::elman, 3, 4, 1, 1, 2, false, true, false, false, OutAct::none},
    {"jordan", Arch::jordan, 3, 4, 1, 1, 2, false, false, false, false, OutAct::sigmoid},
    {"gated-learn-h0", Arch::gated, 3, 4, 1, 1, 2, false, false, true, false, OutAct::softmax},
};
constexpr int kBatch = 3, kSteps = 5;

// A fixed pseudo-random sequence in [-1, 1) (64-bit LCG), identical on every platform.
struct Lcg {
  unsigned long long s;
  double next() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return double(s >> 11) / double(1ull << 52) - 1.0;
  }
  std::vector<double> fill(std::size_t n, double scale = 1.0) {
    std::vector<double> v(n);
    for (double& x : v) x = scale * next();
    return v;
  }
};

Dims dims_of(const Case& c) {
  Dims d;
  d.arch = c.arch, d.I = c.I, d.H = c.H, d.L = c.L, d.D = c.D, d.O = c.O;
  d.G = c.arch == Arch::lstm ? 4 : c.arch == Arch::gru ? 3 : 1;
  d.relu = c.relu, d.shortcut = c.shortcut, d.learnH0 = c.learnH0, d.outAct = c.act;
  return d;
}

using Results = std::map<std::string, std::vector<double>>;  // "case/precision/array" -> values

// Forward + backward of `c` in one precision on `threads` slices; appends every output array to `out`.
void run_case(const Case& c, bool float32, int threads, Results& out) {
  const Dims d = dims_of(c);
  const Layout layout = make_layout(d);
  const int B = kBatch, T = kSteps, S = d.L * d.D;
  unsigned long long seed = 1469598103934665603ull;  // FNV-1a of the case name: the same on every platform
  for (const char* p = c.name; *p; ++p) seed = (seed ^ (unsigned char)(*p)) * 1099511628211ull;
  Lcg rng{seed};
  std::vector<std::vector<double>> weights;
  std::vector<const double*> wptr;
  for (const ParamInfo& p : layout.params) weights.push_back(rng.fill(p.size, 0.6));
  for (const auto& w : weights) wptr.push_back(w.data());
  const auto x = rng.fill(std::size_t(B) * T * d.I);
  const auto h0 = rng.fill(std::size_t(S) * B * d.H, 0.5), c0 = rng.fill(std::size_t(S) * B * d.H, 0.5);
  PassInputs in;
  in.x = x.data();
  if (c.h0) in.h0 = h0.data(), in.c0 = c.arch == Arch::lstm ? c0.data() : nullptr;
  PassConfig config;
  config.batch = B, config.steps = T, config.float32 = float32, config.slices = threads, config.h0Given = c.h0;
  std::vector<unsigned char> cache(cache_bytes(d, layout, config));
  pass_forward(d, layout, wptr, in, config, cache.data());

  const std::string key = std::string(c.name) + (float32 ? "/f32/" : "/f64/");
  const std::size_t seq = std::size_t(B) * T * d.D * d.H, state = std::size_t(S) * B * d.H;
  auto read = [&](const char* name, Output what, std::size_t n) {
    std::vector<double> v(n);
    pass_read(d, layout, cache.data(), what, 0, v.data());
    out[key + name] = v;
  };
  read("y", Output::y, std::size_t(B) * T * d.O);
  read("output", Output::output, seq);
  read("hN", Output::hN, state);
  if (d.arch == Arch::lstm) read("cN", Output::cN, state);

  const auto dY = rng.fill(std::size_t(B) * T * d.O), dhN = rng.fill(state, 0.3);
  PassSeeds seeds;
  seeds.dY = dY.data();
  seeds.dhN = dhN.data();
  std::vector<double> dParams(layout.total), dx(std::size_t(B) * T * d.I), dh0(state), dc0(state),
      dy0(std::size_t(B) * d.O), norms(std::size_t(d.L) * T);
  pass_backward(d, layout, cache.data(), seeds,
                {dParams.data(), dx.data(), dh0.data(), d.arch == Arch::lstm ? dc0.data() : nullptr,
                 d.arch == Arch::jordan ? dy0.data() : nullptr, norms.data()});
  out[key + "dParams"] = dParams;
  out[key + "dx"] = dx;
  out[key + "dh0"] = dh0;
  if (d.arch == Arch::lstm) out[key + "dc0"] = dc0;
  if (d.arch == Arch::jordan) out[key + "dy0"] = dy0;
  out[key + "norms"] = norms;
}

Results run_all(int threads) {
  Results r;
  for (const Case& c : kCases) {
    run_case(c, false, threads, r);
    run_case(c, true, threads, r);
  }
  return r;
}

int write_file(const char* path) {
  std::ofstream f(path);
  f << "# kernel reference results (src-main/kernel/test-harness/harness.cpp write), gemm " << gemm_variant() << "\n";
  char buf[40];
  for (const auto& [key, values] : run_all(1)) {
    f << key << ' ' << values.size();
    const char* format = key.find("/f32/") != std::string::npos ? " %.9g" : " %.17g";  // round-trip digits
    for (double v : values) std::snprintf(buf, sizeof buf, format, v), f << buf;
    f << '\n';
  }
  return f.good() ? 0 : 1;
}

int check_file(const char* path, int threads) {
  std::ifstream f(path);
  if (!f) return std::fprintf(stderr, "harness: cannot read %s\n", path), 2;
  Results expected;
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    std::string key;
    std::size_t n = 0;
    s >> key >> n;
    std::vector<double> v(n);
    for (double& x : v) s >> x;
    expected[key] = v;
  }
  const Results got = run_all(threads);
  int failures = 0;
  double worst64 = 0, worst32 = 0;
  for (const auto& [key, want] : expected) {
    const bool f32 = key.find("/f32/") != std::string::npos;
    const double tol = f32 ? 1e-5 : 1e-10;
    auto it = got.find(key);
    if (it == got.end() || it->second.size() != want.size()) {
      std::printf("FAIL %s: missing or wrong length\n", key.c_str());
      ++failures;
      continue;
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      const double err = std::fabs(it->second[i] - want[i]) / std::fmax(1.0, std::fabs(want[i]));
      (f32 ? worst32 : worst64) = std::fmax(f32 ? worst32 : worst64, err);
      if (!(err <= tol)) {
        std::printf("FAIL %s[%zu]: %.17g, expected %.17g\n", key.c_str(), i, it->second[i], want[i]);
        ++failures;
        break;
      }
    }
  }
  std::printf("harness: gemm %s, %zu arrays of %zu cases checked, worst error float64 %.3g (<= 1e-10), float32 %.3g "
              "(<= 1e-5): %s\n",
              gemm_variant(), expected.size(), sizeof kCases / sizeof kCases[0], worst64, worst32,
              failures || expected.empty() ? "FAILED" : "ok");
  return failures || expected.empty() ? 1 : 0;
}

// CPU time of the calling thread, ms (0 where the clock is missing).
double thread_cpu_ms() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec t;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0) return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
#endif
  return 0;
}

// ITERS forward (training) + backward passes of one benchmark shape with a one-output head; prints ms per pass.
int step(int argc, char** argv) {
  if (argc < 8) return std::fprintf(stderr, "usage: harness step ARCH I H T B ITERS [f32|f64] [threads] [layers]\n"), 2;
  const std::map<std::string, Arch> arches{{"rnn", Arch::rnn}, {"lstm", Arch::lstm}, {"gru", Arch::gru}};
  if (!arches.count(argv[2])) return std::fprintf(stderr, "harness: expected rnn, lstm or gru, found %s\n", argv[2]), 2;
  Case c{"step", arches.at(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]), argc > 10 ? std::atoi(argv[10]) : 1, 1, 1,
         false, false, false, false, OutAct::none};
  const Dims d = dims_of(c);
  const Layout layout = make_layout(d);
  const int T = std::atoi(argv[5]), B = std::atoi(argv[6]), iters = std::atoi(argv[7]);
  const bool float32 = argc < 9 || std::strcmp(argv[8], "f64") != 0;
  Lcg rng{1};
  std::vector<std::vector<double>> weights;
  std::vector<const double*> wptr;
  for (const ParamInfo& p : layout.params) weights.push_back(rng.fill(p.size, 0.2));
  for (const auto& w : weights) wptr.push_back(w.data());
  const auto x = rng.fill(std::size_t(B) * T * d.I), dY = rng.fill(std::size_t(B) * T);
  PassInputs in;
  in.x = x.data();
  PassConfig config;
  config.batch = B, config.steps = T, config.float32 = float32, config.slices = argc > 9 ? std::atoi(argv[9]) : 1;
  std::vector<unsigned char> cache(cache_bytes(d, layout, config));
  std::vector<double> dParams(layout.total), dx(std::size_t(B) * T * d.I), dh0(std::size_t(d.L) * B * d.H), norms(std::size_t(d.L) * T);
  PassSeeds seeds;
  seeds.dY = dY.data();
  pass_forward(d, layout, wptr, in, config, cache.data());  // warm-up: scratch buffers, pool threads
  pass_backward(d, layout, cache.data(), seeds, {dParams.data(), dx.data(), dh0.data(), nullptr, nullptr, norms.data()});
  double total = 0, best = 1e300;  // the minimum: the run least disturbed by other load on a shared machine
  const std::clock_t cpu_start = std::clock();  // CPU time of every thread of the process
  const double own_start = thread_cpu_ms();     // ... and of this one (the serial parts plus slice 0)
  for (int i = 0; i < iters; ++i) {
    const auto start = std::chrono::steady_clock::now();
    pass_forward(d, layout, wptr, in, config, cache.data());
    pass_backward(d, layout, cache.data(), seeds, {dParams.data(), dx.data(), dh0.data(), nullptr, nullptr, norms.data()});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    total += ms, best = ms < best ? ms : best;
  }
  const double cpu = 1000.0 * double(std::clock() - cpu_start) / CLOCKS_PER_SEC / iters;
  const double own = (thread_cpu_ms() - own_start) / iters;
  // On idle cores a pass takes about as long as its calling thread's CPU time (the other slices run beside it), so
  // "calling thread" is the load-independent estimate of the wall time; "all threads" / it is the parallelism.
  std::printf("%s I=%d H=%d L=%d T=%d B=%d gemm %s threads %d: forward+backward wall %.4f ms mean, %.4f ms min; cpu "
              "all threads %.4f ms, calling thread %.4f ms per pass (%d iterations)\n",
              argv[2], d.I, d.H, d.L, T, B, gemm_variant(), config.slices, total / iters, best, cpu, own, iters);
  return 0;
}

// ITERS inference forward passes (no backward) of one benchmark shape: wall and process CPU ms per pass (CPU time
// does not count the time another process held the core, so it is steadier on a shared machine).
int forward(int argc, char** argv) {
  if (argc < 8) return std::fprintf(stderr, "usage: harness forward ARCH I H T B ITERS [f32|f64] [threads]\n"), 2;
  const std::map<std::string, Arch> arches{{"rnn", Arch::rnn}, {"lstm", Arch::lstm}, {"gru", Arch::gru}};
  if (!arches.count(argv[2])) return std::fprintf(stderr, "harness: expected rnn, lstm or gru, found %s\n", argv[2]), 2;
  Case c{"forward", arches.at(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]), 1, 1, 1, false, false, false, false,
         OutAct::none};
  const Dims d = dims_of(c);
  const Layout layout = make_layout(d);
  const int T = std::atoi(argv[5]), B = std::atoi(argv[6]), iters = std::atoi(argv[7]);
  Lcg rng{1};
  std::vector<std::vector<double>> weights;
  std::vector<const double*> wptr;
  for (const ParamInfo& p : layout.params) weights.push_back(rng.fill(p.size, 0.2));
  for (const auto& w : weights) wptr.push_back(w.data());
  const auto x = rng.fill(std::size_t(B) * T * d.I);
  PassInputs in;
  in.x = x.data();
  PassConfig config;
  config.batch = B, config.steps = T, config.float32 = argc < 9 || std::strcmp(argv[8], "f64") != 0;
  config.slices = argc > 9 ? std::atoi(argv[9]) : 1;
  std::vector<unsigned char> cache(cache_bytes(d, layout, config));
  pass_forward(d, layout, wptr, in, config, cache.data());  // warm-up
  double wall = 0, wall_min = 1e300, cpu = 0, cpu_min = 1e300;
  for (int i = 0; i < iters; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    pass_forward(d, layout, wptr, in, config, cache.data());
    const double c_ms = 1000.0 * double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    wall += ms, wall_min = ms < wall_min ? ms : wall_min, cpu += c_ms, cpu_min = c_ms < cpu_min ? c_ms : cpu_min;
  }
  std::printf("%s I=%d H=%d T=%d B=%d gemm %s threads %d: forward wall %.3f ms mean %.3f min, cpu %.3f ms mean %.3f "
              "min (%d iterations)\n",
              argv[2], d.I, d.H, T, B, gemm_variant(), config.slices, wall / iters, wall_min, cpu / iters, cpu_min,
              iters);
  return 0;
}

// REPEAT float32 products C (M, N) = A (M, K) op(B) with op(B) = B^T packed once (the per-step recurrent product),
// or unpacked when the last argument is "plain": for counting instructions per multiply-add under an emulator
// (qemu-aarch64 -d in_asm,exec,nochain; scripts/qemu-insn-count.py), where times mean nothing.
int gemm_cmd(int argc, char** argv) {
  if (argc < 6) return std::fprintf(stderr, "usage: harness gemm M N K REPEAT [plain]\n"), 2;
  const int M = std::atoi(argv[2]), N = std::atoi(argv[3]), K = std::atoi(argv[4]), repeat = std::atoi(argv[5]);
  if (M < 1 || N < 1 || K < 1 || repeat < 1) return std::fprintf(stderr, "harness: expected M N K REPEAT >= 1\n"), 2;
  const bool plain = argc > 6 && std::strcmp(argv[6], "plain") == 0;
  Lcg rng{7};
  std::vector<float> A(std::size_t(M) * K), B(std::size_t(N) * K), C(std::size_t(M) * N);
  for (float& v : A) v = float(rng.next());
  for (float& v : B) v = float(rng.next());
  PackedB<float> packed;
  if (!plain) pack_b(packed, true, K, N, B.data(), K);
  for (int r = 0; r < repeat; ++r) {
    if (plain) gemm<float>(false, true, M, N, K, 1.0f, A.data(), K, B.data(), K, 0.0f, C.data(), N);
    else gemm_packed(false, M, 1.0f, A.data(), K, packed, 0.0f, C.data(), N);
  }
  double sum = 0;
  for (float v : C) sum += double(v);
  std::printf("gemm %s %dx%dx%d x%d%s: checksum %.6g\n", gemm_variant(), M, N, K, repeat, plain ? " plain" : " packed", sum);
  return 0;
}

#if defined(__x86_64__) && defined(__GNUC__)
// The float32 FMA peak of one core: 12 independent accumulator chains (enough to cover FMA latency x ports), no
// memory traffic; GFLOP/s of process CPU time (as scripts/bench-gemm.mjs measures, so other load on a shared machine
// does not count), the best of 5 runs. One copy per vector width, each compiled for its own target.
#define RNNLAB_FMA_PEAK(V, SET1, FMA, ADD, FIRST, LANES)                                               \
  V acc[12];                                                                            \
  const V a = SET1(0.999999f), b = SET1(1e-7f);                                         \
  for (int i = 0; i < 12; ++i) acc[i] = b;                                              \
  const long iters = 20'000'000;                                                        \
  double best = 0;                                                                      \
  for (int run = 0; run < 5; ++run) {                                                   \
    const std::clock_t start = std::clock();                                            \
    for (long k = 0; k < iters; ++k)                                                    \
      for (int i = 0; i < 12; ++i) acc[i] = FMA(acc[i], a, b);                          \
    const double s = double(std::clock() - start) / CLOCKS_PER_SEC;                     \
    best = std::fmax(best, 2.0 * 12 * LANES * double(iters) / s / 1e9);                 \
  }                                                                                     \
  V sum = acc[0];                                                                       \
  for (int i = 1; i < 12; ++i) sum = ADD(sum, acc[i]);                                  \
  volatile float sink = FIRST(sum); /* keeps the chains alive */                        \
  (void)sink;                                                                           \
  return best;

__attribute__((target("avx2,fma"))) double fma_peak_256() { RNNLAB_FMA_PEAK(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps, _mm256_cvtss_f32, 8) }
__attribute__((target("avx512f"))) double fma_peak_512() { RNNLAB_FMA_PEAK(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_cvtss_f32, 16) }

int peak() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    std::printf("float32 FMA peak, one thread, 256-bit: %.1f GFLOP/s\n", fma_peak_256());
  if (__builtin_cpu_supports("avx512f"))
    std::printf("float32 FMA peak, one thread, 512-bit: %.1f GFLOP/s\n", fma_peak_512());
  return 0;
}
#else
int peak() { return std::printf("harness: the FMA peak is measured on x86-64 only\n"), 0; }
#endif

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "write") == 0) return write_file(argv[2]);
  if (argc >= 3 && std::strcmp(argv[1], "check") == 0) return check_file(argv[2], argc > 3 ? std::atoi(argv[3]) : 1);
  if (argc >= 2 && std::strcmp(argv[1], "step") == 0) return step(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "forward") == 0) return forward(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "gemm") == 0) return gemm_cmd(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "peak") == 0) return peak();
  std::fprintf(stderr, "usage: harness write FILE | harness check FILE [threads] | harness step ARCH I H T B ITERS [f32|f64] [threads] [layers] | harness forward ARCH I H T B ITERS [f32|f64] [threads] | harness peak\n");
  return 2;
}
