"""Replays the Jacobian products of chapters/60-additive.nw with PyTorch's own
nn.RNN and nn.LSTM and autograd, in float64, from the weights the program
saved, and compares log10 of the spectral norms with the program's.

usage: additive_torch.py DATADIR NETWORK T...
prints the largest difference in log10; exits 1 if it exceeds the tolerance."""
import math
import sys

import numpy as np
import torch
from torch.autograd.functional import jacobian

from tensorfile import read_tensors

TOLERANCE = 1e-6      # in log10, that is a relative 2.3e-6
FLOOR = -280          # below 1e-280 a float64 Jacobian is no longer exact


def program_rows(path, network):
    rows = {}
    for line in open(path):
        if line.startswith('#'):
            continue
        name, b, T, dh, dc, path_ = line.split('\t')
        if name == network:
            rows[(int(b), int(T))] = (float(dh), float(dc), float(path_))
    return rows


def build(p):
    H = p['weight_hh'].shape[1]
    lstm = p['weight_hh'].shape[0] == 4 * H
    net = (torch.nn.LSTM if lstm else torch.nn.RNN)(1, H).double()
    with torch.no_grad():
        for name in ('weight_ih', 'weight_hh'):
            getattr(net, name + '_l0').copy_(torch.from_numpy(p[name]))
        for name in ('bias_ih', 'bias_hh'):
            getattr(net, name + '_l0').copy_(torch.from_numpy(p[name].ravel()))
    return net, H, lstm


def log10_norm(J):
    norm = torch.linalg.matrix_norm(J, ord=2).item()
    return math.log10(norm) if norm > 0 else -math.inf   # underflowed to zero


def replay(net, H, lstm, p, bit, T):
    x = torch.zeros(T, 1, 1, dtype=torch.float64)
    x[0, 0, 0] = bit
    zero = torch.zeros(H, dtype=torch.float64)
    if not lstm:
        J = jacobian(lambda h0: net(x, h0.view(1, 1, H))[1].view(H), zero)
        return log10_norm(J), None, None
    def final(h0, c0):
        _, (h, c) = net(x, (h0.view(1, 1, H), c0.view(1, 1, H)))
        return h.view(H), c.view(H)
    (J_hh, _), (_, J_cc) = jacobian(final, (zero, zero))
    with torch.no_grad():   # the cell path: the forget gates along the way
        out, _ = net(x, (zero.view(1, 1, H), zero.view(1, 1, H)))
    h_prev = np.vstack([np.zeros(H), out.view(T, H).numpy()[:-1]])
    W, b = p['weight_hh'][H:2 * H], (p['bias_ih'] + p['bias_hh']).ravel()[H:2 * H]
    a = x.view(T, 1).numpy() * p['weight_ih'][H:2 * H].T + b + h_prev @ W.T
    path = np.max(np.sum(np.log10(1 / (1 + np.exp(-a))), axis=0))
    return log10_norm(J_hh), log10_norm(J_cc), path


def main():
    data, network, lengths = sys.argv[1], sys.argv[2], [int(t) for t in sys.argv[3:]]
    p = read_tensors(f'{data}/params-{network}.txt')
    ours = program_rows(f'{data}/jacobians.tsv', network)
    net, H, lstm = build(p)
    worst, compared = 0.0, 0
    for bit in (0, 1):
        for T in lengths:
            if all(not mine >= FLOOR for mine in ours[(bit, T)]):
                continue      # e.g. a saturated RNN: float64 cannot hold it
            theirs = replay(net, H, lstm, p, bit, T)
            for mine, torch_value in zip(ours[(bit, T)], theirs):
                if torch_value is None or mine < FLOOR:
                    continue
                worst = max(worst, abs(mine - torch_value))
                compared += 1
    print(f'{network}: {compared} norms, largest difference in log10 {worst:.2e}')
    return 0 if compared > 0 and worst <= TOLERANCE else 1


if __name__ == '__main__':
    sys.exit(main())
