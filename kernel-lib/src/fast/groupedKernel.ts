import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import { type ConvPlan, createConvPlan, releaseConvPlan } from './convPlan';
import { BYTES, type Precision, type Runtime } from './runtime';
import type { Call } from './threads';

/** Input channels per group up to which a grouped convolution runs on the direct kernels. */
export const DIRECT_CHANNELS = 16;

/**
 * Whether the direct grouped kernels (assembly/grouped.as) take `g`: groups > 1 with at most 16
 * input channels per group (depthwise convolution has 1). They read x, w and dy in place, with no
 * per-group copies; wider groups run group by group on the tiled products.
 */
export function isDirectGrouped(g: Conv2dGeometry): boolean {
  return g.groups > 1 && g.inChannels / g.groups <= DIRECT_CHANNELS;
}

/**
 * One grouped conv2d geometry ready to run on buffers in the kernels' memory (byte pointers): the
 * plan and one zero-padded input plane of scratch per thread. Forward calls cover output planes
 * q = n·K + k, the input gradient input planes q = n·C + c, the filter gradient samples [n0, n1)
 * of output channels [k0, k1) (adding into dw, db: zero them first).
 */
export class GroupedKernel {
  readonly plan: ConvPlan;
  private readonly pads: number[] = [];

  constructor(
    private readonly rt: Runtime,
    readonly geometry: Conv2dGeometry,
    readonly precision: Precision,
    threads: number,
  ) {
    this.plan = createConvPlan(rt, geometry, precision);
    const { padding, inHeight, inWidth } = geometry;
    const plane = (inHeight + padding.top + padding.bottom) * (inWidth + padding.left + padding.right);
    for (let t = 0; t < threads; t++) this.pads.push(rt.heap.alloc(BYTES[precision] * plane));
  }

  /** y = conv(x, w) + b on output planes [q0, q1) of N·K; b = 0 for no bias. */
  forwardCalls(t: number, x: number, w: number, b: number, y: number, [q0, q1]: [number, number]): Call[] {
    return [{ kernel: 'groupedForward', precision: this.precision, args: [this.plan.ptr, x, w, b, y, q0, q1, this.pads[t]] }];
  }

  /** dx (overwritten) on input planes [q0, q1) of N·C. */
  backwardInputCalls(t: number, w: number, dy: number, dx: number, [q0, q1]: [number, number]): Call[] {
    return [{ kernel: 'groupedBackwardInput', precision: this.precision, args: [this.plan.ptr, w, dy, dx, q0, q1, this.pads[t]] }];
  }

  /** dw, db (added into; db = 0 for none) from samples [n0, n1) for output channels [k0, k1). */
  backwardFilterCalls(
    t: number,
    x: number,
    dy: number,
    dw: number,
    db: number,
    [n0, n1]: [number, number],
    [k0, k1]: [number, number],
  ): Call[] {
    const args = [this.plan.ptr, x, dy, dw, db, n0, n1, k0, k1, this.pads[t]];
    return [{ kernel: 'groupedBackwardFilter', precision: this.precision, args }];
  }

  release(): void {
    releaseConvPlan(this.rt, this.plan);
    for (const p of this.pads) this.rt.heap.release(p);
  }
}
