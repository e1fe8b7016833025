import { type IndexBase, type Payload, type Plane, type ValueLabels, differences, formatValue, indexBaseOf, rotated, writesValues } from '../contract';
import { escapeHtml } from './html';

/** One matrix whose values the view writes into its cells, and so the HTML fallback lists. */
export interface ValueTable {
  title: string;
  plane: Plane;
}

/**
 * The panels of a view whose values are written into the cells of the interactive plot (the same
 * rule, `writesValues`): the HTML fallback lists them in tables under its picture, since the PNG
 * carries no text.
 */
export function valueTables(p: Payload): ValueTable[] {
  const dims = (plane: Plane): string => plane.shape.join('x');
  const panels = (list: Array<[string, Plane]>, values: ValueLabels = 'auto'): ValueTable[] =>
    list.filter(([, plane]) => writesValues(plane, values)).map(([title, plane]) => ({ title: `${title} (${dims(plane)})`, plane }));
  switch (p.kind) {
    case 'matrix':
    case 'signed':
      return panels([[p.title, p]], p.values);
    case 'kernel': {
      const bias = p.bias === undefined || p.values === 'hide' ? '' : `, bias b = ${formatValue(p.bias)}`;
      return panels([[p.symbol, p]], p.values).map((t) => ({ ...t, title: t.title + bias }));
    }
    case 'conv':
      return panels([['input x', p.input], ['kernel w', p.kernel], ['output a', p.output]]);
    case 'conv-backward':
      return panels([['δˡ⁺¹', p.delta], ['rot180(w)', rotated(p.kernel)], ['δˡ', p.output]]);
    case 'pool':
      return panels([['input x', p.input], [`${p.mode} pooled y`, p.output]], p.values);
    case 'pool-backward':
      return panels([['input x', p.input], ['δˡ⁺¹', p.delta], ['δˡ', p.output]], p.values);
    case 'compare': {
      const { diffs } = differences(p);
      const items = p.items.map((it): [string, Plane] => [it.label, { shape: p.shape, data: it.data }]);
      const diffPlanes = diffs.map((d, i): [string, Plane] => [`${p.items[i + 1].label} − ${p.items[0].label}`, { shape: p.shape, data: d }]);
      return panels([...items, ...diffPlanes]);
    }
    case 'grid':
    case 'live':
      return [];
  }
}

function tableHtml({ title, plane }: ValueTable, base: IndexBase): string {
  const [rows, cols] = plane.shape;
  const head = Array.from({ length: cols }, (_, c) => `<th>${c + base}</th>`).join('');
  const body = Array.from({ length: rows }, (_, r) => {
    const cells = Array.from({ length: cols }, (_, c) => `<td>${escapeHtml(formatValue(plane.data[r * cols + c]))}</td>`).join('');
    return `<tr><th>${r + base}</th>${cells}</tr>`;
  }).join('');
  return (
    `<table class="convlab-values" style="font-family:monospace;font-size:12px;text-align:right;margin:0">` +
    `<caption style="text-align:left">${escapeHtml(title)}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}

/** The value tables of a view as escaped HTML, side by side (empty when it writes no values). */
export function valueTablesHtml(p: Payload): string {
  const tables = valueTables(p);
  if (tables.length === 0) return '';
  const base = indexBaseOf(p);
  return `<div class="convlab-values" style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin-top:4px">${tables.map((t) => tableHtml(t, base)).join('')}</div>`;
}
