import { MIME_TYPE } from 'convlab/contract';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TensorView } from './widget';

export { MIME_TYPE };
export { TensorView } from './widget';
export { buildFigure } from './figure';

/** Creates convlab views. Rank 0 puts it ahead of the built-in HTML (50) and image (90) renderers. */
export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [MIME_TYPE],
  defaultRank: 0,
  createRenderer: (options) => new TensorView(options),
};

const extension: IRenderMime.IExtension = {
  id: 'convlab-jupyterlab:tensor',
  description: 'Draws convlab views (kernels, δ, feature maps, linked convolution and pooling, comparisons, live training) with plotly.js',
  rendererFactory,
  rank: 0,
  dataType: 'json',
};

export default extension;
