"""Runs the explorer's printed SciPy (or PyTorch) calls: the independent check that they give convlab's numbers.

  explore_calls.py scipy|pytorch < cases.json    each case {code, x, w, dy?, b, direction}; prints the results as JSON

The code is run as printed: x and w (and dy) as 2-D NumPy arrays for SciPy, 1x1xHxW float32 tensors (torch's default) for
PyTorch; a forward call's last line is its value, a backward call leaves dx (SciPy) or x.grad (PyTorch).
"""
import json
import sys

import numpy as np


def run_scipy(case):
    from scipy.signal import convolve2d, correlate2d

    scope = {"np": np, "correlate2d": correlate2d, "convolve2d": convolve2d}
    scope.update(x=np.array(case["x"]), w=np.array(case["w"]))
    if case.get("dy") is not None:
        scope["dy"] = np.array(case["dy"])
    lines = case["code"].split("\n")
    if case["direction"] == "forward":
        exec("\n".join(lines[:-1]), scope)
        return np.asarray(eval(lines[-1], scope)).ravel().tolist()
    exec(case["code"], scope)
    return scope["dx"].ravel().tolist()


def run_pytorch(case):
    import torch
    import torch.nn.functional as F

    t = lambda a: torch.tensor(np.array(a), dtype=torch.float32)[None, None]
    scope = {"torch": torch, "F": F, "x": t(case["x"]), "w": t(case["w"])}
    if case.get("dy") is not None:
        scope["dy"] = t(case["dy"])
    lines = case["code"].split("\n")
    with torch.no_grad() if case["direction"] == "forward" else torch.enable_grad():
        if case["direction"] == "forward":
            return eval(lines[-1], scope).double().ravel().tolist()
        exec("\n".join(lines[:-1]), scope)
        return eval(lines[-1], scope).ravel().tolist()


if __name__ == "__main__":
    runner = {"scipy": run_scipy, "pytorch": run_pytorch}[sys.argv[1]]
    print(json.dumps([runner(case) for case in json.load(sys.stdin)]))
