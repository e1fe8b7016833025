// Timing and agreement helpers of the benchmark.

/**
 * Runs each of `fns` `warmup` times, then round after round, one call of each per round (so
 * that they share the machine's load alike), until `budgetMs` has passed (at least `min`, at
 * most `max` rounds); returns, per function, every call's milliseconds, their median and minimum.
 */
export function measure(fns, { warmup = 2, min = 5, max = 40, budgetMs = 3000 } = {}) {
  for (const fn of fns) for (let i = 0; i < warmup; i++) fn();
  const runs = fns.map(() => []);
  const start = performance.now();
  while (runs[0].length < min || (runs[0].length < max && performance.now() - start < budgetMs)) {
    fns.forEach((fn, i) => {
      const t = performance.now();
      fn();
      runs[i].push(performance.now() - t);
    });
  }
  return runs.map((r) => {
    const sorted = [...r].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, min: sorted[0], runs: r };
  });
}

/** max |a − b| / max(1, max |b|): the relative error in the max norm used by the tests. */
export function relativeError(actual, expected) {
  if (actual.length !== expected.length) return Infinity;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return worst / scale;
}

/** The worst relativeError over named outputs ({ y } or { dx, dw, db }), compared by name. */
export function agreement(actual, expected) {
  return Math.max(...Object.keys(expected).map((k) => relativeError(actual[k], expected[k])));
}

/** NCHW → NHWC (tfjs' layout) of a flat array. */
export function toNHWC(data, [n, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let a = 0; a < n; a++)
    for (let k = 0; k < c; k++)
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[((a * h + i) * w + j) * c + k] = data[((a * c + k) * h + i) * w + j];
  return out;
}

/** NHWC → NCHW of a flat array. */
export function toNCHW(data, [n, c, h, w]) {
  const out = new Float64Array(data.length);
  for (let a = 0; a < n; a++)
    for (let k = 0; k < c; k++)
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[((a * c + k) * h + i) * w + j] = data[((a * h + i) * w + j) * c + k];
  return out;
}

/** KCHW (convlab's weights) → HWCK (tfjs' filters), and back. */
export function toHWCK(data, [k, c, h, w]) {
  const out = new Float32Array(data.length);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < c; b++)
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[((i * w + j) * c + b) * k + a] = data[((a * c + b) * h + i) * w + j];
  return out;
}

export function toKCHW(data, [k, c, h, w]) {
  const out = new Float64Array(data.length);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < c; b++)
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) out[((a * c + b) * h + i) * w + j] = data[((i * w + j) * c + b) * k + a];
  return out;
}
