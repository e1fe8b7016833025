import { Tensor } from '../tensor';
import { checkRank, checkTensor } from './args';

/**
 * The kernel turned by 180° in its last two axes: out[..., i, j] = k[..., h−1−i, w−1−j].
 * Works for a single kernel [h, w] and for a weight stack [K, C, h, w].
 *
 * @example
 * rot180(tensor([[1, 2], [3, 4]])).toArray(); // [[4, 3], [2, 1]]
 */
export function rot180(k: Tensor): Tensor {
  checkTensor('rot180', 'k', k);
  checkRank('rot180', 'k', k, 2, '..., h, w', 'at least');
  const h = k.shape[k.rank - 2];
  const w = k.shape[k.rank - 1];
  const out = new Float64Array(k.size);
  for (let plane = 0; plane < k.size / (h * w); plane++) {
    const base = plane * h * w;
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) out[base + i * w + j] = k.data[base + (h - 1 - i) * w + (w - 1 - j)];
    }
  }
  return new Tensor(k.shape, out);
}
