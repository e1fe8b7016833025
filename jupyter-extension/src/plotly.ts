export type Plotly = typeof import('plotly.js-cartesian-dist-min');

let loading: Promise<Plotly> | undefined;

/**
 * plotly.js (cartesian bundle, 1.4 MB) is fetched on the first render only, then shared by every
 * view: notebooks without convlab outputs never pay for it.
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-cartesian-dist-min').then((module) => {
    const candidate = module as Plotly & { default?: Plotly };
    return candidate.default ?? candidate;
  });
  return loading;
}
