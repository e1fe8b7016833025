import { assert, fmtShape } from '../assert';
import { toPair } from '../ops/args';
import type { Conv2dOptions } from '../ops/conv2dGeometry';
import { type Padding, resolvePadding } from '../ops/convOutputSize';

/** Geometry of a single-channel cross-correlation, as conv2d's options: stride 1, padding 0, dilation 1. */
export type WindowOptions = Conv2dOptions;

/**
 * The resolved geometry: kernel kh x kw on input h x w, stride s, dilation d, zeros `top`/`left`
 * before the input and padH/padW in total per axis, output outH x outW.
 */
export interface Window {
  kh: number;
  kw: number;
  h: number;
  w: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  top: number;
  left: number;
  padH: number;
  padW: number;
  outH: number;
  outW: number;
}

/**
 * Checks and resolves the geometry; output size per axis is floor((i + pad − d(k−1) − 1)/s) + 1
 * (pad = 2p for a number p), and the dilated kernel d(k−1)+1 must fit in the padded input.
 */
export function resolveWindow(op: string, kShape: readonly number[], inShape: readonly number[], opts: WindowOptions = {}): Window {
  assert(kShape.length === 2 && kShape[0] > 0 && kShape[1] > 0, () => `${op}: kernel must have shape [kh, kw], got ${fmtShape(kShape)}`);
  assert(
    Array.isArray(inShape) && inShape.length === 2 && inShape.every((v) => Number.isInteger(v) && v > 0),
    () => `${op}: inShape must be [h, w] with positive integers, got ${JSON.stringify(inShape)}`,
  );
  const [sh, sw] = toPair(op, 'stride', opts.stride ?? 1);
  const [dh, dw] = toPair(op, 'dilation', opts.dilation ?? 1);
  const p = opts.padding ?? 0;
  assert(
    typeof p !== 'string' || p === 'valid' || p === 'same' || p === 'full',
    () => `${op}: padding must be a non-negative integer, a pair [h, w] of them, 'valid', 'same' or 'full', got '${p}'`,
  );
  const [kh, kw] = kShape;
  const [h, w] = inShape;
  const [padRows, padCols]: [Padding, Padding] = typeof p === 'string' ? [p, p] : toPair(op, 'padding', p, true);
  const [top, bottom] = resolvePadding(padRows, kh, dh);
  const [left, right] = resolvePadding(padCols, kw, dw);
  const extentH = dh * (kh - 1) + 1;
  const extentW = dw * (kw - 1) + 1;
  assert(
    extentH <= h + top + bottom && extentW <= w + left + right,
    () =>
      `${op}: the dilated kernel must fit in the padded input, got kernel ${extentH}x${extentW} ` +
      `and padded input ${h + top + bottom}x${w + left + right} (k ${fmtShape(kShape)}, input ${fmtShape(inShape)})`,
  );
  const outH = Math.floor((h + top + bottom - extentH) / sh) + 1;
  const outW = Math.floor((w + left + right - extentW) / sw) + 1;
  return { kh, kw, h, w, sh, sw, dh, dw, top, left, padH: top + bottom, padW: left + right, outH, outW };
}

/**
 * Visits every connection of the correlation out[r][c] = Σ_l Σ_m k[l][m]·a[r·s + l·d − top][c·s + m·d − left]
 * that lands inside the input (padding cells are zeros, so they carry no connection).
 * Indices are row-major: out = r·outW + c, input = i·w + j, kernel = l·kw + m.
 */
export function forEachConnection(win: Window, visit: (out: number, input: number, kernel: number) => void): void {
  for (let r = 0; r < win.outH; r++) {
    for (let c = 0; c < win.outW; c++) {
      for (let l = 0; l < win.kh; l++) {
        const i = r * win.sh + l * win.dh - win.top;
        if (i < 0 || i >= win.h) continue;
        for (let m = 0; m < win.kw; m++) {
          const j = c * win.sw + m * win.dw - win.left;
          if (j < 0 || j >= win.w) continue;
          visit(r * win.outW + c, i * win.w + j, l * win.kw + m);
        }
      }
    }
  }
}
