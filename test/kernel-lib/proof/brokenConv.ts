// A layer of a user's own, as a learner would write it: a sigmoid convolution whose backward pass
// forgets to rotate the kernel, δ_in = full(δ_z, w) instead of full(δ_z, rot180 w). Its forward pass,
// ∂C/∂w and ∂C/∂b are right.
import { Conv2D, Layer, Param, Tensor, conv2d, conv2dBackward, rot180, sigmoid } from '../../../kernel-lib/src';

/** Every kernel plane w[k][c] rotated by 180°. */
export function rotateKernels(w: Tensor): Tensor {
  const [k, c, kh, kw] = w.shape;
  const out = new Float64Array(w.size);
  for (let p = 0; p < k * c; p++) {
    const plane = new Tensor([kh, kw], w.data.slice(p * kh * kw, (p + 1) * kh * kw));
    out.set(rot180(plane).data, p * kh * kw);
  }
  return new Tensor(w.shape, out);
}

export class UnrotatedConv implements Layer {
  readonly name: string;
  readonly params: readonly Param[];
  private readonly inner: Conv2D;
  private x: Tensor | undefined;
  private z: Tensor | undefined;

  constructor(opts: { inChannels: number; outChannels: number; kernelSize: number; seed: number }) {
    this.inner = new Conv2D(opts);
    this.params = this.inner.params;
    this.name = `UnrotatedConv(${opts.inChannels}→${opts.outChannels})`;
  }

  forward(x: Tensor): Tensor {
    this.x = x;
    this.z = conv2d(x, this.inner.weight.value, this.inner.bias.value);
    return sigmoid(this.z);
  }

  backward(dy: Tensor): Tensor {
    const x = this.x as Tensor;
    const s = sigmoid(this.z as Tensor);
    const dz = new Tensor(
      dy.shape,
      dy.data.map((d, i) => d * s.data[i] * (1 - s.data[i])),
    );
    const right = conv2dBackward(x, this.inner.weight.value, dz);
    this.inner.weight.grad.data.set(right.dw.data);
    this.inner.bias.grad.data.set(right.db.data);
    // the mistake: conv2dBackward rotates the kernel it is given, so giving it rot180(w) uses w unrotated
    return conv2dBackward(x, rotateKernels(this.inner.weight.value), dz).dx;
  }
}
