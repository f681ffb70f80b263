# Writes tests/ref/chain-seed0.tsv: reference values for the lesson's matrix,
# computed once by numpy and committed, so that tests/chain-ref.t can check
# the C program even where numpy is not installed.  Regenerate with
#   /usr/bin/python3 tests/ref/chain-seed0.py > tests/ref/chain-seed0.tsv
import numpy as np

np.random.seed(0)
H, T = 64, 50
W_h = np.random.randn(H, H) * (0.9 / np.sqrt(H))
rho = np.max(np.abs(np.linalg.eigvals(W_h)))
sigma = np.linalg.norm(W_h, 2)
jac, h, norms = np.eye(H), np.zeros(H), [np.linalg.norm(np.eye(H))]
for t in range(T):                      # the lesson's loop, as printed
    h = np.tanh(W_h @ h)
    jac = jac @ (np.diag(1.0 - h**2) @ W_h)
    norms.append(np.linalg.norm(jac))
print("# numpy %s: np.random.seed(0); W_h = randn(64, 64) * (0.9 / sqrt(64))" % np.__version__)
print("# made by tests/ref/chain-seed0.py; columns: what, index, value")
for j in range(8):
    print("W_h\t%d\t%r" % (j, float(W_h[0, j])))
print("rho\t0\t%r" % float(rho))
print("sigma_max\t0\t%r" % float(sigma))
for k in (0, 5, 10, 20, 30, 40, 50):
    print("norm\t%d\t%r" % (k, float(norms[k])))
