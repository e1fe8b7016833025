import { Tensor } from '../tensor';
import { type Boundary2dOptions, slide2d, type Mode } from './correlate2d';

/**
 * True 2-D convolution of one channel: correlate2d with the kernel turned by 180°,
 * out[r][c] = Σ_l Σ_m k[l][m] · x[r − l][c − m] in 'full' coordinates (x [h, w], k [kh, kw]).
 *
 * `mode` follows scipy.signal.convolve2d exactly. 'valid' and 'full' are correlate2d's with rot180(k);
 * 'same' ([h, w]) slices full from row floor((kh−1)/2), i.e. pads x by ceil((kh−1)/2) on top and the
 * rest below: an even kernel's extra zero row goes to the top (and its extra column to the left),
 * the opposite of correlate2d 'same'.
 *
 * `opts.boundary` / `opts.fillvalue`: what lies outside x, as scipy ('fill' 0 by default, 'wrap', 'symm').
 *
 * @example
 * convolve2d(tensor([[1, 2], [3, 4]]), tensor([[1, 10]]), 'full').toArray(); // [[1, 12, 20], [3, 34, 40]]
 */
export function convolve2d(x: Tensor, k: Tensor, mode: Mode = 'valid', opts: Boundary2dOptions = {}): Tensor {
  return slide2d('convolve2d', x, k, mode, opts);
}
