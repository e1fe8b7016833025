import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Conv2D,
  Dense,
  Flatten,
  Sequential,
  loadStateDict,
  readNpy,
  readSafetensors,
  randn,
  writeNpy,
  writeSafetensors,
} from '../../../kernel-lib/src';
import { python, scratch } from './python';

// Weights written by SciPy's side (safetensors + NumPy, test/python/convlab_io.py), read and run here.
const net = () =>
  new Sequential([
    new Conv2D({ inChannels: 1, outChannels: 3, kernelSize: [3, 4], activation: 'linear' }),
    new Flatten(),
    new Dense({ inputs: 3 * 6 * 6, outputs: 2, activation: 'linear' }),
  ]);

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('weights written by Python (safetensors, NumPy), read and run by convlab', () => {
  let dir: string;
  beforeAll(async () => {
    dir = scratch();
    await python('write-weights', dir);
  });

  it.each([
    ['pytorch-f64.safetensors', 'pytorch', 1e-12],
    ['pytorch.safetensors', 'pytorch', 1e-5],
    ['pytorch-f16.safetensors', 'pytorch', 5e-2],
    ['tensorflow.safetensors', 'tensorflow', 1e-12],
    ['theano.safetensors', 'theano', 1e-12],
  ] as const)("%s (%s layout): the conv layer's maps equal SciPy's correlate2d + b, the outputs NumPy's", (file, layout, tol) => {
    const model = net();
    loadStateDict(model, readSafetensors(join(dir, file)), { layout, inputShape: [1, 8, 9] });
    const x = readNpy(join(dir, 'x.npy'));
    expect(maxDiff(model.layers[0].forward(x).data, readNpy(join(dir, 'conv.npy')).data)).toBeLessThanOrEqual(tol);
    expect(maxDiff(model.forward(x).data, readNpy(join(dir, 'out.npy')).data)).toBeLessThanOrEqual(tol * 30);
  });

  it('refuses Keras weights for a Dense after Flatten without inputShape (Keras flattens channel-last)', () => {
    expect(() => loadStateDict(net(), readSafetensors(join(dir, 'tensorflow.safetensors')), { layout: 'tensorflow' })).toThrow(
      "loadStateDict: layout 'tensorflow' flattens maps channel-last, so a Dense after Flatten needs { inputShape } (one example's shape, e.g. [1, 28, 28]) to reorder its inputs, got none",
    );
  });

  it('reads .npy in C and Fortran order equal to the safetensors weights', () => {
    const w = readSafetensors(join(dir, 'pytorch-f64.safetensors'))['0.weight'];
    const fortran = readNpy(join(dir, 'conv-weight-fortran.npy'));
    expect(fortran.shape).toEqual([3, 1, 3, 4]);
    expect(fortran.data).toEqual(w.data);
    expect(Array.from(readNpy(join(dir, 'conv-weight.npy')).data)).toEqual(Array.from(w.data, Math.fround));
  });
});

describe("convlab's exports, read by Python (safetensors.numpy, numpy.load)", () => {
  it('safetensors in float64, float32 and float16, and .npy, with their shapes and values', async () => {
    const dir = scratch();
    const tensors = { '0.weight': randn([2, 1, 3, 3], 1), '0.bias': randn([2], 2) };
    const files = {
      f64: join(dir, 'f64.safetensors'),
      f32: join(dir, 'f32.safetensors'),
      f16: join(dir, 'f16.safetensors'),
      npy: join(dir, 'w.npy'),
      npy32: join(dir, 'w32.npy'),
    };
    writeSafetensors(files.f64, tensors, { dtype: 'float64', metadata: { producer: 'convlab' } });
    writeSafetensors(files.f32, tensors);
    writeSafetensors(files.f16, tensors, { dtype: 'float16' });
    writeNpy(files.npy, tensors['0.weight']);
    writeNpy(files.npy32, tensors['0.weight'], { dtype: 'float32' });
    type Read = Record<string, Record<string, { dtype: string; shape: number[]; values: number[] }>>;
    const read = await python<Read>('read', ...Object.values(files));
    expect(read[files.f64]['0.weight']).toEqual({ dtype: 'float64', shape: [2, 1, 3, 3], values: Array.from(tensors['0.weight'].data) });
    expect(read[files.f32]['0.bias']).toEqual({ dtype: 'float32', shape: [2], values: Array.from(tensors['0.bias'].data, Math.fround) });
    expect(read[files.f16]['0.weight'].dtype).toBe('float16');
    expect(maxDiff(read[files.f16]['0.weight'].values, tensors['0.weight'].data)).toBeLessThanOrEqual(2e-3);
    expect(read[files.npy]['']).toEqual({ dtype: 'float64', shape: [2, 1, 3, 3], values: Array.from(tensors['0.weight'].data) });
    expect(read[files.npy32][''].values).toEqual(Array.from(tensors['0.weight'].data, Math.fround));
  });
});
