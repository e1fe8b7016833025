import type { ColourScale } from '../contract';
import { type Tensor, setTensorDisplay } from '../tensor';
import { type MimeBundle, payloadBundle, wireBundle } from './bundle';
import { emit, kernelWriter, type EmitOptions } from './channel';
import { type MatrixViewOptions, gridPayload, matrixPayload } from './payloads';
import { squeezeLeading } from './tensors';

export interface ShowOptions extends EmitOptions, MatrixViewOptions {
  /** Colours: 'auto' (default) is diverging, centred at zero, when the data has both signs, else viridis. */
  scale?: 'auto' | ColourScale;
  /** Feature maps (rank 3 or 4): 'shared' (default) colour range, or 'per-map'. */
  mapScale?: 'shared' | 'per-map';
  /** Feature maps: panels per row (default: as many as fit the output's width). */
  columns?: number;
}

function showPayload(t: Tensor, options: ShowOptions) {
  const rank = squeezeLeading(t.shape, 2).length;
  if (rank <= 2) return matrixPayload('show', t, options);
  return gridPayload('show', t, {
    title: options.title,
    scale: options.mapScale,
    colours: options.scale,
    columns: options.columns,
    indexBase: options.indexBase,
  });
}

/**
 * Displays a tensor in the notebook: a matrix (rank ≤ 2 once leading axes of size 1 are dropped) as
 * a heatmap, feature maps [c, h, w] or [n, c, h, w] as a grid of small multiples. One display_data
 * message carries convlab's view and PNG, HTML and text fallbacks; outside a kernel the text is
 * printed. Maps larger than 256x256 are downsampled (block means), with a visible notice. Rows and
 * columns are numbered from 1, as in every view (`indexBase: 0` numbers them as code indexes them).
 *
 * @example
 * cl.show(cl.randn([5, 5], 1), { title: 'a kernel' });
 * cl.show(cl.randn([5, 5], 1), { title: 'indexed as in code: row 0 first', indexBase: 0 });
 * cl.show(featureMaps, { title: '20 channels', mapScale: 'per-map' });
 */
export function show(t: Tensor, options: ShowOptions = {}): void {
  emit(payloadBundle(showPayload(t, options)), options);
}

/** The values as nested arrays, NaN and ±Infinity written out (JSON would print null). */
const valuesText = (t: Tensor): string =>
  JSON.stringify(t.toArray(), (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).replace(
    /"(NaN|-?Infinity)"/g,
    '$1',
  );
const drawable = (t: Tensor): boolean => t.size > 0 && squeezeLeading(t.shape, 2).length <= 4 && t.data.every(Number.isFinite);

/**
 * What `console.log(tensor)`, and so tslab's echo of a cell's last expression, prints: inside a
 * kernel the tensor is also displayed as a view, and the returned line stands for it in the text
 * stream; elsewhere the line carries the values.
 */
export function inspectTensor(t: Tensor): string {
  const line = `Tensor [${t.shape.join(',')}]`;
  const writer = kernelWriter();
  if (!writer || !drawable(t)) return `${line} ${valuesText(t)}`;
  emit(payloadBundle(showPayload(t, { title: line })), {}, writer);
  return line;
}

/**
 * The bundle of a tensor that is a cell's last value in Deno (its `Symbol.for('Jupyter.display')`):
 * the view `show` sends, or the values as text when they cannot be drawn (empty, rank > 4, NaN).
 */
export function tensorBundle(t: Tensor): MimeBundle {
  const line = `Tensor [${t.shape.join(',')}]`;
  return drawable(t) ? payloadBundle(showPayload(t, { title: line })) : { 'text/plain': `${line} ${valuesText(t)}` };
}

setTensorDisplay({ inspect: inspectTensor, bundle: (t) => wireBundle(tensorBundle(t)) });
