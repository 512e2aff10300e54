#!/usr/bin/python3
"""PyTorch side of `npm run bench`: times the same training step as `rnnlab bench` in PyTorch 1.13.

One step = nn.RNN/LSTM/GRU (batch_first) + nn.Linear(H, 1) at every time step, MSE loss against random targets,
backward, SGD update. Prints one JSON object per configuration (a JSON list with --configs). Not a test.
Run with /usr/bin/python3 (the Debian python that has torch).
"""
import argparse
import json
import re
import statistics
import sys
import time

import torch

MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def blas_in_use():
    """The BLAS library actually mapped into this process (torch's BLAS_INFO only says 'generic' on Debian)."""
    torch.ones(2, 2) @ torch.ones(2, 2)  # make sure the BLAS is loaded
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            m = re.search(r"/([^/]*(?:openblas|blis|mkl_rt|libblas)[^/]*\.so[^/]*)$", line.strip())
            if m:
                dirpart = line.strip().split()[-1]
                names.add("openblas-openmp" if "openblas-openmp" in dirpart else
                          "openblas-pthread" if "openblas-pthread" in dirpart else
                          "openblas-serial" if "openblas-serial" in dirpart else m.group(1))
    info = re.search(r"BLAS_INFO=([^,]+)", torch.__config__.show())
    found = ", ".join(sorted(names)) or "unknown"
    return f"{found} (BLAS_INFO={info.group(1) if info else '?'})"


def time_ms(fn, warmup, repeat, min_time):
    """(median, min, repeats) wall time of fn in milliseconds: at least `warmup` untimed runs lasting at least a fifth
    of `min_time` seconds, then at least `repeat` timed runs adding up to at least `min_time` seconds (like
    rnnlab bench, src-main/core/bench/timing.ts)."""
    warm_until = time.perf_counter() + 0.2 * min_time
    done = 0
    while done < warmup or time.perf_counter() < warm_until:
        fn()
        done += 1
    times = []
    while len(times) < 1_000_000 and (len(times) < repeat or sum(times) < min_time * 1000.0):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times), min(times), len(times)


def bench_one(cfg, warmup, repeat, min_time, dtype):
    arch = cfg["arch"]
    if arch not in MODULES:
        raise SystemExit(f"bench_torch.py: expected arch rnn, lstm or gru, found '{arch}'")
    I, H, L, T, B = (cfg[k] for k in ("input_size", "hidden_size", "num_layers", "seq_len", "batch"))
    torch.manual_seed(cfg.get("seed", 0))
    rnn = MODULES[arch](I, H, num_layers=L, batch_first=True).to(dtype)
    head = torch.nn.Linear(H, 1).to(dtype)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=1e-3)
    loss_fn = torch.nn.MSELoss()
    x = torch.rand(B, T, I, dtype=dtype) * 2 - 1
    target = torch.rand(B, T, 1, dtype=dtype) * 2 - 1

    def train_step():
        opt.zero_grad(set_to_none=True)
        out, _ = rnn(x)
        loss = loss_fn(head(out), target)
        loss.backward()
        opt.step()

    def forward():
        with torch.no_grad():
            out, _ = rnn(x)
            head(out)

    train_ms, train_min_ms, train_repeats = time_ms(train_step, warmup, repeat, min_time)
    forward_ms, forward_min_ms, forward_repeats = time_ms(forward, warmup, repeat, min_time)
    return {
        "arch": arch, "input_size": I, "hidden_size": H, "num_layers": L, "seq_len": T, "batch": B,
        "threads": torch.get_num_threads(), "precision": str(dtype).replace("torch.", ""),
        "warmup": warmup, "repeat": repeat, "min_time": min_time,
        "train_repeats": train_repeats, "forward_repeats": forward_repeats,
        "train_step_ms": train_ms, "train_step_min_ms": train_min_ms,
        "forward_ms": forward_ms, "forward_min_ms": forward_min_ms,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--configs", help="JSON list of {arch, input_size, hidden_size, num_layers, seq_len, batch}")
    p.add_argument("--arch", default="rnn")
    p.add_argument("--input-size", type=int, default=4)
    p.add_argument("--hidden-size", type=int, default=32)
    p.add_argument("--num-layers", type=int, default=1)
    p.add_argument("--seq-len", type=int, default=100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--min-time", type=float, default=1.0, help="seconds of timed runs at least, per measurement")
    p.add_argument("--precision", choices=["float32", "float64"], default="float32")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    dtype = torch.float32 if a.precision == "float32" else torch.float64
    blas = blas_in_use()
    if a.configs:
        configs = json.loads(a.configs)
    else:
        configs = [{"arch": a.arch, "input_size": a.input_size, "hidden_size": a.hidden_size,
                    "num_layers": a.num_layers, "seq_len": a.seq_len, "batch": a.batch}]
    results = []
    for cfg in configs:
        r = bench_one(cfg, cfg.get("warmup", a.warmup), cfg.get("repeat", a.repeat), a.min_time, dtype)
        r["torch_version"] = torch.__version__
        r["blas"] = blas
        results.append(r)
    json.dump(results if a.configs else results[0], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
