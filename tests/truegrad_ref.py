"""Recompute truegrad's log10 ||dL/dh_t|| (and ||dL/dc_t||) independently.

Usage: truegrad_ref.py CASEFILE rnn|lstm tanh|relu I H T B torch|mpmath
The case (written by `test-truegrad FILE ...`) holds the float32 parameters,
the batch, and truegrad's answers.  `torch` runs PyTorch's own cells
(nn.RNNCell, nn.LSTMCell) in float64 with autograd, keeping every state's
gradient; `mpmath` runs the forward and the backward recurrence in mpmath,
whose exponent has no limit, with no renormalisation at all.  Both compare
log10 of every norm, for every t; exit 0 if all agree within 1e-9.
For the LSTM, dL/dc_t is the whole derivative, through h_t and through
c_{t+1}, as autograd reports it for the c that nn.LSTMCell returns.
"""
import sys
import numpy as np
from tensorfile import read_tensors

path, cell, act = sys.argv[1:4]
I, H, T, B = map(int, sys.argv[4:8])
how = sys.argv[8]
# The C side's numbers are floats printed with %.9g: round them back to
# those floats (truegrad's answers are doubles printed with %.17g).
tensors = {n: v if n.startswith('log10') else v.astype(np.float32).astype(np.float64)
           for n, v in read_tensors(path).items()}
W_ih, W_hh = tensors['weight_ih'], tensors['weight_hh']
b = (tensors['bias_ih'] + tensors['bias_hh']).reshape(-1)
head, head_b = tensors['head_weight'].reshape(-1), tensors['head_bias'][0, 0]
x = tensors['x'].reshape(T, B, I)
y = tensors['y'].reshape(B)
mine_h, mine_c = tensors['log10_dh'].reshape(-1), tensors['log10_dc'].reshape(-1)


def by_torch():
    import torch
    torch.set_num_threads(1)
    dt = torch.float64
    net = torch.nn.LSTMCell(I, H) if cell == 'lstm' else torch.nn.RNNCell(I, H, nonlinearity=act)
    net = net.to(dt)
    with torch.no_grad():
        for n in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'):
            getattr(net, n).copy_(torch.from_numpy(tensors[n]).reshape(getattr(net, n).shape))
    h = torch.zeros(B, H, dtype=dt, requires_grad=True)
    c = torch.zeros(B, H, dtype=dt, requires_grad=True)
    hs, cs = [h], [c]
    xt = torch.from_numpy(x)
    for t in range(T):
        if cell == 'lstm':
            h, c = net(xt[t], (h, c))
            c.retain_grad()
            cs.append(c)
        else:
            h = net(xt[t], h)
        h.retain_grad()
        hs.append(h)
    logit = h @ torch.from_numpy(head) + head_b
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, torch.from_numpy(y))
    loss.backward()
    def lg(v):
        n = 0.0 if v.grad is None else float(torch.linalg.norm(v.grad))
        return np.log10(n) if n > 0 else -np.inf
    return [lg(v) for v in hs], ([lg(v) for v in cs] if cell == 'lstm' else None)


def by_mpmath():
    import mpmath
    mpmath.mp.prec = 80
    mpf = mpmath.mpf
    Wi = [[mpf(v) for v in row] for row in W_ih]
    Wh = [[mpf(v) for v in row] for row in W_hh]
    bb = [mpf(v) for v in b]
    sig = lambda z: 1 / (1 + mpmath.exp(-z))
    f = {'tanh': mpmath.tanh, 'relu': lambda z: z if z > 0 else mpf(0), 'sigmoid': sig}[act]
    G = 4 if cell == 'lstm' else 1
    hs = [[[mpf(0)] * H for _ in range(B)]]
    cs = [[[mpf(0)] * H for _ in range(B)]]
    gates = []
    for t in range(T):
        hn, cn, gn = [], [], []
        for s in range(B):
            z = [bb[q] + mpmath.fsum(Wi[q][m] * mpf(x[t, s, m]) for m in range(I))
                 + mpmath.fsum(Wh[q][m] * hs[-1][s][m] for m in range(H)) for q in range(G * H)]
            if cell == 'lstm':
                i_, f_ = [sig(v) for v in z[:H]], [sig(v) for v in z[H:2 * H]]
                g_, o_ = [mpmath.tanh(v) for v in z[2 * H:3 * H]], [sig(v) for v in z[3 * H:]]
                cc = [f_[j] * cs[-1][s][j] + i_[j] * g_[j] for j in range(H)]
                hn.append([o_[j] * mpmath.tanh(cc[j]) for j in range(H)])
                cn.append(cc)
                gn.append((i_, f_, g_, o_))
            else:
                hn.append([f(v) for v in z])
        hs.append(hn); cs.append(cn); gates.append(gn)
    # dL/dh_T of the mean BCE loss, then the plain recurrence, no scaling.
    dh = []
    for s in range(B):
        logit = head_b + mpmath.fsum(mpf(head[j]) * hs[T][s][j] for j in range(H))
        dl = (sig(logit) - mpf(y[s])) / B
        dh.append([dl * mpf(head[j]) for j in range(H)])
    dc = [[mpf(0)] * H for _ in range(B)]
    def lg(v):
        n = mpmath.sqrt(mpmath.fsum(e * e for row in v for e in row))
        return float(mpmath.log10(n)) if n > 0 else -np.inf
    def dc_total(t):  # the carried dc_t plus the part through h_t
        if cell != 'lstm' or t == 0:
            return dc
        o_ = [gates[t - 1][s][3] for s in range(B)]
        return [[dc[s][j] + dh[s][j] * o_[s][j] * (1 - mpmath.tanh(cs[t][s][j]) ** 2)
                 for j in range(H)] for s in range(B)]
    out_h, out_c = [lg(dh)], [lg(dc_total(T))]
    for t in range(T, 0, -1):
        d = []
        for s in range(B):
            if cell == 'lstm':
                i_, f_, g_, o_ = gates[t - 1][s]
                ds = [mpf(0)] * (4 * H)
                for j in range(H):
                    tc = mpmath.tanh(cs[t][s][j])
                    cb = dc[s][j] + dh[s][j] * o_[j] * (1 - tc * tc)
                    ds[j] = cb * g_[j] * i_[j] * (1 - i_[j])
                    ds[H + j] = cb * cs[t - 1][s][j] * f_[j] * (1 - f_[j])
                    ds[2 * H + j] = cb * i_[j] * (1 - g_[j] ** 2)
                    ds[3 * H + j] = dh[s][j] * tc * o_[j] * (1 - o_[j])
                    dc[s][j] = cb * f_[j]
            else:
                hh = hs[t][s]
                fp = {'tanh': lambda v: 1 - v * v, 'relu': lambda v: mpf(1) if v > 0 else mpf(0),
                      'sigmoid': lambda v: v * (1 - v)}[act]
                ds = [fp(hh[j]) * dh[s][j] for j in range(H)]
            d.append(ds)
        dh = [[mpmath.fsum(d[s][q] * Wh[q][j] for q in range(G * H)) for j in range(H)]
              for s in range(B)]
        out_h.append(lg(dh)); out_c.append(lg(dc_total(t - 1)))
    return out_h[::-1], (out_c[::-1] if cell == 'lstm' else None)


ref_h, ref_c = by_torch() if how == 'torch' else by_mpmath()
worst = 0.0
for mine, ref in ((mine_h, ref_h), (mine_c, ref_c)):
    if ref is None:
        continue
    for a, r in zip(mine, ref):
        worst = max(worst, 0.0 if a == r else abs(a - r))
print('%s: log10 ||dL/dh_0|| = %.6f (ours %.6f); worst |difference of log10| over all t: %.1e'
      % (how, ref_h[0], mine_h[0], worst))
sys.exit(0 if worst < 1e-9 else 1)
