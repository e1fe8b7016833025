"""The independent reference for convlab's file formats (kernel-lib/src/io): safetensors, NumPy, SciPy,
onnx and ONNX Runtime, pinned in requirements.txt and installed in .venv by the set-up. No PyTorch.

  convlab_io.py write-weights DIR     writes seeded weights in PyTorch, TensorFlow and Theano layouts,
                                      an input x and the outputs SciPy computes from them
  convlab_io.py read FILE...          prints the tensors of .safetensors / .npy files as JSON
  convlab_io.py onnx-run MODEL X OUT  checks MODEL with onnx.checker, runs it on X (.npy) in ONNX
                                      Runtime, saves the output to OUT (.npy), prints a JSON summary
"""
import json
import sys
from pathlib import Path

import numpy as np
from scipy.signal import convolve2d, correlate2d
from safetensors.numpy import load_file, save_file

K, KH, KW, H, W, OUT = 3, 3, 4, 8, 9, 2  # asymmetric 3x4 kernels on an 8x9 image


def write_weights(folder: Path) -> dict:
    """A net Conv2D(1→3, 3x4, linear) → Flatten → Dense(3·6·6 → 2, linear), as PyTorch names it
    (nn.Sequential(Conv2d, Flatten, Linear): 0.weight, 0.bias, 2.weight, 2.bias)."""
    rng = np.random.default_rng(15)
    conv_w = rng.standard_normal((K, 1, KH, KW))  # PyTorch Conv2d: [out, in, kh, kw], cross-correlation
    conv_b = rng.standard_normal(K)
    maps = (H - KH + 1) * (W - KW + 1)
    dense_w = rng.standard_normal((OUT, K * maps))  # PyTorch Linear: [out, in]
    dense_b = rng.standard_normal(OUT)
    x = rng.random((1, 1, H, W))
    # SciPy's correlate2d is the reference for the conv layer: z[k] = b[k] + correlate2d(x, w[k], 'valid').
    conv = np.stack([conv_b[k] + correlate2d(x[0, 0], conv_w[k, 0], mode="valid") for k in range(K)])[None]
    # Theano's conv2d convolves: its kernel is the 180° rotation, and convolve2d with it gives the same maps.
    theano_w = conv_w[:, :, ::-1, ::-1].copy()
    assert np.allclose(np.stack([conv_b[k] + convolve2d(x[0, 0], theano_w[k, 0], mode="valid") for k in range(K)])[None], conv)
    out = dense_w @ conv.reshape(-1) + dense_b
    torch = {"0.weight": conv_w, "0.bias": conv_b, "2.weight": dense_w, "2.bias": dense_b}
    save_file({k: v.astype(np.float32) for k, v in torch.items()}, str(folder / "pytorch.safetensors"), metadata={"format": "pt"})
    save_file(torch, str(folder / "pytorch-f64.safetensors"))
    save_file({k: v.astype(np.float16) for k, v in torch.items()}, str(folder / "pytorch-f16.safetensors"))
    # safetensors.numpy writes an array's memory as it lies, so transposed views are made contiguous first.
    # Keras works channel-last: its Flatten reads the maps as [H, W, C], so its Dense weight [in, out] has
    # its rows in that order. Check the order against the maps flattened channel-last.
    oh, ow = H - KH + 1, W - KW + 1
    keras_dense = dense_w.reshape(OUT, K, oh, ow).transpose(2, 3, 1, 0).reshape(oh * ow * K, OUT)
    assert np.allclose(conv[0].transpose(1, 2, 0).reshape(-1) @ keras_dense + dense_b, out)
    keras = {"0.weight": conv_w.transpose(2, 3, 1, 0), "0.bias": conv_b, "2.weight": keras_dense, "2.bias": dense_b}
    save_file({k: np.ascontiguousarray(v) for k, v in keras.items()}, str(folder / "tensorflow.safetensors"))
    theano = {"0.weight": theano_w, "0.bias": conv_b, "2.weight": dense_w.T, "2.bias": dense_b}
    save_file({k: np.ascontiguousarray(v) for k, v in theano.items()}, str(folder / "theano.safetensors"))
    np.save(folder / "conv-weight.npy", conv_w.astype(np.float32))
    np.save(folder / "conv-weight-fortran.npy", np.asfortranarray(conv_w))
    np.save(folder / "x.npy", x)
    np.save(folder / "conv.npy", conv)
    np.save(folder / "out.npy", out[None])
    return {"files": sorted(p.name for p in folder.iterdir())}


def read(paths: list) -> dict:
    result = {}
    for p in paths:
        tensors = load_file(p) if p.endswith(".safetensors") else {"": np.load(p)}
        result[p] = {k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": v.astype(np.float64).reshape(-1).tolist()} for k, v in tensors.items()}
    return result


def onnx_run(model_path: str, x_path: str, out_path: str) -> dict:
    import onnx
    import onnxruntime as ort

    model = onnx.load(model_path)
    onnx.checker.check_model(model, full_check=True)
    session = ort.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    x = np.load(x_path).astype(np.float32)
    (y,) = session.run(None, {session.get_inputs()[0].name: x})
    np.save(out_path, y.astype(np.float64))
    return {
        "checker": "ok",
        "opset": [o.version for o in model.opset_import],
        "ops": [n.op_type for n in model.graph.node],
        "input": [d.dim_param or d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim],
        "output": list(y.shape),
        "onnxruntime": ort.__version__,
    }


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "write-weights":
        print(json.dumps(write_weights(Path(args[0]))))
    elif command == "read":
        print(json.dumps(read(args)))
    elif command == "onnx-run":
        print(json.dumps(onnx_run(*args)))
    else:
        sys.exit(f"convlab_io.py: unknown command {command!r}")
