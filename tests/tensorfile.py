"""The book's parameter-file format, read by the Python references: for each
tensor a line `name rows cols`, then its rows; a blank line or the end ends it."""
import numpy as np


def read_tensors(path):
    """Every tensor of the file, as the float64 numbers it prints."""
    tensors, lines = {}, open(path).read().split('\n')
    k = 0
    while k < len(lines) and lines[k].strip():
        name, rows, cols = lines[k].split()
        rows, cols = int(rows), int(cols)
        data = [[float(v) for v in lines[k + 1 + r].split()] for r in range(rows)]
        tensors[name] = np.array(data, dtype=np.float64).reshape(rows, cols)
        k += 1 + rows
    return tensors


def read_case(path):
    """The same, each number rounded to the float32 the C side printed with %.9g."""
    return {n: v.astype(np.float32) for n, v in read_tensors(path).items()}
