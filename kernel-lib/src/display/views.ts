import type { Activation } from '../contract';
import { Tensor } from '../tensor';
import { payloadBundle } from './bundle';
import { emit, type EmitOptions } from './channel';
import {
  type ConvBackwardSpacingOptions,
  type ConvSpacingOptions,
  type LinkedViewOptions,
  type PoolViewOptions,
  convBackwardPayload,
  convPayload,
  convTransposePayload,
  type ConvTransposeViewOptions,
  poolBackwardPayload,
  poolPayload,
} from './linked';
import { type GridViewOptions, type MatrixViewOptions, gridPayload, kernelPayload, signedPayload } from './payloads';
import { squeezeLeading } from './tensors';

export interface KernelViewOptions extends EmitOptions, MatrixViewOptions {
  /** The weight's name in labels and hover text (default 'w': w11 … w33). */
  symbol?: string;
}

/**
 * Shows a kernel w [kh, kw] as a heatmap labelled from 1 (w11 …; `indexBase: 0` for w00 …), with its
 * bias b beside it, on a diverging scale centred at zero.
 *
 * @example
 * cl.showKernel(cl.randn([5, 5], 1), 0.1, { title: '5x5 kernel: 25 weights + 1 bias' });
 */
export function showKernel(w: Tensor, b?: number | Tensor, options: KernelViewOptions = {}): void {
  emit(payloadBundle(kernelPayload('showKernel', w, b, options)), options);
}

export interface DeltaViewOptions extends EmitOptions, MatrixViewOptions {
  /** The quantity's name in hover text (default 'δ'). */
  symbol?: string;
}

/**
 * Shows signed data such as δ on a colour-blind-safe diverging scale (blue negative, white zero, red
 * positive) with a range symmetric about zero. Rank 3–4 tensors are shown as a grid on that scale.
 *
 * @example
 * cl.showDelta(deltaPrev, { title: 'δ of the pooling layer' });
 */
export function showDelta(d: Tensor, options: DeltaViewOptions = {}): void {
  const payload =
    d instanceof Tensor && squeezeLeading(d.shape, 2).length > 2
      ? gridPayload('showDelta', d, { title: options.title, colours: 'diverging', indexBase: options.indexBase })
      : signedPayload('showDelta', d, options);
  emit(payloadBundle(payload), options);
}

export interface FeatureMapsOptions extends EmitOptions, GridViewOptions {}

/**
 * Shows feature maps [c, h, w] or [n, c, h, w] as small multiples labelled by channel, c1, c2, …
 * or your `labels` (a row per batch item): one shared scale and colour bar by default, or
 * `scale: 'per-map'`. Without `columns`, as many maps sit side by side as fit the output's width.
 *
 * @example
 * cl.showFeatureMaps(cl.conv2d(x, w, b), { title: '20 feature maps', columns: 5 });
 * cl.showFeatureMaps(kernels, { labels: ['horizontal —', 'vertical |', 'diagonal \\', 'diagonal /'] });
 */
export function showFeatureMaps(t: Tensor, options: FeatureMapsOptions = {}): void {
  emit(payloadBundle(gridPayload('showFeatureMaps', t, options)), options);
}

export interface ConvViewOptions extends EmitOptions, LinkedViewOptions, ConvSpacingOptions {
  /** σ in a = σ(b + Σ w·x): 'sigmoid' (default, as in the notes), 'tanh', 'relu' or 'linear' (a = z, as the layers name it). */
  activation?: Activation;
}

/**
 * The linked forward view of one convolution ('valid', stride 1, or any `stride`, `padding` and
 * `dilation` conv2d takes): input x (inside its zero padding), kernel w (+ bias b) and
 * output a = σ(b + x ⋆ w) side by side. Hovering an output cell highlights its receptive field and
 * writes σ(b + Σ w·x) with the actual numbers; a slider or play button steps the window. `at` picks
 * the output cell shown first (1-based [row, col], as the view numbers it), in the plot and in the
 * static fallbacks. Over several input channels — x [C, h, w] and w [C, kh, kw], C up to 16 — each
 * channel gets a row (x_k and w_k), the window is framed in every channel and the hovered sum is
 * written channel by channel, then added with the one bias.
 *
 * @example
 * cl.showConv(cl.randn([8, 8], 1), cl.randn([3, 3], 2), 0.1, { activation: 'sigmoid', at: [3, 2] });
 * cl.showConv(cl.randn([3, 8, 8], 1), cl.randn([3, 3, 3], 2), 0.1, { padding: 1 });
 */
export function showConv(x: Tensor, w: Tensor, b?: number | Tensor, options: ConvViewOptions = {}): void {
  emit(payloadBundle(convPayload('showConv', x, w, b, options)), options);
}

export interface ConvBackwardViewOptions extends EmitOptions, LinkedViewOptions, ConvBackwardSpacingOptions {}

/**
 * The linked backward view: δˡ⁺¹ of the later layer, the kernel rotated by 180° and
 * δˡ = δˡ⁺¹ ⋆full rot180(w) (before ⊙ σ′). Hovering a δˡ cell highlights the δˡ⁺¹ cells it gathers
 * from and the rotated weights that carry them; `at` picks the δˡ cell shown first. With the forward
 * convolution's `stride`, `padding` or `dilation` (and `inputSize`, the forward input's [h, w]),
 * δˡ⁺¹ is drawn spread with s − 1 zeros between its cells (the transposed convolution) and δˡ is
 * conv2dBackward's dx. δ [K, h, w] with w [K, kh, kw] — a layer's K output channels and the kernel
 * plane of each that reads one input channel (w[:, c] in PyTorch's layout), K ≤ 16 — draws a row per
 * channel and writes δˡ's sum channel by channel: δˡ = Σ_k δ_k ⋆full rot180(w_k).
 *
 * @example
 * cl.showConvBackward(cl.randn([4, 4], 3), w, { title: 'δ back through the 3x3 kernel', at: [3, 3] });
 * cl.showConvBackward(cl.randn([3, 4, 4], 3), cl.randn([3, 3, 3], 4), { title: 'three channels of δ into one input' });
 */
export function showConvBackward(delta: Tensor, w: Tensor, options: ConvBackwardViewOptions = {}): void {
  emit(payloadBundle(convBackwardPayload('showConvBackward', delta, w, options)), options);
}

export interface ConvTransposeOptions extends EmitOptions, ConvTransposeViewOptions {}

/**
 * The transposed convolution as stamps (convTranspose2d over one plane): input x, kernel w, the
 * output y = Σ of every input cell's stamp x(i, j)·w placed `stride` cells apart, and how many
 * stamps cover each cell of y — uneven where the kernel size is not a multiple of the stride (the
 * checkerboard). Hovering an input cell frames its stamp and writes what it adds; `at` picks the
 * input cell shown first.
 *
 * @example
 * cl.showConvTranspose(cl.randn([3, 3], 1), cl.randn([3, 3], 2), { stride: 2, at: [2, 2] });
 */
export function showConvTranspose(x: Tensor, w: Tensor, options: ConvTransposeOptions = {}): void {
  emit(payloadBundle(convTransposePayload('showConvTranspose', x, w, options)), options);
}

export interface PoolOptions extends EmitOptions, PoolViewOptions {}

/**
 * The pooling view: x with its tiling into windows, each window's maximum ringed (max), and the
 * pooled map. Hovering a pooled cell highlights its window; `at` picks the window shown first and
 * `values` writes the numbers into the cells ('auto': up to 16x16).
 *
 * @example
 * cl.showPool(featureMap, { mode: 'max', size: 2, at: [3, 4] });
 */
export function showPool(x: Tensor, options: PoolOptions = {}): void {
  emit(payloadBundle(poolPayload('showPool', x, options)), options);
}

/**
 * δ back through pooling: all of each δ to its window's maximum (max) or a 1/size² share to every
 * cell (avg), next to x with the maxima ringed. Options as for showPool. With a stride, padding,
 * dilation or ceil mode, windows may overlap or skip cells: the view's positions are then the cells
 * of δˡ (`at` picks one), and hovering one frames every window that reads it — solid where it sends
 * δ back — and writes the sum (maxPool2dBackward's and avgPool2dBackward's numbers).
 *
 * @example
 * cl.showPoolBackward(featureMap, deltaPooled, { mode: 'avg' });
 * cl.showPoolBackward(cl.randn([7, 7], 1), cl.randn([4, 4], 2), { size: 3, stride: 2, padding: 1, at: [2, 2] });
 */
export function showPoolBackward(x: Tensor, delta: Tensor, options: PoolOptions = {}): void {
  emit(payloadBundle(poolBackwardPayload('showPoolBackward', x, delta, options)), options);
}
