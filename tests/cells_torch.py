"""PyTorch networks for the engine's cells, shared by the Python references.

make_cell(cell, act, I, H) gives nn.RNN, nn.LSTM or nn.GRU, or one of two
modules written here from their equations, for what PyTorch does not have:
the LSTM of 1997 (no forget gate) and a vanilla cell with the sigmoid.  Every
module has PyTorch's parameter names (weight_ih_l0, ...), so one loader
serves all, and takes (x, h0) or, for the two LSTMs, (x, (h0, c0)).
"""
import torch


class Lstm1997(torch.nn.Module):
    """Hochreiter and Schmidhuber's LSTM without a forget gate: gates i, g, o
    stacked in 3H rows, c_t = c_{t-1} + i*g, h_t = o*tanh(c_t)."""

    def __init__(self, I, H):
        super().__init__()
        self.weight_ih_l0 = torch.nn.Parameter(torch.zeros(3 * H, I))
        self.weight_hh_l0 = torch.nn.Parameter(torch.zeros(3 * H, H))
        self.bias_ih_l0 = torch.nn.Parameter(torch.zeros(3 * H))
        self.bias_hh_l0 = torch.nn.Parameter(torch.zeros(3 * H))

    def forward(self, x, state):
        h, c = state[0][0], state[1][0]
        outs = []
        for x_t in x:
            a = (x_t @ self.weight_ih_l0.T + self.bias_ih_l0
                 + h @ self.weight_hh_l0.T + self.bias_hh_l0)
            i, g, o = a.chunk(3, dim=1)
            c = c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            outs.append(h)
        return torch.stack(outs), (h, c)


class SigmoidRnn(torch.nn.Module):
    """The vanilla cell with the logistic function, which nn.RNN does not offer."""

    def __init__(self, I, H):
        super().__init__()
        for n, shape in (('weight_ih_l0', (H, I)), ('weight_hh_l0', (H, H)),
                         ('bias_ih_l0', (H,)), ('bias_hh_l0', (H,))):
            setattr(self, n, torch.nn.Parameter(torch.zeros(shape)))

    def forward(self, x, h):
        h = h[0]
        hs = []
        for x_t in x:
            h = torch.sigmoid(x_t @ self.weight_ih_l0.T + self.bias_ih_l0
                              + h @ self.weight_hh_l0.T + self.bias_hh_l0)
            hs.append(h)
        return torch.stack(hs), h


def has_cell_state(cell):
    return cell in ('lstm', 'lstm1997')


def make_cell(cell, act, I, H):
    if cell == 'lstm':
        return torch.nn.LSTM(I, H)
    if cell == 'gru':
        return torch.nn.GRU(I, H)
    if cell == 'lstm1997':
        return Lstm1997(I, H)
    if act == 'sigmoid':
        return SigmoidRnn(I, H)
    return torch.nn.RNN(I, H, nonlinearity=act)
