// The explorer's browser-side recomputation, shapes and printed peer calls, against the library's
// own conv2d / conv2dBackward (an independent implementation: the fast kernels and the reference
// loops), hand-computed conv_arithmetic cases and TensorFlow.js running the printed calls.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExplorePayload, type ExploreSettings, exploreGeometry, validatePayload } from '../../../kernel-lib/src/contract';
import { exploreCalls, exploreRelation, exploreView, describeView } from '../../../kernel-lib/src/view';
import { explorePayload } from '../../../kernel-lib/src/display/explore';
import { Tensor, conv2d, conv2dBackward, randn, rot180, tensor } from '../../../kernel-lib/src';

const root = resolve(__dirname, '../../..');
const SIDE = 9;
const KSIDE = 4;
const base = (): ExplorePayload => explorePayload('explore', randn([SIDE, SIDE], 11), randn([KSIDE, KSIDE], 12), { bias: 0.25 });

const settings = (): fc.Arbitrary<ExploreSettings> =>
  fc.record({
    kernel: fc.integer({ min: 1, max: KSIDE }),
    input: fc.integer({ min: 1, max: SIDE }),
    stride: fc.integer({ min: 1, max: 3 }),
    dilation: fc.integer({ min: 1, max: 3 }),
    padding: fc.oneof(fc.constantFrom('valid' as const, 'same' as const, 'full' as const), fc.integer({ min: 0, max: 3 })),
    operation: fc.constantFrom('correlation' as const, 'convolution' as const),
    direction: fc.constantFrom('forward' as const, 'backward' as const),
  });

/** x cut to i x i and w to k x k as NCHW tensors; w turned for a convolution. */
function planes(p: ExplorePayload, s: ExploreSettings): { x: Tensor; w: Tensor } {
  const cut = (data: number[], cols: number, n: number) =>
    Array.from({ length: n * n }, (_, q) => data[Math.floor(q / n) * cols + (q % n)]);
  const x = new Tensor([1, 1, s.input, s.input], Float64Array.from(cut(p.input.data, SIDE, s.input)));
  const w = new Tensor([1, 1, s.kernel, s.kernel], Float64Array.from(cut(p.kernel.data, KSIDE, s.kernel)));
  return { x, w: s.operation === 'convolution' ? rot180(w) : w };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++)
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(tolerance * (1 + Math.abs(expected[i])));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the explorer recomputes what the library computes', () => {
  it('forward and backward of random settings equal conv2d and conv2dBackward(...).dx; a setting without output is one conv2d refuses', () => {
    const p = base();
    fc.assert(
      fc.property(settings(), (s) => {
        const view = exploreView(p, s);
        const opts = { stride: s.stride, padding: s.padding, dilation: s.dilation };
        const { x, w } = planes(p, s);
        if (!view) {
          expect(() => conv2d(x, w, undefined, opts)).toThrow(/dilated kernel must fit/);
          return;
        }
        const z = conv2d(x, w, tensor([p.bias]), opts);
        expect(exploreGeometry(s).output).toEqual([z.shape[2], z.shape[3]]);
        if (view.kind === 'conv') {
          expect(view.output.shape).toEqual([z.shape[2], z.shape[3]]);
          expectClose(view.output.data, z.data);
        } else {
          const { dx } = conv2dBackward(x, w, z, opts);
          expectClose(view.delta.data, z.data);
          expect(view.output.shape).toEqual([s.input, s.input]);
          expectClose(view.output.data, dx.data);
        }
        // What the page draws is a valid payload, and a valid explorer payload carries the setting.
        expect(validatePayload(view).ok).toBe(true);
        expect(validatePayload({ ...p, settings: s }).ok).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('a sigmoid forward view applies σ to b + x ⋆ w', () => {
    const p = { ...base(), activation: 'sigmoid' as const };
    const s: ExploreSettings = { ...p.settings, kernel: 3, stride: 2, padding: 1 };
    const view = exploreView(p, s);
    const { x, w } = planes(p, s);
    const z = conv2d(x, w, tensor([p.bias]), { stride: 2, padding: 1 });
    expect(view?.kind).toBe('conv');
    expectClose(
      view!.kind === 'conv' ? view!.output.data : [],
      Array.from(z.data, (v) => 1 / (1 + Math.exp(-v))),
    );
  });
});

describe('the shapes and their relationship', () => {
  const s = (over: Partial<ExploreSettings>): ExploreSettings => ({
    kernel: 3,
    input: 5,
    stride: 1,
    dilation: 1,
    padding: 0,
    operation: 'correlation',
    direction: 'forward',
    ...over,
  });

  it("conv_arithmetic's cases, computed by hand", () => {
    // Dumoulin & Visin: no padding 4→2 (k 3); half 5→5 (k 3, p 1); full 5→7 (k 3, p 2); stride 2, p 1: 5→3; 6→3 with one row unread; dilation 2: 7→3.
    expect(exploreGeometry(s({ input: 4 })).output).toEqual([2, 2]);
    expect(exploreGeometry(s({ padding: 'same' })).output).toEqual([5, 5]);
    expect(exploreGeometry(s({ padding: 'full' })).output).toEqual([7, 7]);
    expect(exploreGeometry(s({ stride: 2, padding: 1 })).output).toEqual([3, 3]);
    expect(exploreGeometry(s({ input: 7, dilation: 2 })).output).toEqual([3, 3]);
    expect(exploreRelation(s({ stride: 2, padding: 1 }))).toEqual([
      'o = ⌊(i + 1 + 1 − d(k − 1) − 1)/s⌋ + 1 = ⌊(5 + 1 + 1 − 1·2 − 1)/2⌋ + 1 = 3',
      'transposed: i = (o − 1)·s + d(k − 1) + 1 − 1 − 1 + r = (3 − 1)·2 + 1·2 + 1 − 2 + 0 = 5',
    ]);
    const odd = exploreRelation(s({ input: 6, stride: 2, padding: 1 }));
    expect(odd[0]).toMatch(/= 3$/);
    expect(odd[1]).toBe(
      'transposed: i = (o − 1)·s + d(k − 1) + 1 − 1 − 1 + r = (3 − 1)·2 + 1·2 + 1 − 2 + 1 = 6 (r = 1: the last 1 padded row is read by no window)',
    );
    // TensorFlow's 'same' with stride 2 on 6 inputs, k 3: ⌈6/2⌉ = 3 outputs, total padding (3 − 1)·2 + 3 − 6 = 1: 0 before, 1 after.
    expect(exploreRelation(s({ input: 6, stride: 2, padding: 'same' }))[0]).toBe(
      "padding 'same' = 0 before, 1 after (TensorFlow's rule: ⌈i/s⌉ = 3 outputs)",
    );
  });

  it('a setting without output says why, in the view and in the relationship', () => {
    const p = base();
    const none = { ...p.settings, input: 3, kernel: 3, dilation: 2, padding: 0 as const };
    expect(exploreView(p, none)).toBeUndefined();
    expect(exploreRelation(none).at(-1)).toBe(
      'no output: the dilated kernel spans d(k − 1) + 1 = 5 cells, more than the padded input i + 0 + 0 = 3',
    );
    const scene = describeView({ ...p, settings: none });
    expect(scene.panels).toEqual([]);
    expect(scene.labels.map((l) => l.text)).toContain(exploreRelation(none).at(-1));
    expect(() => explorePayload('explore', randn([3, 3], 1), randn([3, 3], 2), { dilation: 2 })).toThrow(
      /explore: the setting .* has no output: the dilated kernel spans d\(k − 1\) \+ 1 = 5 cells/,
    );
  });

  it('the explorer refuses bad options by name, rule and value', () => {
    const x = randn([5, 5], 1);
    const w = randn([3, 3], 2);
    expect(() => explorePayload('explore', x, w, { stride: 0 })).toThrow('explore: stride must be an integer from 1 to 8, got 0');
    expect(() => explorePayload('explore', x, w, { padding: 'half' as never })).toThrow(
      "explore: padding must be 'valid', 'same', 'full' or zeros per side from 0 to 16, got \"half\"",
    );
    expect(() => explorePayload('explore', x, w, { kernelSize: 4 })).toThrow('explore: kernelSize must be an integer from 1 to 3, got 4');
    expect(() => explorePayload('explore', x, w, { strides: 2 } as never)).toThrow("explore: unknown option 'strides'");
    expect(() => explorePayload('explore', randn([129, 129], 1), w)).toThrow('explore: x must be at most 128x128');
    expect(() => explorePayload('explore', x, w, { at: [4, 4] })).toThrow(
      /explore: at must be \[row, col\] of an output cell, rows 1..3 and columns 1..3/,
    );
  });

  it('the validator refuses a setting out of bounds or without output', () => {
    const p = base();
    expect(validatePayload({ ...p, settings: { ...p.settings, kernel: KSIDE + 1 } }).message).toBe(
      `explore: settings.kernel must be an integer from 1 to ${KSIDE}`,
    );
    expect(validatePayload({ ...p, settings: { ...p.settings, padding: 'half' } }).message).toBe(
      'explore: settings.padding must be one of "valid", "same", "full"',
    );
    expect(validatePayload({ ...p, settings: { ...p.settings, input: 2, kernel: 3 } }).message).toBe(
      'explore: settings must have an output: the dilated kernel must fit in the padded input',
    );
  });
});

describe('the printed calls give the library numbers', () => {
  /** Runs a printed TensorFlow.js call on x, w, dy (NHWC / HWIO) and returns its values (NCHW order for one channel is the same). */
  function runTf(code: string, x: Tensor, w: Tensor, dy?: Tensor): Float32Array {
    const [i, k] = [x.shape[2], w.shape[2]];
    const tx = tf.tensor4d(Float32Array.from(x.data), [1, i, i, 1]);
    const tw = tf.tensor4d(Float32Array.from(w.data), [k, k, 1, 1]);
    const tdy = dy ? tf.tensor4d(Float32Array.from(dy.data), [1, dy.shape[2], dy.shape[3], 1]) : undefined;
    const f = new Function('tf', 'x', 'w', 'dy', `return ${code};`) as (...a: unknown[]) => tf.Tensor;
    return f(tf, tx, tw, tdy).dataSync() as Float32Array;
  }

  it('TensorFlow.js runs the printed call to the library numbers (float32), and refuses where the note says it cannot', () => {
    const p = base();
    let refused = 0;
    fc.assert(
      fc.property(settings(), (s) => {
        const view = exploreView(p, s);
        fc.pre(view !== undefined);
        const opts = { stride: s.stride, padding: s.padding, dilation: s.dilation };
        // The calls name the kernel as given (x and w cut, not turned): the call turns it itself.
        const { x } = planes(p, s);
        const w = planes(p, { ...s, operation: 'correlation' }).w;
        const call = exploreCalls(s, p.bias).tfjs;
        const z = conv2d(x, planes(p, s).w, tensor([p.bias]), opts);
        if (s.direction === 'forward') {
          expectClose(runTf(call.code, x, w), z.data, 1e-4);
          return;
        }
        const { dx } = conv2dBackward(x, planes(p, s).w, z, opts);
        if (call.note) {
          refused++;
          expect(call.note).toMatch(/^TensorFlow.js has no gradient of conv2d with dilation > 1/);
          expect(() => runTf(call.code, x, w, z)).toThrow(s.stride > 1 ? /dilation|StridedSlice/i : /dilation/i);
          return;
        }
        expectClose(runTf(call.code, x, w, z), dx.data, 1e-4);
      }),
      { numRuns: 200, seed: 3 },
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('the convlab call is the library call', () => {
    const p = base();
    const s: ExploreSettings = { ...p.settings, kernel: 3, input: 7, stride: 2, padding: 'same', dilation: 2, operation: 'convolution' };
    const code = exploreCalls(s, p.bias).convlab.code;
    expect(code).toBe("cl.conv2d(x, cl.rot180(w), cl.tensor([0.25]), { stride: 2, padding: 'same', dilation: 2 })");
    const { x } = planes(p, s);
    const w = planes(p, { ...s, operation: 'correlation' }).w;
    const cl = { conv2d, rot180, tensor, conv2dBackward };
    const z = (new Function('cl', 'x', 'w', `return ${code};`) as (...a: unknown[]) => Tensor)(cl, x, w);
    const view = exploreView(p, s);
    expectClose(view?.kind === 'conv' ? view.output.data : [], z.data);
  });
});

describe('the printed SciPy calls give the library numbers', () => {
  it('SciPy (in the project venv) runs every printed call, forward and backward, to the library numbers', () => {
    const p = base();
    const cases = fc.sample(settings(), { numRuns: 120, seed: 5 }).filter((s) => exploreView(p, s) !== undefined);
    const inputs = cases.map((s) => {
      const opts = { stride: s.stride, padding: s.padding, dilation: s.dilation };
      const { x, w } = planes(p, s);
      const z = conv2d(x, w, tensor([p.bias]), opts);
      const grid = (t: Tensor) =>
        Array.from({ length: t.shape[2] }, (_, r) => Array.from(t.data.slice(r * t.shape[3], (r + 1) * t.shape[3])));
      const expected = s.direction === 'forward' ? z.data : conv2dBackward(x, w, z, opts).dx.data;
      const given = planes(p, { ...s, operation: 'correlation' }).w;
      return {
        run: {
          code: exploreCalls(s, p.bias).scipy.code,
          x: grid(x),
          w: grid(given),
          dy: s.direction === 'backward' ? grid(z) : null,
          b: p.bias,
          direction: s.direction,
        },
        expected,
      };
    });
    expect(inputs.length).toBeGreaterThan(60);
    const out = spawnSync(join(root, '.venv', 'bin', 'python'), [join(root, 'test', 'python', 'explore_calls.py'), 'scipy'], {
      input: JSON.stringify(inputs.map((c) => c.run)),
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    expect(out.stderr).toBe('');
    const results = JSON.parse(out.stdout) as number[][];
    results.forEach((r, i) => expectClose(r, inputs[i].expected, 1e-10));
  });
});
