import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { ticks as niceTicks } from 'd3-array';
import type { ColourScale } from '../contract';
import { valueRange } from './range';
import type { ScaleSpec } from './scene';

/**
 * Colours of the views, from d3-scale-chromatic: viridis for unsigned data, reversed RdBu (blue
 * negative, white zero, red positive; colour-blind safe) for signed data. Both backends take their
 * colours from here: the SVG per cell, plotly as a colour scale sampled at `STOPS` points.
 */

/** Steps of a colour map: colours are quantised to 257 levels (odd, so that zero falls on the middle of a diverging map). */
const LEVELS = 257;

const hex = (rgb: string): string => {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(rgb);
  if (!m) return rgb;
  return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
};

const table = (f: (t: number) => string): string[] => Array.from({ length: LEVELS }, (_, i) => hex(f(i / (LEVELS - 1))));
const RAMPS: Record<ScaleSpec['kind'], string[]> = {
  sequential: table(interpolateViridis),
  diverging: table((t) => interpolateRdBu(1 - t)),
};

/**
 * The scale of some data: diverging, symmetric about zero, when asked or when the data has both
 * signs; else sequential over [min, max] (a constant gets [v, v + 1]).
 */
export function scaleOf(data: ArrayLike<number>, scale?: ColourScale): ScaleSpec {
  const { min, max, signed } = valueRange(data);
  if (scale === 'diverging' || (scale === undefined && signed)) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { kind: 'diverging', min: -bound, max: bound };
  }
  return { kind: 'sequential', min, max: max === min ? min + 1 : max };
}

/** The colour of value v on a scale (values outside the range take the end colours). */
export function colourAt(scale: ScaleSpec, v: number): string {
  const t = (v - scale.min) / (scale.max - scale.min);
  const i = Math.round(Math.min(1, Math.max(0, t)) * (LEVELS - 1));
  return RAMPS[scale.kind][i];
}

/** Number of stops a plotly colour scale is sampled at: close enough to the 256 levels to look the same. */
export const STOPS = 33;

/** The scale's colours as plotly's colorscale: [[0, '#…'], …, [1, '#…']]. */
export function colourStops(kind: ScaleSpec['kind']): Array<[number, string]> {
  return Array.from({ length: STOPS }, (_, i) => [i / (STOPS - 1), RAMPS[kind][Math.round((i / (STOPS - 1)) * (LEVELS - 1))]]);
}

/** Round tick values of a colour bar or an axis from lo to hi (d3's 1, 2, 5 × 10^k steps). */
export function ticksOf(lo: number, hi: number, count = 5): number[] {
  return niceTicks(lo, hi, count);
}
