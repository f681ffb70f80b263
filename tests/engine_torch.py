"""Recompute a case written by test-rnn-io with PyTorch and compare.

Usage: engine_torch.py CASEFILE rnn|lstm|gru|lstm1997 tanh|relu I H T B
Loads the parameters into nn.RNN/nn.LSTM/nn.GRU (or, for the LSTM of 1997,
which PyTorch does not have, the module of cells_torch.py) + nn.Linear, runs the
batch, and compares the loss, every parameter gradient, dL/dh0 (and dL/dc0)
with the C engine's float32 values.  Exit 0 if all agree to float32 precision.
"""
import sys
import numpy as np
import torch
from cells_torch import has_cell_state, make_cell
from tensorfile import read_case

path, cell, act = sys.argv[1:4]
I, H, T, B = map(int, sys.argv[4:8])
tensors = read_case(path)

torch.set_num_threads(1)
lstm_like = has_cell_state(cell)
net = make_cell(cell, act, I, H)
head = torch.nn.Linear(H, 1)
with torch.no_grad():
    for n in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'):
        getattr(net, n + '_l0').copy_(torch.from_numpy(tensors[n]).reshape(
            getattr(net, n + '_l0').shape))
    head.weight.copy_(torch.from_numpy(tensors['head_weight']))
    head.bias.copy_(torch.from_numpy(tensors['head_bias']).reshape(1))
x = torch.from_numpy(tensors['x']).reshape(T, B, I)
y = torch.from_numpy(tensors['y']).reshape(B)
h0 = torch.zeros(1, B, H, requires_grad=True)
c0 = torch.zeros(1, B, H, requires_grad=True)
out, _ = net(x, (h0, c0)) if lstm_like else net(x, h0)
loss = torch.nn.functional.binary_cross_entropy_with_logits(head(out[-1]).reshape(B), y)
loss.backward()

got = {'loss': loss.detach().numpy().reshape(1, 1), 'dh0': h0.grad.numpy().reshape(B, H)}
if lstm_like:
    got['dc0'] = c0.grad.numpy().reshape(B, H)
for n in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'):
    got['grad_' + n] = getattr(net, n + '_l0').grad.numpy()
got['grad_head_weight'] = head.weight.grad.numpy()
got['grad_head_bias'] = head.bias.grad.numpy()
worst, bad = 0.0, []
for n, v in got.items():
    mine = tensors[n].reshape(-1).astype(np.float64)
    theirs = v.reshape(-1).astype(np.float64)
    scale = max(np.abs(theirs).max(), np.abs(mine).max(), 1e-30)
    err = np.abs(mine - theirs).max() / scale
    worst = max(worst, err)
    if err > 1e-5:
        bad.append('%s %.1e' % (n, err))
print('worst max-abs error relative to the largest entry: %.1e' % worst)
if bad:
    print('disagree: ' + ', '.join(bad))
    sys.exit(1)
