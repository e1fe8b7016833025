// Random small architectures for property tests: conv / conv+pool / pooling layers of every kind,
// then Flatten, an optional hidden Dense and an output Dense (softmax for cross-entropy, sigmoid for
// the quadratic cost), on a random batch with one-hot targets.
import fc from 'fast-check';
import {
  AvgPool2D,
  Conv2D,
  ConvPool2D,
  Dense,
  Flatten,
  Layer,
  LossName,
  MaxPool2D,
  Sequential,
  Tensor,
  oneHot,
  randn,
  zeros,
} from '../../../kernel-lib/src';

export interface Stack {
  model: Sequential;
  x: Tensor;
  y: Tensor;
  loss: LossName;
  kinds: string[];
}

const activation = fc.constantFrom('sigmoid', 'tanh', 'relu', 'linear') as fc.Arbitrary<'sigmoid' | 'tanh' | 'relu' | 'linear'>;
const block = fc.record({
  kind: fc.constantFrom('conv', 'convStrided', 'convPool', 'maxPool', 'avgPool'),
  channels: fc.integer({ min: 1, max: 3 }),
  kernel: fc.integer({ min: 1, max: 3 }),
  activation,
  order: fc.constantFrom('standard', 'nielsen') as fc.Arbitrary<'standard' | 'nielsen'>,
  pool: fc.constantFrom('max', 'avg') as fc.Arbitrary<'max' | 'avg'>,
});

/** Up to three spatial blocks on inputs [n, c, 7..10, 7..10], then Flatten and Dense layers. */
export function stacks(): fc.Arbitrary<Stack> {
  return fc
    .record({
      blocks: fc.array(block, { minLength: 0, maxLength: 3 }),
      n: fc.integer({ min: 1, max: 2 }),
      c: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 7, max: 10 }),
      w: fc.integer({ min: 7, max: 10 }),
      hidden: fc.integer({ min: 0, max: 4 }),
      loss: fc.constantFrom('softmaxCrossEntropy', 'quadratic') as fc.Arbitrary<LossName>,
      seed: fc.integer({ min: 0, max: 1e5 }),
    })
    .map(({ blocks, n, c, h, w, hidden, loss, seed }) => {
      const layers: Layer[] = [];
      let shape = [n, c, h, w];
      let s = seed;
      for (const b of blocks) {
        const [, ch, hh, ww] = shape;
        const fits = (k: number) => k <= hh && k <= ww;
        let layer: Layer | null = null;
        const conv = { inChannels: ch, outChannels: b.channels, kernelSize: b.kernel, activation: b.activation, seed: s++ };
        if (b.kind === 'conv' && fits(b.kernel)) layer = new Conv2D(conv);
        if (b.kind === 'convStrided' && fits(b.kernel)) layer = new Conv2D({ ...conv, stride: 2, padding: 1 });
        if (b.kind === 'convPool' && hh - b.kernel + 1 >= 2 && ww - b.kernel + 1 >= 2)
          layer = new ConvPool2D({ ...conv, order: b.order, pool: b.pool });
        if (b.kind === 'maxPool' && hh >= 2 && ww >= 2) layer = new MaxPool2D();
        if (b.kind === 'avgPool' && hh >= 2 && ww >= 2) layer = new AvgPool2D();
        if (layer === null) continue;
        layers.push(layer);
        shape = [...layer.forward(zeros(shape)).shape];
      }
      const features = shape.slice(1).reduce((a, b) => a * b, 1);
      layers.push(new Flatten());
      let width = features;
      if (hidden > 0) {
        layers.push(new Dense({ inputs: width, outputs: hidden, activation: 'tanh', seed: s++ }));
        width = hidden;
      }
      layers.push(new Dense({ inputs: width, outputs: 3, activation: loss === 'softmaxCrossEntropy' ? 'softmax' : 'sigmoid', seed: s++ }));
      const labels = Array.from({ length: n }, (_, i) => (seed + i) % 3);
      return {
        model: new Sequential(layers),
        x: randn([n, c, h, w], seed + 7),
        y: oneHot(labels, 3),
        loss,
        kinds: layers.map((l) => l.name),
      };
    });
}
