"""Success rates of the cliff sweep, sampled again with PyTorch (issue 16).

The sweep of Chapter "Finding the cliff" writes, per model and length T, how
many of n runs succeeded (build/data/cliff-clean/rates.tsv).  This script
trains PyTorch's own networks on the same protocol, from seeds of its own, and
asks whether the two success rates are consistent: independent samples of one
experiment should give a difference of proportions whose 95% interval
contains 0.

The protocol (chapters/50-cliff.nw, watch; chapters/93-50-cliff.nw, cliff_run;
chapters/41-train.nw):
the lesson's copy task, a random bit at t = 0 and zeros after it, the target
being that bit, read from the last step's output through nn.Linear(H, 1) and
the mean binary cross-entropy; a fixed training batch of B = 256 sequences and
a test batch of as many, drawn after the network; H = 32; Adam, lr 0.01,
eps 1e-8, no clipping, at most 500 updates.  The test batch is tested every 10
steps, after k updates at step k (k = 0, 10, ..., 500, the last one after the
last update).  A run SUCCEEDS when a test reaches 100% accuracy (a logit > 0
says 1, as the lesson's `(logits > 0) == bit`); the sweep stops a run after
three such tests in a row, so a run is decided at its first one, and here it
stops there.

Like the book (\\S train-distinct), a batch is trained as its distinct
sequences weighted by their counts: on this task, two sequences of weights
(number of 0s)/B and (number of 1s)/B, whose weighted loss is the batch's mean
loss, and whose accuracy is the batch's.  The gradient is the same up to
rounding, and a run takes a fraction of the time (`--full` trains on all B
sequences instead, to check that).

Usage:
  rate_torch.py run MODEL T N [SEED0]
      N runs of MODEL at length T, seeds SEED0 (default 0) ... SEED0 + N - 1,
      each with torch.manual_seed(seed): the training bits, the network (by
      PyTorch's own initialisation, then the model's changes), the test bits.
      Prints "k n" and the step of each success.
  rate_torch.py compare RATES MODEL T N
      The book's k/n for (MODEL, T) from RATES, PyTorch's from `run`, and
      Newcombe's interval for their difference.  Exit 0 if it contains 0,
      1 if not, 2 if RATES has no such point (a message says so).
  rate_torch.py wilson K N | newcombe K1 N1 K2 N2
      The intervals alone, for the self-check.
  Options: --full (train on the whole batch); --chrono TMAX (the chrono
  models' T_max, default 1000, the gates chapter's GATE_CHRONO).

MODEL is a macro name of the sweep: Rnn (tanh RNN), RnnOrth (tanh RNN,
orthogonal W_hh), Lstm, LstmFb (forget-gate bias +1, added to the forget slice
H..2H-1 of bias_ih as init_params does), LstmChrono, Lstm1997 (no forget gate,
cells_torch.Lstm1997), Gru, GruChrono.
"""
import math
import sys

Z = 1.959963984540054       # the normal's 97.5% point, as the book's rate_of()
B, H, STEPS, EVERY, LR, EPS = 256, 32, 500, 10, 1e-2, 1e-8

# macro name: (cell, W_hh rule, forget-gate bias, chrono?)
MODELS = {
    'Rnn': ('rnn', 'pytorch', 0, False),
    'RnnOrth': ('rnn', 'orthogonal', 0, False),
    'Lstm': ('lstm', 'pytorch', 0, False),
    'LstmFb': ('lstm', 'pytorch', 1, False),
    'LstmChrono': ('lstm', 'pytorch', 0, True),
    'Lstm1997': ('lstm1997', 'pytorch', 0, False),
    'Gru': ('gru', 'pytorch', 0, False),
    'GruChrono': ('gru', 'pytorch', 0, True),
}


def wilson(k, n, z=Z):
    """Wilson's score interval for k successes in n: the rates pi for which
    |k/n - pi| <= z sqrt(pi (1 - pi) / n), the two roots of that quadratic,
        (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),
    the book's rate_of() in chapters/50-cliff.nw (Newcombe's method 3)."""
    p, zn = k / n, z * z / n
    mid = (p + zn / 2) / (1 + zn)
    half = z * math.sqrt(p * (1 - p) / n + zn / (4 * n)) / (1 + zn)
    return max(0.0, mid - half), min(1.0, mid + half)


def newcombe(k1, n1, k2, n2, z=Z):
    """The 95% interval of p1 - p2 for two independent proportions by
    Newcombe's hybrid score method (method 10 of Newcombe, Stat Med 17:873,
    1998), built from the two Wilson intervals (l1, u1) and (l2, u2).

    Derivation, briefly.  Wilson's interval for p_i is where the score
    statistic is within z, so l_i and u_i are the rates at which p_i is exactly
    z standard errors off: the distance p_i - l_i is z times a standard error
    of p_i evaluated at the lower limit, u_i - p_i z times one at the upper
    limit.  The lower limit of D = p1 - p2 is where p1 is low and p2 high, so
    its half-width is z sqrt(var1(at l1) + var2(at u2)); by the above that is
    sqrt((p1 - l1)^2 + (u2 - p2)^2), and symmetrically for the upper limit:
        L = D - sqrt((p1 - l1)^2 + (u2 - p2)^2),
        U = D + sqrt((u1 - p1)^2 + (p2 - l2)^2).
    Unlike the Wald interval it stays within [-1, 1] and is not degenerate at
    0/n or n/n, which is where some of our points lie."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1, z)
    l2, u2 = wilson(k2, n2, z)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def build(model, chrono):
    """The network and the head, drawn by PyTorch from its current state,
    then changed as the book's init_params changes them."""
    import torch
    from cells_torch import make_cell
    cell, rule, fb, chrono_on = MODELS[model]
    net, head = make_cell(cell, 'tanh', 1, H), torch.nn.Linear(H, 1)
    k = 1 / math.sqrt(H)
    with torch.no_grad():
        if cell == 'lstm1997':      # its module starts at zero: PyTorch's rule
            for p in net.parameters():
                p.uniform_(-k, k)
        if rule == 'orthogonal':    # one orthogonal block per gate
            w = net.weight_hh_l0
            for g in range(w.shape[0] // H):
                torch.nn.init.orthogonal_(w[g * H:(g + 1) * H])
        if fb:                      # forget (LSTM) or update (GRU) slice of bias_ih
            net.bias_ih_l0[H:2 * H] += fb
        if chrono_on:               # Tallec and Ollivier: b = log u, u ~ U(1, T_max - 1)
            b = torch.log(torch.empty(H).uniform_(1, chrono - 1))
            net.bias_ih_l0[H:2 * H] = b
            net.bias_hh_l0[H:2 * H] = 0
            if cell == 'lstm':
                net.bias_ih_l0[:H] = -b
                net.bias_hh_l0[:H] = 0
    return net, head


def batch(bits, T, full):
    """Inputs (T, n, 1), targets (n,) and weights (n,) summing to 1: the
    distinct sequences and their shares, or all B sequences at 1/B."""
    import torch
    if full:
        y, w = bits.float(), torch.full((len(bits),), 1 / len(bits))
    else:
        y = torch.tensor([v for v in (0.0, 1.0) if (bits == v).any()])
        w = torch.stack([(bits == v).float().mean() for v in y])
    x = torch.zeros(T, len(y), 1)
    x[0, :, 0] = y
    return x, y, w


def one_run(model, T, seed, chrono, full):
    """The step of the first test at 100%, or -1."""
    import torch
    from cells_torch import has_cell_state
    torch.manual_seed(seed)
    train = batch(torch.randint(0, 2, (B,)), T, full)
    net, head = build(model, chrono)
    test = batch(torch.randint(0, 2, (B,)), T, full)
    params = list(net.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=LR, eps=EPS)
    lstm = has_cell_state(MODELS[model][0])

    def logits(x):
        h0 = torch.zeros(1, x.shape[1], H)
        out, _ = net(x, (h0, torch.zeros_like(h0)) if lstm else h0)
        return head(out[-1]).reshape(-1)

    for step in range(STEPS + 1):
        if step % EVERY == 0:
            with torch.no_grad():
                x, y, _ = test     # 100%: every sequence (of weight > 0) right
                if bool(((logits(x) > 0).float() == y).all()):
                    return step
        if step == STEPS:
            return -1
        x, y, w = train
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits(x), y, weight=w, reduction='sum')
        if not torch.isfinite(loss):
            return -1               # the sweep's "diverged": no success
        opt.zero_grad()
        loss.backward()
        opt.step()


def run(model, T, n, seed0=0, chrono=1000.0, full=False):
    """(k, n, the step of each success or -1, by seed)."""
    import torch
    torch.set_num_threads(1)
    steps = [one_run(model, T, s, chrono, full) for s in range(seed0, seed0 + n)]
    return sum(s >= 0 for s in steps), n, steps


def book_point(path, model, T):
    """(runs, successes, low, high) of rates.tsv's line for (model, T); None
    if there is none; a string saying what is wrong with a line that does not
    start `model T runs successes low high`, tab-separated (the sweep writes
    the same for its stricter definition of success after them)."""
    with open(path) as f:
        for no, line in enumerate(f, 1):
            if line.startswith('#') or not line.strip():
                continue
            fields = line.rstrip('\n').split('\t')
            try:
                m, t, runs, k, lo, hi = fields[:6]
                t, runs, k, lo, hi = int(t), int(runs), int(k), float(lo), float(hi)
                assert 0 <= k <= runs and runs > 0
            except (ValueError, AssertionError):
                return '%s:%d is not "model T runs successes low high": %r' % (path, no, line)
            if m == model and t == T:
                return runs, k, lo, hi
    return None


def main(argv):
    full = '--full' in argv
    chrono = 1000.0
    if '--chrono' in argv:
        chrono = float(argv[argv.index('--chrono') + 1])
        del argv[argv.index('--chrono'):argv.index('--chrono') + 2]
    args = [a for a in argv if a != '--full']
    mode = args[0]
    if mode == 'wilson':
        print('%.6f %.6f' % wilson(int(args[1]), int(args[2])))
        return 0
    if mode == 'newcombe':
        print('%.6f %.6f' % newcombe(*map(int, args[1:5])))
        return 0
    if mode == 'run':
        seed0 = int(args[4]) if len(args) > 4 else 0
        k, n, steps = run(args[1], int(args[2]), int(args[3]), seed0, chrono, full)
        print(k, n)
        print('first test at 100%% by seed %d..%d: %s'
              % (seed0, seed0 + n - 1, ' '.join(map(str, steps))))
        return 0
    path, model, T, n = args[1], args[2], int(args[3]), int(args[4])
    if model not in MODELS:
        print('%s: no such model here (one of %s)' % (model, ', '.join(MODELS)))
        return 2
    point = book_point(path, model, T)
    if point is None:
        print('%s has no line for %s at T = %d' % (path, model, T))
        return 2
    if isinstance(point, str):
        print(point)
        return 2
    n_book, k_book, lo, hi = point
    k, n, steps = run(model, T, n, 0, chrono, full)
    low, high = newcombe(k_book, n_book, k, n)
    ok = low <= 0 <= high
    print('%s T=%d: book %d/%d, PyTorch %d/%d (seeds 0-%d, first 100%% at %s); '
          'book - PyTorch = %+.3f, 95%% interval [%+.3f, %+.3f]%s'
          % (model, T, k_book, n_book, k, n, n - 1,
             ' '.join(str(s) for s in steps), k_book / n_book - k / n, low, high,
             '' if ok else ': the rates differ'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
