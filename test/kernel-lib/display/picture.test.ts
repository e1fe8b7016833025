import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../kernel-lib/src/contract';
import { payloadPng } from '../../../kernel-lib/src/display/picture';
import { examples } from '../contract/examples';

// The PNG fallback draws the panels with 6 pixels of margin; these small examples get 32-pixel cells.
const INK = [33, 33, 33];
const PAPER = [255, 255, 255];

function pixels(p: Payload) {
  const png = PNG.sync.read(Buffer.from(payloadPng(p), 'base64'));
  return (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
}

describe('payloadPng: linked views at their first position', () => {
  it('conv: frames the window of output cell `focus` in the input, the kernel, and that output cell', () => {
    const at = pixels({ ...examples.conv, focus: [1, 2] } as Payload);
    const first = pixels(examples.conv);
    // Input cells of 32 pixels from (6, 6): the window rows 1..2, cols 2..3 starts at x = 70, y = 38.
    expect(at(70, 90)).toEqual(INK);
    expect(at(72, 90)).toEqual(PAPER);
    expect(first(70, 90)).not.toEqual(INK);
    expect(first(6, 20)).toEqual(INK); // without a focus: the first window
    // The output panel starts after the input (128) and the kernel (64), each followed by a 64-pixel gap: x = 326.
    expect(at(326 + 64, 50)).toEqual(INK);
  });

  it('pool: rings each maximum in a circle touching its edges, leaving the middle of the cell its colour', () => {
    const at = pixels(examples.pool);
    const [cx, cy] = [6 + 32 + 16, 6 + 32 + 16]; // input cell (1, 1), the maximum of window (0, 0)
    expect(at(cx, cy - 14)).toEqual(INK);
    expect(at(cx, cy - 13)).toEqual(PAPER);
    expect(at(cx, cy)).not.toEqual(INK);
    expect(at(cx, cy)).not.toEqual(PAPER);
    expect(at(cx - 16, cy - 16 + 1)).not.toEqual(INK); // the cell's corner stays outside the ring
  });

  it('pool: frames window `focus` in the input and its cell in the pooled map', () => {
    const at = pixels({ ...examples.pool, focus: [1, 0] } as Payload);
    expect(at(6, 6 + 64 + 10)).toEqual(INK); // the left edge of input rows 2..3
    // The pooled map (cells 64 pixels) starts at x = 6 + 128 + 64; its cell (1, 0) at y = 6 + 64.
    expect(at(198, 70 + 20)).toEqual(INK);
  });
});

describe('payloadPng: panel names', () => {
  const MUTED = [110, 110, 110];
  const named = (p: Payload, x0: number, x1: number, y0: number, y1: number) => {
    const at = pixels(p);
    let count = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (at(x, y).join() === MUTED.join()) count++;
    return count;
  };

  it('names each panel of a linked view under it, so that the panels keep their places', () => {
    // conv: the 4x4 input (128 pixels from y = 6) is named in the line under it; nothing is written above it.
    expect(named(examples.conv, 6, 134, 6 + 128 + 3, 6 + 128 + 15)).toBeGreaterThan(30);
    expect(named(examples.conv, 0, 400, 0, 6)).toBe(0);
    expect(named(examples.pool, 6, 134, 6 + 128 + 3, 6 + 128 + 15)).toBeGreaterThan(30);
  });

  it('names the maps of a grid c1, c2, … under each', () => {
    const grid = { ...examples.grid, columns: 3 } as Payload;
    const png = PNG.sync.read(Buffer.from(payloadPng(grid), 'base64'));
    expect(named(grid, 0, png.width, 0, png.height)).toBeGreaterThan(3 * 10);
  });
});
