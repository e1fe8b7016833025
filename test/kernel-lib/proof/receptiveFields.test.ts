// receptiveFields against hand-computed cases, Distill's closed forms, and the explicit dependency
// structure of the library's own layers (impulses through a positive copy; gradients for generic weights).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  ConvTranspose2D,
  Dense,
  Flatten,
  type Field,
  type Layer,
  MaxPool2D,
  Sequential,
  Tensor,
  randn,
  receptiveFields,
  zeros,
} from '../../../kernel-lib/src';
import { impulseReach } from './fieldsProbe';

const span = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const nielsen = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 20, kernelSize: 5, seed: 1 }),
    new MaxPool2D({ size: 2 }),
    new Conv2D({ inChannels: 20, outChannels: 40, kernelSize: 5, seed: 2 }),
    new MaxPool2D({ size: 2 }),
    new Flatten(),
    new Dense({ inputs: 640, outputs: 100, seed: 3 }),
    new Dense({ inputs: 100, outputs: 10, activation: 'softmax', seed: 4 }),
  ]);

/** Flat indices of a field in maps [c, h, w]. */
const cells = (f: Field | null, [, h, w]: readonly number[]): number[] =>
  f === null ? [] : f.channels.flatMap((ch) => f.rows.flatMap((r) => f.cols.map((c) => (ch * h + r) * w + c))).sort((a, b) => a - b);
const neuronAt = (k: number, i: number, [, h, w]: readonly number[]): [number, number, number, number] => [
  k,
  Math.floor(i / (h * w)),
  Math.floor((i % (h * w)) / w),
  i % w,
];

describe('receptiveFields of Nielsen’s two-conv-layer network, by hand', () => {
  const f = receptiveFields(nielsen(), [1, 28, 28]);

  it('r and j of every layer: 1, 5, 6, 14, 16 and 1, 1, 2, 2, 4 (Distill: r_l = r_{l−1} + (k − 1)·j_{l−1}, j_l = j_{l−1}·s)', () => {
    expect(f.columns.map((c) => c.shape)).toEqual([
      [1, 28, 28],
      [20, 24, 24],
      [20, 12, 12],
      [40, 8, 8],
      [40, 4, 4],
      [40, 4, 4],
      [1, 100, 1],
      [1, 10, 1],
    ]);
    expect(f.columns.map((c) => c.r)).toEqual([[1, 1], [5, 5], [6, 6], [14, 14], [16, 16], [16, 16], null, null]);
    expect(f.columns.map((c) => c.j)).toEqual([[1, 1], [1, 1], [2, 2], [2, 2], [4, 4], [4, 4], null, null]);
  });

  it('a neuron of the second pooling layer: its receptive field in every layer below, its projective field above', () => {
    // pooled (ch 5; 1, 2) ← conv2 rows 2..3, cols 4..5 of ch 5 ← pool1 rows 2..7, cols 4..9 of all 20 channels
    // ← conv1 rows 4..15, cols 8..19 ← input rows 4..19, cols 8..23: 16 = r rows, starting at 1·j = 4
    const at = f.follow([4, 5, 1, 2]);
    const all = (n: number) => span(0, n - 1);
    expect(at.slice(0, 5)).toEqual([
      { channels: [0], rows: span(4, 19), cols: span(8, 23) },
      { channels: all(20), rows: span(4, 15), cols: span(8, 19) },
      { channels: all(20), rows: span(2, 7), cols: span(4, 9) },
      { channels: [5], rows: span(2, 3), cols: span(4, 5) },
      { channels: [5], rows: [1], cols: [2] },
    ]);
    expect(at[5]).toEqual({ channels: [5], rows: [1], cols: [2] }); // flatten: cell to cell, drawn in its input's maps
    expect(at[6]).toEqual({ channels: [0], rows: all(100), cols: [0] }); // every dense neuron
  });

  it('an input pixel near the left border: its projective field, clipped', () => {
    // input (10, 3) feeds conv rows 6..10, cols 0..3 (cols −1 would be left of the map); pool rows 3..5, cols 0..1;
    // conv2 rows 0..5 (⌈(3 − 4)/1⌉ clipped to 0), cols 0..1; pool2 rows 0..2, col 0
    const at = f.follow([0, 0, 10, 3]);
    expect(at.slice(1, 5).map((g) => g && [g.rows, g.cols])).toEqual([
      [span(6, 10), span(0, 3)],
      [span(3, 5), span(0, 1)],
      [span(0, 5), span(0, 1)],
      [span(0, 2), [0]],
    ]);
  });

  it('the receptive field of every neuron of every map column equals its impulse dependencies (the library’s own layers)', () => {
    const reach = impulseReach(nielsen(), 0, [1, 28, 28]);
    for (const k of [1, 2, 3, 4, 6]) {
      const shape = f.columns[k].shape;
      const n = shape.reduce((a, b) => a * b, 1);
      for (let i = 0; i < n; i += k === 1 ? 7 : 1) {
        const fromImpulses = reach.flatMap((m, q) => (m.get(k)!.includes(i) ? [q] : []));
        expect(cells(f.follow(neuronAt(k, i, shape))[0], [1, 28, 28])).toEqual(fromImpulses);
      }
    }
  });

  it('throws for a layer with no connection rule, a wrong input shape and a neuron outside its column', () => {
    const odd = new Sequential([{ name: 'Odd', params: [], forward: (t: Tensor) => t, backward: (t: Tensor) => t }]);
    expect(() => receptiveFields(odd, [1, 4, 4])).toThrow(
      /receptiveFields: layer 0 Odd on maps \[1,4,4\]: no connection rule .*known: Conv2D/,
    );
    expect(() => receptiveFields(nielsen(), [1, 28])).toThrow(/layer 0 .*|kernel/);
    expect(() => receptiveFields(nielsen(), [1, 28, 28, 1])).toThrow(/inputShape must be \[c, h, w\] or \[h, w\].*got \[1,28,28,1\]/);
    expect(() => receptiveFields(nielsen(), [1, 20, 20])).toThrow(/layer 5 .* must read 640 inputs, got 160/);
    expect(() => f.follow([1, 20, 0, 0])).toThrow(/follow: neuron must be .* inside column 1's maps \[20,24,24\].*got \[1,20,0,0\]/);
  });
});

/** Random stacks of every geometry the layers take: stride, padding (number, sides, 'same'), dilation, groups, pooling with padding, dilation and ceil mode, transposed convolutions. */
const layerSpec = fc.oneof(
  fc.record({
    kind: fc.constant('conv' as const),
    out: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 2 }),
    padding: fc.constantFrom<unknown>(
      0,
      1,
      'same',
      [
        [0, 1],
        [1, 0],
      ],
      [2, 0],
    ),
    dilation: fc.integer({ min: 1, max: 2 }),
    depthwise: fc.boolean(),
  }),
  fc.record({
    kind: fc.constantFrom('max' as const, 'avg' as const),
    size: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 1 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    ceilMode: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('convPool' as const), out: fc.integer({ min: 1, max: 2 }), k: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('transposed' as const),
    out: fc.integer({ min: 1, max: 2 }),
    k: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 1 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    depthwise: fc.boolean(),
  }),
);

function buildStack(
  specs: Array<typeof layerSpec extends fc.Arbitrary<infer T> ? T : never>,
  c0: number,
  h: number,
  w: number,
  dense: boolean,
): Sequential | null {
  const layers: Layer[] = [];
  let c = c0;
  for (const [i, s] of specs.entries()) {
    if (s.kind === 'conv') {
      const groups = s.depthwise ? c : 1;
      const out = s.depthwise ? c * s.out : s.out;
      layers.push(
        new Conv2D({
          inChannels: c,
          outChannels: out,
          kernelSize: s.k,
          stride: s.stride,
          padding: s.padding as 0,
          dilation: s.dilation,
          groups,
          seed: i,
        }),
      );
      c = out;
    } else if (s.kind === 'transposed') {
      const groups = s.depthwise ? c : 1;
      const out = s.depthwise ? c * s.out : s.out;
      layers.push(
        new ConvTranspose2D({
          inChannels: c,
          outChannels: out,
          kernelSize: s.k,
          stride: s.stride,
          padding: s.padding,
          dilation: s.dilation,
          groups,
          seed: i,
        }),
      );
      c = out;
    } else if (s.kind === 'convPool') {
      layers.push(new ConvPool2D({ inChannels: c, outChannels: s.out, kernelSize: s.k, seed: i }));
      c = s.out;
    } else {
      const opts = { size: s.size, stride: s.stride, padding: Math.min(s.padding, Math.floor(s.size / 2)), ceilMode: s.ceilMode };
      layers.push(s.kind === 'max' ? new MaxPool2D({ ...opts, dilation: s.dilation }) : new AvgPool2D(opts));
    }
  }
  const net = new Sequential([...layers, new Flatten()]);
  let f;
  try {
    f = receptiveFields(net, [c0, h, w]);
  } catch (e) {
    if (e instanceof RangeError) return null; // a window that does not fit the map: not a network
    throw e;
  }
  const last = f.columns[f.columns.length - 1].shape;
  return dense ? new Sequential([...net.layers, new Dense({ inputs: last[0] * last[1] * last[2], outputs: 3, seed: 9 })]) : net;
}

const stackArb = fc
  .record({
    specs: fc.array(layerSpec, { minLength: 1, maxLength: 3 }),
    c: fc.integer({ min: 1, max: 2 }),
    h: fc.integer({ min: 5, max: 10 }),
    w: fc.integer({ min: 5, max: 10 }),
    dense: fc.boolean(),
  })
  .map(({ specs, c, h, w, dense }) => ({ net: buildStack(specs, c, h, w, dense), shape: [c, h, w] as [number, number, number] }));

describe('receptiveFields over random stacks (property)', () => {
  it('every column’s fields of every neuron equal the impulse dependencies of the library’s layers, below and above', () => {
    fc.assert(
      fc.property(stackArb, ({ net, shape }) => {
        fc.pre(net !== null);
        const f = receptiveFields(net!, shape);
        const shapes = f.columns.map((c) => c.shape);
        for (let m = 0; m < shapes.length - 1; m++) {
          const reach = impulseReach(net!, m, shapes[m]);
          reach.forEach((byColumn, q) => {
            const from = f.follow(neuronAt(m, q, shapes[m]));
            for (const [k, hit] of byColumn) expect(cells(from[k], shapes[k])).toEqual(hit); // projective
          });
          for (let k = m + 1; k < shapes.length; k++) {
            const n = shapes[k].reduce((a, b) => a * b, 1);
            for (let i = 0; i < n; i++) {
              const fromImpulses = reach.flatMap((byColumn, q) => (byColumn.get(k)!.includes(i) ? [q] : []));
              expect(cells(f.follow(neuronAt(k, i, shapes[k]))[m], shapes[m])).toEqual(fromImpulses); // receptive
            }
          }
        }
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it('Distill’s closed forms: each field lies in u + x·j … u + x·j + r − 1, and fills that span’s ends where it is inside the input', () => {
    fc.assert(
      fc.property(stackArb, ({ net, shape }) => {
        fc.pre(net !== null);
        const f = receptiveFields(net!, shape);
        f.columns.forEach((col, k) => {
          if (col.r === null) return;
          const [, h, w] = col.shape;
          for (let r = 0; r < h; r++)
            for (let c = 0; c < w; c++) {
              const field = f.follow([k, 0, r, c])[0];
              const axes = [
                { x: r, got: field?.rows ?? [], n: shape[1] },
                { x: c, got: field?.cols ?? [], n: shape[2] },
              ].map(({ x, got, n }, a) => {
                const lo = col.u![a] + x * col.j![a];
                return { got, n, lo, hi: lo + col.r![a] - 1 };
              });
              for (const { got, n, lo, hi } of axes)
                for (const i of got) expect(i >= Math.max(0, lo) && i <= Math.min(n - 1, hi)).toBe(true);
              if (axes.every(({ n, lo, hi }) => lo >= 0 && hi <= n - 1))
                for (const { got, lo, hi } of axes) expect([got[0], got[got.length - 1]]).toEqual([lo, hi]);
            }
        });
      }),
      { seed: 17, numRuns: 100 },
    );
  });
});

describe('receptiveFields through a transposed convolution', () => {
  it('by hand: k 3, s 2, p 1 upsamples 3 → 5; output o reads inputs (o + 1 − t)/2, whole, for t = 0..2', () => {
    const up = new Sequential([new ConvTranspose2D({ inChannels: 1, outChannels: 2, kernelSize: 3, stride: 2, padding: 1 })]);
    const f = receptiveFields(up, [1, 3, 3]);
    expect(f.columns[1].shape).toEqual([2, 5, 5]);
    // o = 0: t = 1 → 0; o = 1: t = 0, 2 → 1, 0; o = 2: t = 1 → 1; o = 3: → 2, 1; o = 4: → 2
    const rowsOf = (o: number) => f.follow([1, 0, o, 0])[0]!.rows;
    expect([0, 1, 2, 3, 4].map(rowsOf)).toEqual([[0], [0, 1], [1], [1, 2], [2]]);
    // input 1 writes outputs 1·2 − 1 + t = 1, 2, 3 in both channels
    expect(f.follow([0, 0, 1, 1])[1]).toEqual({ channels: [0, 1], rows: [1, 2, 3], cols: [1, 2, 3] });
    expect([f.columns[1].r, f.columns[1].j]).toEqual([null, null]); // no closed form: the spans alternate 1, 2, 1, 2, 1
  });
});

describe('receptiveFields against gradients of generic weights', () => {
  it('with average pooling, ∂a/∂x of each last-map neuron is nonzero exactly on its receptive field; with max pooling, inside it', () => {
    for (const Pool of [AvgPool2D, MaxPool2D]) {
      const net = new Sequential([
        new Conv2D({ inChannels: 2, outChannels: 3, kernelSize: 3, padding: 1, stride: 2, seed: 5 }),
        new Pool({ size: 2, stride: 1 }),
        new Conv2D({ inChannels: 3, outChannels: 2, kernelSize: 2, dilation: 2, seed: 6 }),
      ]);
      const x = randn([1, 2, 12, 12], 7);
      const f = receptiveFields(net, [2, 12, 12]);
      const out = f.columns[3].shape;
      for (let i = 0; i < out.reduce((a, b) => a * b, 1); i++) {
        net.forward(x);
        const dy = zeros([1, ...out]);
        dy.data[i] = 1;
        const dx = net.backward(dy) as Tensor;
        const nonzero = [...dx.data].flatMap((v, q) => (v !== 0 ? [q] : []));
        const field = cells(f.follow(neuronAt(3, i, out))[0], [2, 12, 12]);
        if (Pool === AvgPool2D) expect(nonzero).toEqual(field);
        else {
          expect(field).toEqual(expect.arrayContaining(nonzero));
          expect(nonzero.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
