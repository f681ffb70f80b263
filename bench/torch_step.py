#!/usr/bin/python3
"""One training step of the lesson's copy task in PyTorch, timed on one thread.

usage: torch_step.py rnn|lstm [T B H REPEATS STEPS]

A step is what the lesson's loop does (rnn_vs_lstm_copy.py): forward over T
steps, a linear read-out of h_T, BCE-with-logits, zero_grad, backward, and
torch.optim.Adam with its defaults (lr 1e-2).  Prints one line,
    torch CELL ms=MIN median=MEDIAN layout=... blas=... mkldnn=...
where MIN and MEDIAN are over REPEATS blocks of STEPS steps each, in ms of CPU
time (of all the process's threads) per step.
"""
import os, sys, time, statistics

import torch
import torch.nn as nn


def loaded_blas():
    """Where this process loaded libblas.so.3 from (torch links it)."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if os.path.basename(path) == "libblas.so.3":
                return path
    return "none"


def make(cell, H, batch_first):
    if cell == "lstm":
        return nn.LSTM(input_size=1, hidden_size=H, batch_first=batch_first)
    return nn.RNN(input_size=1, hidden_size=H, nonlinearity="tanh",
                  batch_first=batch_first)


def time_steps(cell, T, B, H, repeats, steps, batch_first):
    torch.manual_seed(0)
    bit = torch.randint(0, 2, (B,)).float()
    if batch_first:
        x = torch.zeros(B, T, 1); x[:, 0, 0] = bit
    else:
        x = torch.zeros(T, B, 1); x[0, :, 0] = bit
    net, head = make(cell, H, batch_first), nn.Linear(H, 1)
    opt = torch.optim.Adam(list(net.parameters()) + list(head.parameters()), lr=1e-2)

    def step():
        out, _ = net(x)
        last = out[:, -1, :] if batch_first else out[-1]
        loss = nn.functional.binary_cross_entropy_with_logits(head(last).squeeze(-1), bit)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(max(3, steps // 4)):      # warm-up: allocator, lazy init
        step()
    times = []
    for _ in range(repeats):
        t0 = time.process_time()       # CPU time of all threads, as step-bench
        for _ in range(steps):
            step()
        times.append((time.process_time() - t0) / steps * 1e3)
    return min(times), statistics.median(times)


def main():
    cell = sys.argv[1]
    T, B, H, repeats, steps = (int(a) for a in (sys.argv[2:7] + ["30", "256", "32", "7", "20"][len(sys.argv[2:7]):]))
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    best = None
    # PyTorch gets the better of the two layouts: its own (time-major) and the
    # lesson's batch_first=True.
    for batch_first in (False, True):
        lo, med = time_steps(cell, T, B, H, repeats, steps, batch_first)
        if best is None or lo < best[0]:
            best = (lo, med, "batch_first" if batch_first else "time_major")
    print(f"torch {cell} ms={best[0]:.4f} median={best[1]:.4f} layout={best[2]} "
          f"threads={torch.get_num_threads()} blas={loaded_blas()} "
          f"mkldnn={int(torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled)} "
          f"torch={torch.__version__}")


if __name__ == "__main__":
    main()
