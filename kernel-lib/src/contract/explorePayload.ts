import type { Activation, PayloadBase, Plane, Position } from './payload';
import { namedPadding, spacedLength } from './shapes';

/**
 * The explorer: one plane x and one kernel w with controls in the page that change the geometry
 * and recompute the view in the browser, with no kernel. The payload carries the tensors and the
 * setting shown; the view drawn is the linked conv (forward) or conv-backward view of that setting.
 */

/** The padding rule of a setting: zeros per side, or conv2d's named rules. */
export type ExplorePadding = number | 'valid' | 'same' | 'full';

/** One setting of the explorer's controls; square geometry, as conv_arithmetic draws it. */
export interface ExploreSettings {
  /** Kernel side k: the top-left k x k of the payload's kernel (at most its sides). */
  kernel: number;
  /** Input side i: the top-left i x i of the payload's input (at most its sides). */
  input: number;
  stride: number;
  dilation: number;
  padding: ExplorePadding;
  /** 'correlation' slides w as it is (what conv2d computes); 'convolution' slides rot180(w). */
  operation: 'correlation' | 'convolution';
  /** 'forward' draws a = σ(b + x ⋆ w); 'backward' draws δˡ from δ = z (the gradient of ½Σz²). */
  direction: 'forward' | 'backward';
}

/** The explorer's payload. */
export interface ExplorePayload extends PayloadBase {
  kind: 'explore';
  input: Plane;
  kernel: Plane;
  bias: number;
  activation: Activation;
  /** The setting shown (the controls start on it; the page writes the one left back into it). */
  settings: ExploreSettings;
  /** Name the cells a11…, w11… in the forward view. */
  symbols?: boolean;
  /** The output (or δˡ) cell highlighted first. */
  focus?: Position;
}

/** Bounds of the explorer's controls: the sides of x and w it takes, and the largest stride, dilation and padding. */
export const EXPLORE_LIMITS = {
  input: 128,
  kernel: 9,
  stride: 8,
  dilation: 8,
  padding: 16,
} as const;

export const EXPLORE_PADDING_RULES = ['valid', 'same', 'full'] as const;
export const EXPLORE_OPERATIONS = ['correlation', 'convolution'] as const;
export const EXPLORE_DIRECTIONS = ['forward', 'backward'] as const;

/** The geometry of a setting: the input and kernel planes it uses, the padding sides it resolves to, and its output. */
export interface ExploreGeometry {
  input: [number, number];
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** [[top, bottom], [left, right]]. */
  padding: [[number, number], [number, number]];
  /** The forward output's shape; a side is 0 when the dilated kernel does not fit in the padded input. */
  output: [number, number];
}

/** Resolves a setting (already within its bounds) into its geometry, by the library's padding and output-length rules. */
export function exploreGeometry(s: ExploreSettings): ExploreGeometry {
  const side = (): [number, number] =>
    typeof s.padding === 'number' ? [s.padding, s.padding] : namedPadding(s.padding, s.input, s.kernel, s.stride, s.dilation);
  const [before, after] = side();
  const o = spacedLength(s.input, s.kernel, s.stride, before, after, s.dilation);
  return {
    input: [s.input, s.input],
    kernel: [s.kernel, s.kernel],
    stride: [s.stride, s.stride],
    dilation: [s.dilation, s.dilation],
    padding: [
      [before, after],
      [before, after],
    ],
    output: [o, o],
  };
}
