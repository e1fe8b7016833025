import type { ConvTranspose2dGeometry } from '../ops/convTranspose2dGeometry';
import { convTranspose2dBackwardReference, convTranspose2dForwardReference } from '../ops/reference/convTranspose2d';
import { engine } from './backend';
import { conv2dBackwardParts, conv2dForwardFast } from './conv2d';

// A transposed convolution is conv2d's input gradient (g.conv: input y's shape, output x's shape),
// so its fast kernels are conv2d's: forward = conv2d's dx kernel with dy := x; backward dx =
// conv2d's forward of dy, dw = conv2d's dw kernel with its x := dy and its dy := x.

/** [N, C, H, W] planes of a copied into the top-left of [N, C, H2, W2] planes (zeros elsewhere), or cropped back. */
function resize(a: Float64Array, NC: number, [H, W]: [number, number], [H2, W2]: [number, number]): Float64Array {
  if (H === H2 && W === W2) return a;
  const out = new Float64Array(NC * H2 * W2);
  for (let p = 0; p < NC; p++) {
    for (let i = 0; i < Math.min(H, H2); i++) {
      for (let j = 0; j < Math.min(W, W2); j++) out[(p * H2 + i) * W2 + j] = a[(p * H + i) * W + j];
    }
  }
  return out;
}

/** convTranspose2dForwardReference's contract (fills y [N,K,OH,OW]), on conv2d's fast kernels. */
export function convTranspose2dForwardFast(
  g: ConvTranspose2dGeometry,
  x: Float64Array,
  w: Float64Array,
  b: Float64Array | undefined,
  y: Float64Array,
): void {
  if (engine() === null) return convTranspose2dForwardReference(g, x, w, b, y);
  const NC = g.batch * g.inChannels;
  conv2dBackwardParts(g.conv, new Float64Array(0), w, resize(x, NC, [g.inHeight, g.inWidth], [g.conv.outHeight, g.conv.outWidth]), {
    dx: y,
  });
  if (b === undefined) return;
  const plane = g.outHeight * g.outWidth;
  for (let n = 0; n < g.batch; n++) {
    for (let k = 0; k < g.outChannels; k++) {
      const o = (n * g.outChannels + k) * plane;
      for (let i = o; i < o + plane; i++) y[i] += b[k];
    }
  }
}

/** convTranspose2dBackwardReference's contract (overwrites dx, dw, db), on conv2d's fast kernels. */
export function convTranspose2dBackwardFast(
  g: ConvTranspose2dGeometry,
  x: Float64Array,
  w: Float64Array,
  dy: Float64Array,
  dx: Float64Array,
  dw: Float64Array,
  db: Float64Array,
): void {
  if (engine() === null) return convTranspose2dBackwardReference(g, x, w, dy, dx, dw, db);
  const NC = g.batch * g.inChannels;
  const [xSize, convSize]: [number, number][] = [
    [g.inHeight, g.inWidth],
    [g.conv.outHeight, g.conv.outWidth],
  ];
  const full = new Float64Array(NC * convSize[0] * convSize[1]);
  conv2dForwardFast(g.conv, dy, w, undefined, full);
  dx.set(resize(full, NC, convSize, xSize));
  conv2dBackwardParts(g.conv, dy, new Float64Array(0), resize(x, NC, xSize, convSize), { dw, db: new Float64Array(g.inChannels) });
  const plane = g.outHeight * g.outWidth;
  db.fill(0);
  for (let n = 0; n < g.batch; n++) {
    for (let k = 0; k < g.outChannels; k++) {
      const o = (n * g.outChannels + k) * plane;
      let s = 0;
      for (let i = o; i < o + plane; i++) s += dy[i];
      db[k] += s;
    }
  }
}
