"""PyTorch CPU peer of `npm run bench` (bench/peers/torch.mjs drives it).

One JSON object a line on stdin → one a line on stdout: {"id", "op", ...} → {"id", "ok": true, ...}
or {"id", "ok": false, "error"}. Arrays travel as {"dtype": "f32"|"f64"|"i32", "shape", "b64"}
(little-endian bytes, base64). Timing is measured here, per call, with time.perf_counter: warm-up
calls, then calls until a time budget (at least `min`, at most `max`), as bench/measure.mjs does.
"""

import base64
import json
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_interop_threads(1)
DTYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32}
NAMES = {np.dtype(v): k for k, v in DTYPES.items()}
datasets = {}


def decode(a):
    arr = np.frombuffer(base64.b64decode(a["b64"]), dtype=np.dtype(DTYPES[a["dtype"]]).newbyteorder("<"))
    return torch.from_numpy(arr.astype(DTYPES[a["dtype"]]).reshape(a["shape"]))


def encode(t):
    arr = np.ascontiguousarray(t.detach().cpu().numpy())
    dtype = NAMES[arr.dtype]
    return {"dtype": dtype, "shape": list(arr.shape), "b64": base64.b64encode(arr.astype("<" + arr.dtype.str[1:]).tobytes()).decode("ascii")}


def f32(a):
    return decode(a).to(torch.float32).contiguous()


def measure(fn, opts):
    warmup, lo, hi, budget = opts.get("warmup", 2), opts.get("min", 5), opts.get("max", 40), opts.get("budgetMs", 3000)
    for _ in range(warmup):
        fn()
    runs = []
    start = time.perf_counter()
    while len(runs) < lo or (len(runs) < hi and (time.perf_counter() - start) * 1000 < budget):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return {"median": statistics.median(runs), "min": min(runs), "runs": runs}


def timed(req, fn, result):
    torch.set_num_threads(req.get("threads", 1))
    with torch.no_grad():
        fn()
        out = {"timing": measure(fn, req.get("measure", {}))}
        out["result"] = {k: encode(v) for k, v in result().items()}
    return out


def conv_forward(req):
    x, w, b = f32(req["x"]), f32(req["w"]), f32(req["b"])
    y = {}

    def run():
        y["y"] = F.conv2d(x, w, b)

    return timed(req, run, lambda: y)


def conv_backward(req):
    x, w, dy = f32(req["x"]), f32(req["w"]), f32(req["dy"])
    g = {}

    def run():
        dx, dw, db = torch.ops.aten.convolution_backward(dy, x, w, [w.shape[0]], [1, 1], [0, 0], [1, 1], False, [0, 0], 1, [True, True, True])
        g.update(dx=dx, dw=dw, db=db)

    return timed(req, run, lambda: g)


def max_pool_forward(req):
    x = f32(req["x"])
    y = {}

    def run():
        y["y"] = F.max_pool2d(x, 2)

    return timed(req, run, lambda: y)


def max_pool_backward(req):
    """The backward kernel from the forward's saved indices, as autograd runs it."""
    x, dy = f32(req["x"]), f32(req["dy"])
    _, idx = F.max_pool2d(x, 2, return_indices=True)
    g = {}

    def run():
        g["dx"] = torch.ops.aten.max_pool2d_with_indices_backward(dy, x, [2, 2], [2, 2], [0, 0], [1, 1], False, idx)

    return timed(req, run, lambda: g)


def avg_pool_forward(req):
    x = f32(req["x"])
    y = {}

    def run():
        y["y"] = F.avg_pool2d(x, 2)

    return timed(req, run, lambda: y)


def avg_pool_backward(req):
    x, dy = f32(req["x"]), f32(req["dy"])
    g = {}

    def run():
        g["dx"] = torch.ops.aten.avg_pool2d_backward(dy, x, [2, 2], [2, 2], [0, 0], False, True, None)

    return timed(req, run, lambda: g)


def params_of(init, names):
    return [f32(init[n]).requires_grad_(True) for n in names]


def train_step(req):
    """bench/training.mjs's network: conv 20@5x5 + sigmoid → max-pool 2 → dense 100 + sigmoid → dense 10, softmax cross-entropy, plain SGD."""
    torch.set_num_threads(req.get("threads", 2))
    w1, b1, w2, b2, w3, b3 = params = params_of(req["init"], ["w1", "b1", "w2", "b2", "w3", "b3"])
    x, labels = f32(req["x"]), decode(req["labels"]).long()
    opt = torch.optim.SGD(params, lr=req["lr"])

    def loss_fn():
        a1 = torch.sigmoid(F.conv2d(x, w1, b1))
        p = F.max_pool2d(a1, 2).flatten(1)
        a2 = torch.sigmoid(F.linear(p, w2, b2))
        return F.cross_entropy(F.linear(a2, w3, b3), labels)

    loss = loss_fn()
    loss.backward()
    first = {"loss": loss.detach().reshape(1), **{n: p.grad.clone() for n, p in zip(["w1", "b1", "w2", "b2", "w3", "b3"], params)}}

    def run():
        opt.zero_grad()
        loss_fn().backward()
        opt.step()

    return {"timing": measure(run, req.get("measure", {})), "result": {k: encode(v) for k, v in first.items()}}


def load_data(req):
    datasets[req["name"]] = {k: (f32(v) if v["dtype"] != "i32" else decode(v).long()) for k, v in req["arrays"].items()}
    return {}


def epoch(req):
    """One epoch of notebook 07's net: conv 20@5x5 → max-pool 2 → ReLU → dense 100 ReLU → dense 10,
    softmax cross-entropy, mini-batches in the given order, SGD with Nielsen's weight decay
    w ← (1 − ηλ/n) w − η ∂C/∂w on weights (torch.optim.SGD's weight_decay = λ/n), none on biases."""
    torch.set_num_threads(req.get("threads", 2))
    d = datasets[req["data"]]
    x, labels, order = d["x"], d["labels"], decode(req["order"]).long()
    n, m, eta, lam = x.shape[0], req["batchSize"], req["learningRate"], req["lambda"]
    w1, b1, w2, b2, w3, b3 = params_of(req["init"], ["w1", "b1", "w2", "b2", "w3", "b3"])
    opt = torch.optim.SGD([{"params": [w1, w2, w3], "weight_decay": lam / n}, {"params": [b1, b2, b3], "weight_decay": 0.0}], lr=eta)

    def forward(xb):
        a1 = F.relu(F.max_pool2d(F.conv2d(xb, w1, b1), 2))
        a2 = F.relu(F.linear(a1.flatten(1), w2, b2))
        return F.linear(a2, w3, b3)

    start = time.perf_counter()
    loss_sum = torch.zeros(())
    correct = torch.zeros((), dtype=torch.long)
    for b in range(0, n, m):
        rows = order[b : b + m]
        xb, yb = x[rows], labels[rows]
        opt.zero_grad()
        logits = forward(xb)
        loss = F.cross_entropy(logits, yb)
        loss.backward()
        opt.step()
        loss_sum += loss.detach() * rows.shape[0]
        correct += (logits.detach().argmax(1) == yb).sum()
    seconds = time.perf_counter() - start
    out = {"ms": seconds * 1000, "loss": loss_sum.item() / n, "accuracy": correct.item() / n}
    if "validation" in req:
        v = datasets[req["validation"]]
        with torch.no_grad():
            logits = forward(v["x"])
            out["validation"] = {"loss": F.cross_entropy(logits, v["labels"]).item(), "accuracy": (logits.argmax(1) == v["labels"]).float().mean().item()}
    return out


def hello(req):
    return {"torch": torch.__version__, "threads": torch.get_num_threads(), "python": sys.version.split()[0]}


OPS = {f.__name__: f for f in [hello, conv_forward, conv_backward, max_pool_forward, max_pool_backward, avg_pool_forward, avg_pool_backward, train_step, load_data, epoch]}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = {}
        try:
            req = json.loads(line)
            op = OPS.get(req.get("op"))
            if op is None:
                raise ValueError(f"torch peer: unknown op {req.get('op')!r}, expected one of {sorted(OPS)}")
            reply = {"id": req.get("id"), "ok": True, **op(req)}
        except Exception as e:  # the caller gets the message, the peer stays up
            reply = {"id": req.get("id"), "ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
