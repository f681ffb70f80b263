"""copytask against numpy and PyTorch.

Usage:
  copytask_torch.py init CASE cell H T B seed init gain forget_bias chrono
      CASE is what `copytask --steps 0 --grads CASE` wrote.  Replays the draws
      with numpy (np.random.RandomState(seed): randint for the bits, then
      uniform / randn / linalg.qr for each tensor in layout order, then
      chrono's uniform(1, chrono - 1, H) when chrono > 0) and
      compares: exactly, or to 1e-6 for the orthogonal rule.
  copytask_torch.py sigmoid CASE H T B
      nn.RNN has no sigmoid: the gradients at the start of a sigmoid RNN
      (tests/engine_torch.py does the other cells) with the loop written out.
  copytask_torch.py adam CASE TSV cell act H T B lr clip adam|sgd eps momentum
      CASE holds the starting parameters and the batch, TSV is copytask's
      table for the same run.  Trains the cell (cells_torch.py) + nn.Linear
      with torch.optim.Adam(eps) or torch.optim.SGD(momentum) (and
      clip_grad_norm_ when clip > 0) for as many steps
      as TSV has rows and compares loss, accuracy, ||dL/dh0|| and the gradient
      norm step by step.  Prints the worst relative differences.
Exit 0 if everything agrees within the tolerances below.
"""
import sys
import numpy as np
from tensorfile import read_case

LOSS_TOL = 1e-4      # relative, per step, over a short Adam run
FLOAT32_SLACK = 4    # ours may be this much further from float64 than PyTorch's float32
NORM_TOL = 1e-4      # norms, relative to the run's largest: a small norm is a
                     # difference of nearly equal float32 numbers


def replay_init(t, cell, H, T, B, seed, init, gain, fb, chrono):
    rs = np.random.RandomState(seed)
    G = {'rnn': 1, 'lstm': 4}.get(cell, 3)
    k = 1 / np.sqrt(H)
    want = {'y': rs.randint(0, 2, B).astype(np.float32).reshape(1, B)}
    x = np.zeros((T * B, 1), dtype=np.float32)
    x[:B, 0] = want['y'][0]
    want['x'] = x
    want['weight_ih'] = rs.uniform(-k, k, (G * H, 1)).astype(np.float32)
    if init == 'pytorch':
        whh = rs.uniform(-k, k, (G * H, H))
    elif init == 'gauss':
        whh = rs.randn(G * H, H) / np.sqrt(H)
    elif init == 'identity':
        whh = np.tile(np.eye(H), (G, 1))
    else:
        blocks = []
        for g in range(G):
            q, r = np.linalg.qr(rs.randn(H, H))
            blocks.append(q * np.where(np.diag(r) < 0, -1.0, 1.0))
        whh = np.vstack(blocks)
    want['weight_hh'] = (gain * whh).astype(np.float32)
    for b in ('bias_ih', 'bias_hh'):
        want[b] = (np.zeros((1, G * H)) if init == 'identity'
                   else rs.uniform(-k, k, (1, G * H))).astype(np.float32)
    if cell in ('lstm', 'gru'):     # the forget gate, or the GRU's update gate
        f = want['bias_ih'][0, H:2 * H].astype(np.float64) + fb
        want['bias_ih'][0, H:2 * H] = f.astype(np.float32)
    want['head_weight'] = rs.uniform(-k, k, (1, H)).astype(np.float32)
    want['head_bias'] = rs.uniform(-k, k, (1, 1)).astype(np.float32)
    if chrono > 0:                  # Tallec and Ollivier, drawn after the rest
        b = np.log(rs.uniform(1, chrono - 1, H)).astype(np.float32)
        want['bias_ih'][0, H:2 * H] = b
        want['bias_hh'][0, H:2 * H] = 0
        if cell == 'lstm':
            want['bias_ih'][0, :H] = -b
            want['bias_hh'][0, :H] = 0
    worst = 0.0
    for n, v in want.items():
        d = np.abs(t[n].astype(np.float64) - v.astype(np.float64)).max()
        worst = max(worst, d)
        tol = 1e-6 if (init == 'orthogonal' and n == 'weight_hh') else 0.0
        if d > tol:
            print('%s differs from numpy by %.1e' % (n, d))
            return 1
    print('every tensor as numpy draws it (largest difference %.1e)' % worst)
    return 0


def load_net(t, cell, act, H):
    import torch
    from cells_torch import make_cell
    net, head = make_cell(cell, act, 1, H), torch.nn.Linear(H, 1)
    with torch.no_grad():
        for n in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'):
            p = getattr(net, n + '_l0')
            p.copy_(torch.from_numpy(t[n]).reshape(p.shape))
        head.weight.copy_(torch.from_numpy(t['head_weight']))
        head.bias.copy_(torch.from_numpy(t['head_bias']).reshape(1))
    return net, head


def sigmoid_grads(t, H, T, B):
    import torch
    net, head = load_net(t, 'rnn', 'sigmoid', H)
    x = torch.from_numpy(t['x']).reshape(T, B, 1)
    y = torch.from_numpy(t['y']).reshape(B)
    h0 = torch.zeros(1, B, H, requires_grad=True)
    out, _ = net(x, h0)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(head(out[-1]).reshape(B), y)
    loss.backward()
    got = {'loss': loss.item(), 'dh0': h0.grad.numpy(),
           'grad_head_weight': head.weight.grad.numpy(), 'grad_head_bias': head.bias.grad.numpy()}
    for n in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'):
        got['grad_' + n] = getattr(net, n + '_l0').grad.numpy()
    worst = 0.0
    for n, v in got.items():
        mine = t[n].reshape(-1).astype(np.float64)
        theirs = np.asarray(v, dtype=np.float64).reshape(-1)
        worst = max(worst, np.abs(mine - theirs).max() / max(np.abs(theirs).max(), 1e-30))
    print('worst max-abs error relative to the largest entry: %.1e' % worst)
    return 0 if worst < 1e-5 else 1


def torch_adam_run(t, cell, act, H, T, B, optim, clip, steps, dtype):
    """PyTorch's own run from the same start: per step loss, accuracy, dh0 and
    gradient norms.  optim is (name, lr, eps, momentum)."""
    import torch
    from cells_torch import has_cell_state
    net, head = load_net(t, cell, act, H)
    net, head = net.to(dtype), head.to(dtype)
    x = torch.from_numpy(t['x']).reshape(T, B, 1).to(dtype)
    y = torch.from_numpy(t['y']).reshape(B).to(dtype)
    params = list(net.parameters()) + list(head.parameters())
    name, lr, eps, momentum = optim
    opt = (torch.optim.SGD(params, lr=lr, momentum=momentum) if name == 'sgd'
           else torch.optim.Adam(params, lr=lr, eps=eps))
    rows = []
    for step in range(steps):
        h0 = torch.zeros(1, B, H, dtype=dtype, requires_grad=True)
        c0 = torch.zeros(1, B, H, dtype=dtype, requires_grad=True)
        out, _ = net(x, (h0, c0)) if has_cell_state(cell) else net(x, h0)
        logits = head(out[-1]).reshape(B)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
        opt.zero_grad()
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, clip if clip > 0 else float('inf'))
        acc = ((logits > 0).to(dtype) == y).to(dtype).mean().item()
        rows.append((loss.item(), acc, h0.grad.double().norm().item(),  # float32 squares underflow
                     norm.item()))
        opt.step()
    return np.array(rows)


def disagreement(a, b):
    """Worst relative difference of the loss; of the two norms, relative to
    their largest value in the run (a small norm is a difference of large terms)."""
    d = {'loss': np.max(np.abs(a[:, 0] - b[:, 0]) / np.abs(b[:, 0]))}
    for name, col in (('dh0_norm', 2), ('grad_norm', 3)):
        d[name] = np.max(np.abs(a[:, col] - b[:, col])) / max(np.max(np.abs(b[:, col])), 1e-30)
    return d


def replay_adam(t, tsv, cell, act, H, T, B, optim, clip):
    """Our float32 run against PyTorch's float64 run from the same start.
    Each quantity passes when it is within the fixed tolerance, or no further
    from float64's than PyTorch's own float32 run is, within a factor of
    FLOAT32_SLACK: two float32 programs that round differently cannot be asked
    to agree better than float32 allows."""
    import torch
    torch.set_num_threads(1)
    mine = np.loadtxt(tsv, comments='#', ndmin=2)
    mine = mine[:, [1, 2, 3, 4]]
    steps = mine.shape[0]
    exact = torch_adam_run(t, cell, act, H, T, B, optim, clip, steps, torch.float64)
    theirs = torch_adam_run(t, cell, act, H, T, B, optim, clip, steps, torch.float32)
    ours, torchs = disagreement(mine, exact), disagreement(theirs, exact)
    flips = int(round(np.sum(np.abs(mine[:, 1] - theirs[:, 1])) * B))
    tol = {'loss': LOSS_TOL, 'dh0_norm': NORM_TOL, 'grad_norm': NORM_TOL}
    ok = all(ours[n] < tol[n] or ours[n] <= FLOAT32_SLACK * torchs[n] for n in tol)
    print('%d steps, against PyTorch float64: loss %.1e (PyTorch float32 %.1e); '
          'dh0 norm %.1e (%.1e); gradient norm %.1e (%.1e); %d predictions differ '
          'from PyTorch float32'
          % (steps, ours['loss'], torchs['loss'], ours['dh0_norm'], torchs['dh0_norm'],
             ours['grad_norm'], torchs['grad_norm'], flips))
    return 0 if ok else 1


if __name__ == '__main__':
    mode, case = sys.argv[1:3]
    t = read_case(case)
    if mode == 'init':
        cell, H, T, B, seed, init, gain, fb, chrono = sys.argv[3:12]
        sys.exit(replay_init(t, cell, int(H), int(T), int(B), int(seed), init,
                             float(gain), float(fb), float(chrono)))
    if mode == 'sigmoid':
        sys.exit(sigmoid_grads(t, *map(int, sys.argv[3:6])))
    tsv, cell, act, H, T, B, lr, clip, name, eps, momentum = sys.argv[3:14]
    sys.exit(replay_adam(t, tsv, cell, act, int(H), int(T), int(B),
                         (name, float(lr), float(eps), float(momentum)), float(clip)))
