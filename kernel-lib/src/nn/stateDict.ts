import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { WeightLayout, checkLayout, fromLayout, shapeInLayout } from '../io/layout';
import { Dense } from './Dense';
import { Flatten } from './Flatten';
import type { Sequential } from './Sequential';

/**
 * A model's parameters by PyTorch's state_dict names: `${i}.weight` and `${i}.bias`, where i is the
 * layer's position in the Sequential (0-based; layers without parameters keep their index). The
 * tensors are copies in convlab's layout (conv [out, in, kh, kw], dense [out, in]), which is
 * PyTorch's. Note that a PyTorch nn.Sequential counts its ReLU/pooling modules too, so its indices
 * may differ: rename the keys when they do.
 *
 * @example
 * Object.keys(stateDict(net)); // ['0.weight', '0.bias', '2.weight', '2.bias', '3.weight', '3.bias']
 */
export function stateDict(model: Sequential): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [key, p] of namedParams('stateDict', model)) out[key] = new Tensor(p.value.shape, Float64Array.from(p.value.data));
  return out;
}

function namedParams(op: string, model: Sequential) {
  assert(
    typeof model === 'object' && model !== null && Array.isArray((model as Sequential).layers),
    () => `${op}: model must be a Sequential, got ${model === null ? 'null' : typeof model}`,
    TypeError,
  );
  return model.layers.flatMap((layer, i) => layer.params.map((p) => [`${i}.${p.name}`, p] as const));
}

/** Options of loadStateDict. */
export interface LoadStateDictOptions {
  /** The layout of the given tensors (see fromLayout). Default 'pytorch', convlab's own. */
  layout?: WeightLayout;
  /**
   * One example's input shape, e.g. [1, 28, 28]. Needed with 'tensorflow' when a Dense follows a
   * Flatten of [C, H, W] maps: Keras flattens channel-last ([H, W, C]), so that Dense's inputs are
   * reordered, ours[j][(c·H + h)·W + w] = keras[(h·W + w)·C + c][j].
   */
  inputShape?: readonly number[];
}

/**
 * Sets a model's parameters from tensors named as stateDict names them, converted with
 * fromLayout(t, layout). Every tensor is checked first — each name present, no unknown names, each
 * shape equal to the parameter's in the given layout, every value finite — and only then are the
 * values copied in, so a failed load leaves the model untouched. With 'tensorflow', a Dense after a
 * Flatten of maps also has its inputs reordered from Keras's channel-last order (see `inputShape`).
 *
 * @example
 * loadStateDict(net, readSafetensors('model.safetensors'));
 * loadStateDict(net, kerasWeights, { layout: 'tensorflow', inputShape: [1, 28, 28] });
 */
export function loadStateDict(model: Sequential, tensors: Record<string, Tensor>, options: LoadStateDictOptions = {}): void {
  const op = 'loadStateDict';
  const { layout = 'pytorch' } = options;
  checkLayout(op, layout);
  const params = namedParams(op, model);
  assert(
    typeof tensors === 'object' && tensors !== null,
    () => `${op}: tensors must be an object of Tensors, got ${String(tensors)}`,
    TypeError,
  );
  const expected = new Set<string>(params.map(([key]) => key));
  const missing = [...expected].filter((k) => !(k in tensors));
  const unknown = Object.keys(tensors).filter((k) => !expected.has(k));
  assert(
    missing.length === 0 && unknown.length === 0,
    () =>
      `${op}: the tensors' names must be the model's (${[...expected].join(', ')}), got ` +
      [missing.length > 0 ? `missing ${missing.join(', ')}` : '', unknown.length > 0 ? `unknown ${unknown.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
  );
  const converted = params.map(([key, p]) => {
    const t = tensors[key];
    assert(t instanceof Tensor, () => `${op}: ${JSON.stringify(key)} must be a Tensor, got ${typeof t}`, TypeError);
    const want = shapeInLayout(p.value.shape, layout);
    assert(
      fmtShape(t.shape) === fmtShape(want),
      () =>
        `${op}: ${JSON.stringify(key)} must have shape ${fmtShape(want)} in ${layout} layout (${fmtShape(p.value.shape)} in convlab's), got ${fmtShape(t.shape)}`,
    );
    const bad = t.data.findIndex((v) => !Number.isFinite(v));
    assert(bad < 0, () => `${op}: ${JSON.stringify(key)} must hold finite numbers, got ${t.data[bad]} at index ${bad}`);
    return [p, fromLayout(t, layout)] as const;
  });
  const reorder = layout === 'tensorflow' ? channelLastDense(op, model, options.inputShape) : new Map<unknown, number[]>();
  for (const [p, value] of converted) {
    const perm = reorder.get(p);
    if (perm === undefined) p.value.data.set(value.data);
    else {
      const [outputs, inputs] = p.value.shape;
      for (let j = 0; j < outputs; j++) for (let k = 0; k < inputs; k++) p.value.data[j * inputs + k] = value.data[j * inputs + perm[k]];
    }
  }
}

/**
 * For each Dense weight fed by a Flatten of [C, H, W] maps (H·W > 1): perm[k] = the Keras input
 * index (h·W + w)·C + c of our input k = (c·H + h)·W + w. Shapes come from a forward pass on zeros.
 */
function channelLastDense(op: string, model: Sequential, inputShape: readonly number[] | undefined): Map<unknown, number[]> {
  const out = new Map<unknown, number[]>();
  const flattens = model.layers.some((l, i) => l instanceof Flatten && model.layers[i + 1] instanceof Dense);
  if (!flattens) return out;
  assert(
    Array.isArray(inputShape) && inputShape.every((d) => Number.isInteger(d) && d > 0),
    () =>
      `${op}: layout 'tensorflow' flattens maps channel-last, so a Dense after Flatten needs { inputShape } (one example's shape, e.g. [1, 28, 28]) to reorder its inputs, got ${inputShape === undefined ? 'none' : fmtShape(inputShape)}`,
    TypeError,
  );
  let a = new Tensor([1, ...inputShape], new Float64Array(inputShape.reduce((x, y) => x * y, 1)));
  model.layers.forEach((layer, i) => {
    const next = model.layers[i + 1];
    if (layer instanceof Flatten && next instanceof Dense && a.rank === 4) {
      const [, c, h, w] = a.shape;
      const perm = new Array<number>(c * h * w);
      for (let ch = 0; ch < c; ch++)
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) perm[(ch * h + y) * w + x] = (y * w + x) * c + ch;
      out.set(next.weight, perm);
    }
    a = layer.forward(a);
  });
  return out;
}
