/**
 * The colour range of a heatmap. Data with both signs gets a range symmetric about zero, so that
 * zero sits at the middle of a diverging scale and the sign reads at a glance.
 */
export function valueRange(data: ArrayLike<number>): { min: number; max: number; signed: boolean } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  if (data.length === 0) return { min: 0, max: 0, signed: false };
  if (min < 0 && max > 0) {
    const bound = Math.max(-min, max);
    return { min: -bound, max: bound, signed: true };
  }
  return { min, max, signed: false };
}
