import { type Frame, type Label, type Panel, type Scene, colourStops, formatValue } from 'convlab/view';
import type { Config, Layout, Trace } from 'plotly.js-cartesian-dist-min';
import type { Figure, Linking, Shape } from './figureTypes';
import type { Theme } from './theme';

/**
 * The plotly backend: paints a view model Scene. Every panel and plot gets axes whose domains are
 * its pixel box, so cells are exactly the scene's; frames, rules and boxes become layout shapes,
 * rings marker traces, labels annotations. Hover names come from the scene; colours from its scales.
 */

/** Plotly interprets a subset of HTML in text; escaping makes every payload string display as the literal text it is. */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Config of every view: no mode bar, no zoom by scrolling; hover stays. */
export const CONFIG: Config = { displaylogo: false, displayModeBar: false, responsive: false, scrollZoom: false };

const XANCHOR = { start: 'left', middle: 'center', end: 'right' } as const;

const axisId = (i: number): string => (i === 0 ? '' : String(i + 1));
const rowsOf = <T>(values: T[], cols: number): T[][] =>
  Array.from({ length: values.length / cols }, (_, r) => values.slice(r * cols, (r + 1) * cols));
const numbered = (n: number, base: number): number[] => Array.from({ length: n }, (_, i) => i + base);

function annotation(l: Label, s: Scene, theme: Theme): Record<string, unknown> {
  const colour = l.tone === 'notice' ? '#8a5a00' : theme.foreground;
  return {
    text: plotlyText(l.text),
    ...(l.full ? { hovertext: plotlyText(l.full) } : {}),
    showarrow: false,
    xref: 'paper',
    yref: 'paper',
    x: l.x / s.width,
    y: 1 - (l.y + 4) / s.height,
    xanchor: XANCHOR[l.anchor],
    yanchor: 'bottom',
    font: { size: l.size, color: colour },
  };
}

function heatmap(p: Panel, i: number, s: Scene, theme: Theme): Trace {
  const id = axisId(i);
  const bar = s.bars.find((b) => b.scale === p.scale && s.panels.find((q) => q.scale === b.scale) === p);
  const hover = p.names
    ? {
        customdata: rowsOf(
          p.names.map((n, k) =>
            p.shade === p.values ? plotlyText(n) : `${plotlyText(n)}: ${p.values[k] === null ? '' : formatValue(p.values[k] as number)}`,
          ),
          p.cols,
        ),
        hovertemplate: p.shade === p.values ? '%{customdata} = %{z}<extra></extra>' : '%{customdata}<extra></extra>',
      }
    : { hovertemplate: p.symbol ? `${plotlyText(p.symbol)}(%{y},%{x}) = %{z}<extra></extra>` : 'row %{y}, col %{x}: %{z}<extra></extra>' };
  return {
    type: 'heatmap',
    z: rowsOf(p.shade, p.cols),
    x: numbered(p.cols, p.colBase),
    y: numbered(p.rows, p.rowBase),
    xaxis: `x${id}`,
    yaxis: `y${id}`,
    colorscale: colourStops(p.scale.kind),
    zmin: p.scale.min,
    zmax: p.scale.max,
    hoverongaps: false,
    ...hover,
    ...(p.labels ? { text: rowsOf(p.labels.text, p.cols), texttemplate: '%{text}', textfont: { size: p.labels.size } } : {}),
    ...(bar
      ? {
          showscale: true,
          colorbar: {
            thickness: bar.width,
            len: bar.height / s.height,
            lenmode: 'fraction',
            x: bar.x / s.width,
            xanchor: 'left',
            xpad: 0,
            y: 1 - bar.y / s.height,
            yanchor: 'top',
            outlinewidth: 0,
            tickfont: { size: 10, color: theme.foreground },
          },
        }
      : { showscale: false }),
  };
}

function panelAxes(layout: Layout, p: Panel, i: number, s: Scene, theme: Theme): void {
  const id = axisId(i);
  const common = {
    showgrid: false,
    zeroline: false,
    showline: false,
    ticks: '',
    fixedrange: true,
    tickfont: { size: 10 },
    color: theme.foreground,
    tickmode: 'array',
  };
  layout[`xaxis${id}`] = {
    ...common,
    tickvals: p.ticks.cols,
    showticklabels: p.ticks.cols.length > 0,
    anchor: `y${id}`,
    domain: [p.x / s.width, (p.x + p.cols * p.cell) / s.width],
    range: [p.colBase - 0.5, p.colBase + p.cols - 0.5],
  };
  layout[`yaxis${id}`] = {
    ...common,
    tickvals: p.ticks.rows,
    showticklabels: p.ticks.rows.length > 0,
    anchor: `x${id}`,
    domain: [1 - (p.y + p.rows * p.cell) / s.height, 1 - p.y / s.height],
    range: [p.rowBase + p.rows - 0.5, p.rowBase - 0.5],
  };
}

/** A frame as shapes in its panel's data coordinates: 'focus' dark with a light one inside. */
function frameShapes(f: Frame, s: Scene, theme: Theme): Shape[] {
  const p = s.panels[f.panel];
  const id = axisId(f.panel);
  const rect = (style: Record<string, unknown>): Shape => ({
    type: 'rect',
    xref: `x${id}`,
    yref: `y${id}`,
    layer: 'above',
    x0: f.c0 + p.colBase - 0.5,
    x1: f.c1 + p.colBase + 0.5,
    y0: f.r0 + p.rowBase - 0.5,
    y1: f.r1 + p.rowBase + 0.5,
    ...style,
  });
  if (f.style === 'grey') return [rect({ fillcolor: 'rgba(128,128,128,0.75)', line: { width: 0 } })];
  if (f.style === 'dotted') return [rect({ line: { color: theme.foreground, width: 1, dash: 'dot' } })];
  return [rect({ line: { color: '#000000', width: 5 } }), rect({ line: { color: '#ffffff', width: 2 } })];
}

/** The shapes that stay: tiling rules, fixed frames, boxes (the progress bar). */
function fixedShapes(s: Scene, theme: Theme): Shape[] {
  const rules = s.rules.map((r): Shape => {
    const p = s.panels[r.panel];
    const id = axisId(r.panel);
    return {
      type: 'line',
      xref: `x${id}`,
      yref: `y${id}`,
      x0: r.c0 + p.colBase - 0.5,
      x1: r.c1 + p.colBase - 0.5,
      y0: r.r0 + p.rowBase - 0.5,
      y1: r.r1 + p.rowBase - 0.5,
      line: { color: theme.foreground, width: 2 },
      layer: 'above',
    };
  });
  const boxes = s.boxes.map((b): Shape => ({
    type: 'rect',
    xref: 'paper',
    yref: 'paper',
    x0: b.x / s.width,
    x1: (b.x + b.width) / s.width,
    y0: 1 - (b.y + b.height) / s.height,
    y1: 1 - b.y / s.height,
    fillcolor: b.fill,
    line: { width: 0 },
    layer: 'below',
  }));
  return [...rules, ...s.frames.flatMap((f) => frameShapes(f, s, theme)), ...boxes];
}

/** A ring in each marked cell: a dark circle with a light one inside, touching the cell's edges. */
function ringTraces(s: Scene): Trace[] {
  const out: Trace[] = [];
  s.panels.forEach((p, i) => {
    const rings = s.rings.filter((g) => g.panel === i);
    if (rings.length === 0) return;
    const id = axisId(i);
    const at = { x: rings.map((g) => g.c + p.colBase), y: rings.map((g) => g.r + p.rowBase) };
    const [dark, light] = p.cell >= 20 ? [2.5, 1.5] : [1.5, 1];
    const outer = Math.max(2, p.cell - dark);
    const ring = (size: number, color: string, width: number): Trace => ({
      type: 'scatter',
      mode: 'markers',
      xaxis: `x${id}`,
      yaxis: `y${id}`,
      hoverinfo: 'skip',
      ...at,
      marker: { symbol: 'circle-open', size, color, line: { color, width } },
    });
    out.push(ring(outer, '#000000', dark), ring(Math.max(1, outer - dark - light), '#ffffff', light));
  });
  return out;
}

function plots(layout: Layout, s: Scene, theme: Theme): Trace[] {
  const first = s.panels.length;
  s.plots.forEach((pl, k) => {
    const id = axisId(first + k);
    const axis = {
      color: theme.foreground,
      gridcolor: theme.grid,
      zeroline: false,
      fixedrange: true,
      tickfont: { size: 10 },
      tickmode: 'array',
    };
    layout[`xaxis${id}`] = {
      ...axis,
      showgrid: false,
      tickvals: pl.xTicks,
      anchor: `y${id}`,
      domain: [pl.x / s.width, (pl.x + pl.width) / s.width],
      range: pl.xRange,
      title: { text: plotlyText(pl.xLabel), font: { size: 10 }, standoff: 4 },
    };
    layout[`yaxis${id}`] = {
      ...axis,
      tickvals: pl.yTicks,
      anchor: `x${id}`,
      domain: [1 - (pl.y + pl.height) / s.height, 1 - pl.y / s.height],
      range: pl.yRange,
    };
  });
  return s.curves.map((c): Trace => {
    const id = axisId(first + c.plot);
    return {
      type: 'scatter',
      mode: c.dots ? 'lines+markers' : 'lines',
      name: plotlyText(c.legend),
      legendgroup: c.legend,
      showlegend: c.showLegend,
      x: c.ys.map((_, i) => i + 1),
      y: c.ys,
      xaxis: `x${id}`,
      yaxis: `y${id}`,
      line: { color: c.colour, width: 2, dash: c.dashed ? 'dash' : 'solid' },
      marker: { color: c.colour, size: 5 },
      hovertemplate: `${plotlyText(c.name)}, ${plotlyText(s.plots[c.plot].xLabel)} %{x}: %{y}<extra></extra>`,
    };
  });
}

function linkingOf(s: Scene, theme: Theme, fixed: Shape[]): Linking | undefined {
  const link = s.linking;
  if (!link) return undefined;
  return {
    count: link.count,
    initial: link.position,
    noun: link.noun,
    ...(link.columns ? { columns: link.columns } : {}),
    positionAt(curve, x, y) {
      const p = s.panels[curve];
      return p ? link.positionAt(curve, Math.round(y) - p.rowBase, Math.round(x) - p.colBase) : undefined;
    },
    focus(position) {
      const f = link.focus(position);
      return { shapes: [...fixed, ...f.frames.flatMap((fr) => frameShapes(fr, s, theme))], caption: f.sum.join('\n'), label: f.label };
    },
  };
}

/**
 * The plotly figure of a scene in the theme's colours: heatmap traces first, in panel order (so a
 * hover's curve number is its panel), then rings and curves.
 */
export function sceneFigure(s: Scene, theme: Theme): Figure {
  const layout: Layout = {
    width: s.width,
    height: s.height,
    margin: { l: 0, r: 0, t: 0, b: 0 },
    paper_bgcolor: theme.background,
    plot_bgcolor: theme.background,
    font: { family: theme.font, color: theme.foreground, size: 11 },
    hoverlabel: { font: { family: theme.font } },
    showlegend: Boolean(s.legend),
    // The title as plotly's own (its lines joined), the other labels as annotations.
    title: {
      text: s.labels
        .filter((l) => l.tone === 'title')
        .map((l) => plotlyText(l.text))
        .join('<br>'),
      font: { size: 14 },
      x: 0,
      xanchor: 'left',
      xref: 'paper',
      y: 1,
      yref: 'container',
      yanchor: 'top',
      pad: { t: 6, l: 8 },
    },
    annotations: s.labels.filter((l) => l.tone !== 'title').map((l) => annotation(l, s, theme)),
  };
  if (s.legend)
    layout.legend = {
      orientation: 'h',
      x: s.legend.x / s.width,
      xanchor: 'right',
      y: 1 - s.legend.y / s.height,
      yanchor: 'top',
      font: { size: 11 },
      bgcolor: 'rgba(0,0,0,0)',
    };
  s.panels.forEach((p, i) => panelAxes(layout, p, i, s, theme));
  const data: Trace[] = [...s.panels.map((p, i) => heatmap(p, i, s, theme)), ...ringTraces(s), ...plots(layout, s, theme)];
  const fixed = fixedShapes(s, theme);
  const linking = linkingOf(s, theme, fixed);
  layout.shapes = linking ? linking.focus(linking.initial).shapes : fixed;
  return { data, layout, config: CONFIG, label: s.alt, ...(linking ? { linking } : {}), ...(s.stepping ? { stepping: s.stepping } : {}) };
}
