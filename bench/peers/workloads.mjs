// Average pooling on convlab's public API, a workload that issue 17 adds beside the PyTorch peer
// (the epoch at mini-batch 10 is bench/training.mjs's epochWorkload, for every engine).

const withReference = (lib, fn) => {
  lib.configureKernels({ kernels: 'reference' });
  try {
    return fn();
  } finally {
    lib.configureKernels({ kernels: 'fast' });
  }
};

/** avgPool2d / avgPool2dBackward (2x2) on float64 Tensors: the reference kernels and the fast ones. */
export function avgPoolWorkloads(lib, spec, d) {
  const x = new lib.Tensor(spec.x, d.x);
  const dy = new lib.Tensor(d.yShape, d.dy);
  const entry = (pass, kernels) => {
    let out;
    const op = pass === 'forward' ? () => (out = { y: lib.avgPool2d(x).data }) : () => (out = { dx: lib.avgPool2dBackward(x, dy).data });
    return { run: kernels === 'reference' ? () => withReference(lib, op) : op, result: () => out };
  };
  return { entry };
}
