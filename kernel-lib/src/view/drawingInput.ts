/**
 * From a stroke to the 28x28 input, as MNIST's digits were made (LeCun, Cortes, Burges: "size
 * normalized to fit in a 20x20 pixel box while preserving their aspect ratio … anti-aliasing …
 * centered in a 28x28 image by computing the center of mass of the pixels"): the ink's bounding
 * box is scaled by s = 20 / max(box width, box height), with an area filter (each output pixel is
 * the mean of the ink it covers), and placed so that the ink's centre of mass falls on the centre
 * of the 28x28 field (fractional shifts, folded into the same filter). Pure, for the page and Node.
 */

/** The side of the box the ink's larger side is scaled to. */
export const DIGIT_BOX = 20;

/** Ink counts towards the bounding box above this fraction of its maximum (faint anti-aliasing does not widen it). */
const BOX_THRESHOLD = 0.05;

/** The mean of `src` (pixel k covers [k, k+1]) over [a, b], zero outside 0…n. */
function meanOver(get: (k: number) => number, n: number, a: number, b: number): number {
  let sum = 0;
  for (let k = Math.max(0, Math.floor(a)); k < Math.min(n, Math.ceil(b)); k++) {
    const overlap = Math.min(b, k + 1) - Math.max(a, k);
    if (overlap > 0) sum += overlap * get(k);
  }
  return sum / (b - a);
}

/**
 * The 28x28 input (784 values in [0, 1], row-major) of ink coverage on a square pad of `side`
 * pixels (side² values in [0, 1], row-major); all zeros when there is no ink.
 *
 * @example
 * const ink = new Float64Array(224 * 224); // … a stroke drawn into it …
 * digitPixels(ink, 224).length; // 784
 */
export function digitPixels(ink: ArrayLike<number>, side: number): Float64Array {
  const out = new Float64Array(784);
  if (ink.length !== side * side) throw new Error(`digitPixels: ink must hold side² = ${side * side} values, got ${ink.length}`);
  let max = 0;
  for (let i = 0; i < ink.length; i++) if (ink[i] > max) max = ink[i];
  if (!(max > 0)) return out;
  let [r0, r1, c0, c1] = [side, -1, side, -1];
  let [mass, my, mx] = [0, 0, 0];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const v = ink[r * side + c];
      if (v > BOX_THRESHOLD * max) [r0, r1, c0, c1] = [Math.min(r0, r), Math.max(r1, r), Math.min(c0, c), Math.max(c1, c)];
      mass += v;
      my += v * (r + 0.5);
      mx += v * (c + 0.5);
    }
  }
  const s = DIGIT_BOX / Math.max(r1 - r0 + 1, c1 - c0 + 1);
  const [cy, cx] = [my / mass, mx / mass];
  // Output pixel j covers [j, j + 1]; it reads the source interval that maps there: x_out = (x_src − c)·s + 14.
  const from = (j: number, centre: number): [number, number] => [(j - 14) / s + centre, (j + 1 - 14) / s + centre];
  const rows = new Float64Array(side * 28);
  for (let r = 0; r < side; r++) {
    for (let j = 0; j < 28; j++) {
      const [a, b] = from(j, cx);
      rows[r * 28 + j] = meanOver((k) => ink[r * side + k], side, a, b);
    }
  }
  for (let i = 0; i < 28; i++) {
    const [a, b] = from(i, cy);
    for (let j = 0; j < 28; j++)
      out[i * 28 + j] = Math.min(
        1,
        meanOver((k) => rows[k * 28 + j], side, a, b),
      );
  }
  return out;
}
