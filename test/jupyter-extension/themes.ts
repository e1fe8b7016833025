import type { Theme } from '../../jupyter-extension/src/theme';

/** A light theme for figure builders tested without a page. */
export const light: Theme = { light: true, font: 'sans-serif', foreground: '#000', background: '#fff', grid: '#eee' };
