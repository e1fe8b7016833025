import { assert, fmtShape } from '../assert';
import { Tensor } from '../tensor';
import { WeightLayout, checkLayout, fromLayout, shapeInLayout } from '../io/layout';
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
}

/**
 * Sets a model's parameters from tensors named as stateDict names them, converted with
 * fromLayout(t, layout). Every tensor is checked first — each name present, no unknown names, each
 * shape equal to the parameter's in the given layout, every value finite — and only then are the
 * values copied in, so a failed load leaves the model untouched.
 *
 * @example
 * loadStateDict(net, readSafetensors('model.safetensors'));
 * loadStateDict(net, kerasWeights, { layout: 'tensorflow' });
 */
export function loadStateDict(model: Sequential, tensors: Record<string, Tensor>, options: LoadStateDictOptions = {}): void {
  const op = 'loadStateDict';
  const { layout = 'pytorch' } = options;
  checkLayout(op, layout);
  const params = namedParams(op, model);
  assert(typeof tensors === 'object' && tensors !== null, () => `${op}: tensors must be an object of Tensors, got ${String(tensors)}`, TypeError);
  const expected = new Set<string>(params.map(([key]) => key));
  const missing = [...expected].filter((k) => !(k in tensors));
  const unknown = Object.keys(tensors).filter((k) => !expected.has(k));
  assert(
    missing.length === 0 && unknown.length === 0,
    () =>
      `${op}: the tensors' names must be the model's (${[...expected].join(', ')}), got ` +
      [missing.length > 0 ? `missing ${missing.join(', ')}` : '', unknown.length > 0 ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; '),
  );
  const converted = params.map(([key, p]) => {
    const t = tensors[key];
    assert(t instanceof Tensor, () => `${op}: ${JSON.stringify(key)} must be a Tensor, got ${typeof t}`, TypeError);
    const want = shapeInLayout(p.value.shape, layout);
    assert(
      fmtShape(t.shape) === fmtShape(want),
      () => `${op}: ${JSON.stringify(key)} must have shape ${fmtShape(want)} in ${layout} layout (${fmtShape(p.value.shape)} in convlab's), got ${fmtShape(t.shape)}`,
    );
    const bad = t.data.findIndex((v) => !Number.isFinite(v));
    assert(bad < 0, () => `${op}: ${JSON.stringify(key)} must hold finite numbers, got ${t.data[bad]} at index ${bad}`);
    return [p, fromLayout(t, layout)] as const;
  });
  for (const [p, value] of converted) p.value.data.set(value.data);
}
