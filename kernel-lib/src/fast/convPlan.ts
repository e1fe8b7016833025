import type { Conv2dGeometry } from '../ops/conv2dGeometry';
import { CONV_PLAN, recordValues } from './records';
import { BYTES, type Precision, type Runtime } from './runtime';

/**
 * A conv2d geometry resolved for the kernels in assembly/conv.as and stored in their memory: an
 * i32 record CONV_PLAN (records.ts, read by conv.as and grouped.as) followed by three offset tables.
 * - mode 'direct' (stride 1, no padding): the source plane S of a sample is x[n] itself;
 *   'padded' (stride 1): a zero-padded copy; 'im2col' (any stride): the [CKK, P] im2col matrix.
 * - offsX[ckk]: byte offset in S of kernel tap ckk = (c, kh, kw); offsDy[k] = byte offset of
 *   channel k in dy[n]; offsRows[p] = byte offset of row p of Sᵀ (for dw). Output p = (oh, ow)
 *   reads S at seg·segStride + l (seg = oh, l = ow for stride 1; seg = 0, l = p for im2col).
 * - run: taps that are neighbours in S (KW when the width is read densely, else 1).
 */
export interface ConvPlan {
  readonly ptr: number;
  readonly geometry: Conv2dGeometry;
  readonly mode: 'direct' | 'padded' | 'im2col';
  /** C·KH·KW, the length of each dot product. */
  readonly taps: number;
  /** OH·OW. */
  readonly positions: number;
  /** Elements of a source plane (scratch per thread). */
  readonly plane: number;
}

const MODES = { direct: 0, padded: 1, im2col: 2 } as const;

/** Writes the plan of `g` into the kernels' memory (release it with `releaseConvPlan`). */
export function createConvPlan(rt: Runtime, g: Conv2dGeometry, precision: Precision): ConvPlan {
  const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: K, kernelHeight: KH, kernelWidth: KW } = g;
  const { outHeight: OH, outWidth: OW, stride, dilation, padding } = g;
  const es = BYTES[precision];
  const padded = padding.top + padding.bottom + padding.left + padding.right > 0;
  const mode = stride[0] === 1 && stride[1] === 1 ? (padded ? 'padded' : 'direct') : 'im2col';
  const Hp = H + padding.top + padding.bottom;
  const Wp = W + padding.left + padding.right;
  const taps = C * KH * KW;
  const positions = OH * OW;
  const plane = mode === 'im2col' ? taps * positions : C * Hp * Wp;
  const run = mode !== 'im2col' && dilation[1] === 1 ? KW : 1;
  const fields = CONV_PLAN.length; // N is informative: kernels take a range of samples
  const ptr = rt.heap.alloc(4 * (fields + taps + K + positions));
  const offsX = ptr + 4 * fields;
  const offsDy = offsX + 4 * taps;
  const offsRows = offsDy + 4 * K;
  const [nseg, segLen, segStride] = mode === 'im2col' ? [1, positions, positions] : [OH, OW, Wp];
  const [SH, SW] = stride;
  const [DH, DW] = dilation;
  const record = { N: batch, C, H, W, K, KH, KW, OH, OW, SH, SW, DH, DW, TOP: padding.top, LEFT: padding.left, MODE: MODES[mode] };
  rt.heap.i32(ptr, fields).set(
    recordValues(CONV_PLAN, {
      ...record,
      HP: Hp,
      WP: Wp,
      CKK: taps,
      P: positions,
      NSEG: nseg,
      SEGLEN: segLen,
      SEGSTRIDE: segStride,
      OFFSX: offsX,
      OFFSDY: offsDy,
      PLANE: plane,
      RUN: run,
      OFFSR: offsRows,
      GROUPS: g.groups,
    }),
  );
  const tableX = rt.heap.i32(offsX, taps);
  for (let c = 0, t = 0; c < C; c++) {
    for (let l = 0; l < KH; l++) {
      for (let m = 0; m < KW; m++, t++) {
        tableX[t] = es * (mode === 'im2col' ? t * positions : (c * Hp + l * dilation[0]) * Wp + m * dilation[1]);
      }
    }
  }
  rt.heap.i32(offsDy, K).set(Array.from({ length: K }, (_, k) => es * k * positions));
  rt.heap.i32(offsRows, positions).set(Array.from({ length: positions }, (_, p) => es * p * taps));
  return { ptr, geometry: g, mode, taps, positions, plane };
}

export function releaseConvPlan(rt: Runtime, plan: ConvPlan): void {
  rt.heap.release(plan.ptr);
}
