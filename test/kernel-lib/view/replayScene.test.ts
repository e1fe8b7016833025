import { describe, expect, it } from 'vitest';
import { deadChannels, describeView, mosaicCell, mosaicOf } from '../../../kernel-lib/src/view';
import { replayExample } from '../contract/inspectExamples';

describe('replayScene', () => {
  it('draws the step asked for, on scales fixed over the run', () => {
    const [s0, s2] = [describeView(replayExample, { position: 0 }), describeView(replayExample, { position: 2 })];
    // kernels (i − 4)·(1 + s): step 0 w = −4..3, step 2 w = −12..9; the bound is the run's, 12, at both steps
    expect(s0.panels[0].scale).toEqual({ kind: 'diverging', min: -12, max: 12 });
    expect(s2.panels[0].scale).toEqual(s0.panels[0].scale);
    const m = mosaicOf([2, 2, 2]);
    const [R, C] = mosaicCell(m, 1, 1, 1); // w of map 1 at (1, 1): flat index 7 → (7 − 4)·(1 + s)
    expect(s0.panels[0].values[R * m.cols + C]).toBe(3);
    expect(s2.panels[0].values[R * m.cols + C]).toBe(9);
    expect(s0.stepping).toEqual({ count: 3, position: 0, noun: 'step', label: 'step 0 (epoch 0)' });
    expect(s2.stepping?.label).toBe('step 20 (epoch 1)');
    expect(s2.labels.map((l) => l.text)).toContain(
      'step 20 (epoch 1), 3 of 3 recorded: batch loss 0.5, accuracy 0.6667 · probe loss 1, predicted 1 (label 1)',
    );
  });

  it('the probe’s δ shrinks in its title; a dead channel is veiled and counted', () => {
    const text = (p: number) => describeView(replayExample, { position: p }).labels.map((l) => l.full ?? l.text);
    expect(text(0)).toContain('1x1x3 · max|δ| 0.8');
    expect(text(1)).toContain('1x1x3 · max|δ| 0.4');
    expect(text(0)).toContain('2x2x2 · 0 of 2 channels dead on the probe');
    expect(text(1)).toContain('2x2x2 · 1 of 2 channels dead on the probe');
    const frames = describeView(replayExample, { position: 1 }).frames;
    const m = mosaicOf([2, 2, 2]);
    expect(frames).toEqual([
      {
        panel: 1,
        r0: mosaicCell(m, 1, 0, 0)[0],
        c0: mosaicCell(m, 1, 0, 0)[1],
        r1: mosaicCell(m, 1, 1, 1)[0],
        c1: mosaicCell(m, 1, 1, 1)[1],
        style: 'grey',
      },
    ]);
    expect(deadChannels([2, 2, 2], [1, 2, 3, 4, 0, 0, 0, 0])).toEqual([1]);
    expect(deadChannels([2, 1, 1], [0, -0])).toEqual([0, 1]);
  });

  it('starts at the payload’s position, and clamps a position past the end', () => {
    expect(describeView({ ...replayExample, position: 1 }).stepping?.position).toBe(1);
    expect(describeView(replayExample, { position: 99 }).stepping?.position).toBe(2);
  });
});
