import type { Tensor } from '../tensor';
import { matrixBundle } from './bundle';
import { emit, kernelWriter, type EmitOptions } from './channel';

export interface ShowOptions extends EmitOptions {
  /** Caption of the view; defaults to the tensor's shape. */
  title?: string;
}

/**
 * Displays a tensor as a heatmap in the notebook: one display_data message with convlab's view and
 * PNG, HTML and text fallbacks. Outside a kernel it prints the text fallback.
 *
 * @example
 * show(randn([5, 5], 1), { title: 'kernel' });
 */
export function show(t: Tensor, options: ShowOptions = {}): void {
  emit(matrixBundle(t, options.title ?? `Tensor [${t.shape.join(',')}]`), options);
}

/**
 * What `console.log(tensor)`, and so tslab's echo of a cell's last expression, prints: inside a
 * kernel the tensor is also displayed as a view, and the returned line stands for it in the text
 * stream; elsewhere the line carries the values.
 */
export function inspectTensor(t: Tensor): string {
  const line = `Tensor [${t.shape.join(',')}]`;
  const writer = kernelWriter();
  const drawable = t.size > 0 && t.shape.filter((d) => d > 1).length <= 2;
  if (!writer || !drawable) return `${line} ${JSON.stringify(t.toArray())}`;
  emit(matrixBundle(t, line), {}, writer);
  return line;
}
