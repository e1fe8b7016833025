import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { LivePayload } from '../../../kernel-lib/src/contract';
import { niceTicks } from '../../../kernel-lib/src/display/livePicture';
import { payloadPng } from '../../../kernel-lib/src/display/picture';

const BAR = [44, 160, 44];
const TRACK = [224, 224, 224];
const TRAINING = [31, 119, 180];
const VALIDATION = [255, 127, 14];

function decode(p: LivePayload) {
  const png = PNG.sync.read(Buffer.from(payloadPng(p), 'base64'));
  const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
  /** Rows holding `colour` between columns x0 and x1. */
  const rows = (colour: number[], x0: number, x1: number) => {
    const ys: number[] = [];
    for (let y = 0; y < png.height; y++) for (let x = x0; x < x1; x++) if (at(x, y).join() === colour.join()) { ys.push(y); break; }
    return ys;
  };
  return { png, at, rows };
}

const run = (patch: Partial<LivePayload> = {}): LivePayload => ({
  version: 1, kind: 'live', title: 'run', step: 8000, total: 8000, xLabel: 'epoch',
  series: [{ name: 'accuracy', panel: 'accuracy', values: [0.94, 0.97, 0.985, 0.99], role: 'training' }],
  ...patch,
});

// The picture: 6 pixels of margin, the title (12), the status and progress line (12) over the bar (10), then the panels, 8 apart.
const BAR_Y = 6 + 12 + 8 + 12 + 5;
const BOX = { top: 6 + 12 + 8 + 24 + 8 + 14, height: 150, left: 6 + 308 + 24 + 40, width: 268 }; // the accuracy panel's box

describe('the live view’s PNG', () => {
  it('fills the whole bar at 100%, as wide as the panels, and half of it at 50%', () => {
    const done = decode(run());
    expect(done.at(6, BAR_Y)).toEqual(BAR);
    expect(done.at(6 + 639, BAR_Y)).toEqual(BAR);
    const half = decode(run({ step: 4000 }));
    expect(half.at(6 + 319, BAR_Y)).toEqual(BAR);
    expect(half.at(6 + 321, BAR_Y)).toEqual(TRACK);
  });

  it('draws accuracy 0.94..0.99 over most of its panel’s height (the fitted range), not in a sliver at the top', () => {
    const { rows } = decode(run());
    const ys = rows(TRAINING, BOX.left, BOX.left + BOX.width);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(0.75 * BOX.height);
  });

  it('clips curves to a fixed accuracyRange', () => {
    const { rows } = decode(run({ accuracyRange: [0.97, 1] }));
    const ys = rows(TRAINING, BOX.left, BOX.left + BOX.width);
    expect(Math.max(...ys)).toBeLessThan(BOX.top + BOX.height);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(BOX.top);
  });

  it('draws validation curves in their own colour, dashed, with a legend', () => {
    const withValidation = run({ series: [...run().series, { name: 'validation accuracy', panel: 'accuracy', values: [0.9, 0.93, 0.95, 0.96], role: 'validation' }] });
    const { rows } = decode(withValidation);
    expect(rows(VALIDATION, 6, 646).length).toBeGreaterThan(50);
    expect(rows(VALIDATION, 6, 646)[0]).toBeLessThan(BOX.top); // the legend's dashed sample, over the panels
  });
});

describe('niceTicks', () => {
  it('picks round values 4 to 6 intervals apart', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.935, 0.995)).toEqual([0.94, 0.95, 0.96, 0.97, 0.98, 0.99]);
    expect(niceTicks(0, 0.896)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(-0.025, 1.025)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
