import { MIME_TYPE, unpackPayload } from '../../../kernel-lib/src';
import type { Notebook, NotebookOutput } from './notebook';

/**
 * What one code cell of an executed notebook claims, in a form two kernels can be compared on:
 * its printed lines (stdout, and a last value shown as text) and its convlab views.
 */
export interface CellClaims {
  /** Printed lines: stdout (where tslab also echoes a cell's last value). */
  text: string[];
  /** A last value shown as text by Deno (an execute_result that is not a view). */
  result: string[];
  views: Array<{ kind: string; title: string; numbers: number[]; strings: string[] }>;
}

/** The first line of a cell whose output is measured times (see notebook 12). */
export const MEASURED = '// measured times: not a claim';

const plain = (value: unknown): string => (Array.isArray(value) ? value.join('') : String(value ?? '')).replace(/\u001b\[[0-9;]*m/g, '');

/**
 * Masks what is not a claim: durations ("2.1 s", "830 ms"), and round-off residues (numbers
 * written as d.dde-N with N ≥ 6, such as "max |Δ| = 2.22e-15"): their last digits come from the
 * engine's Math.exp/log/sin (V8 in Node 20 and V8 in Deno differ in the last ulp), and the
 * notebooks assert them against bounds, not values.
 */
export function maskIncidentals(line: string): string {
  return (
    line
      .replace(/\b\d+(\.\d+)? ?(ms|s)\b/g, '<time>')
      .replace(/-?\b\d(\.\d+)?e-(\d+)\b/g, (m, _f, e: string) => (Number(e) >= 6 ? '<residue>' : m))
      // A table pads its columns to the widest value: a residue of another length moves the spaces.
      .replace(/ {2,}/g, '  ')
  );
}

function leaves(value: unknown, numbers: number[], strings: string[]): void {
  if (typeof value === 'number') numbers.push(value);
  else if (typeof value === 'string') strings.push(maskIncidentals(value));
  else if (Array.isArray(value)) for (const v of value) leaves(v, numbers, strings);
  else if (value && typeof value === 'object')
    for (const key of Object.keys(value).sort()) leaves((value as Record<string, unknown>)[key], numbers, strings);
}

/** A view's numbers (unpacked from their wire form: the kernels may differ in a last bit) and strings. */
function view(wire: unknown): CellClaims['views'][number] {
  const payload = unpackPayload(wire);
  const numbers: number[] = [];
  const strings: string[] = [];
  leaves(payload, numbers, strings);
  const p = payload as { kind?: string; title?: string };
  return { kind: String(p.kind), title: String(p.title ?? ''), numbers, strings };
}

/**
 * The claims of every code cell. A tensor as a cell's last value is a view in both kernels; tslab
 * also echoes its title ("Tensor [5,5]") on stdout, which is dropped here.
 */
export function notebookClaims(notebook: Notebook): CellClaims[] {
  return notebook.cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => {
      // A cell that measures times says so in its first line; it must run in both kernels, and
      // what it prints and draws from those times is not compared.
      const source = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
      if (source.startsWith(MEASURED)) return { text: [], result: [], views: [] };
      const outputs: NotebookOutput[] = cell.outputs ?? [];
      const views = outputs.filter((o) => o.data && MIME_TYPE in o.data).map((o) => view(o.data![MIME_TYPE]));
      const titles = new Set(views.map((v) => v.title));
      const lines = (keep: (o: NotebookOutput) => unknown, of: (o: NotebookOutput) => unknown) =>
        outputs
          .filter(keep)
          .flatMap((o) => plain(of(o)).split('\n'))
          .filter((line) => line !== '' && !(/^Tensor \[[\d,]*\]$/.test(line) && titles.has(line)))
          .map(maskIncidentals);
      return {
        text: lines(
          (o) => o.output_type === 'stream' && o.name === 'stdout',
          (o) => o.text,
        ),
        result: lines(
          (o) => o.output_type === 'execute_result' && o.data && !(MIME_TYPE in o.data),
          (o) => o.data!['text/plain'],
        ),
        views,
      };
    });
}

/**
 * The printed lines with the last value shown as text, where the other kernel printed that value
 * too: tslab echoes a last expression on stdout; Deno also shows the completion value of a cell
 * ending in a statement (a loop's last `n++`), which tslab does not show and which is no claim.
 */
function printed(cell: CellClaims, other: CellClaims): string[] {
  const tail = other.text.slice(other.text.length - cell.result.length);
  return cell.result.length > 0 && tail.join('\n') === cell.result.join('\n') ? [...cell.text, ...cell.result] : cell.text;
}

/**
 * Where two runs' claims differ, as readable lines (empty when they agree): printed lines must be
 * equal once incidentals are masked; views must have the same kinds, titles and strings, and
 * numbers equal within 1e-6 relative (the engines' last-ulp differences, grown through training).
 */
export function claimDifferences(a: CellClaims[], b: CellClaims[], names: [string, string]): string[] {
  const out: string[] = [];
  if (a.length !== b.length) return [`${a.length} code cells in ${names[0]}, ${b.length} in ${names[1]}`];
  a.forEach((ca, i) => {
    const cb = b[i];
    const [ta, tb] = [printed(ca, cb), printed(cb, ca)];
    for (let l = 0; l < Math.max(ta.length, tb.length); l++) {
      if (ta[l] !== tb[l]) out.push(`cell ${i + 1}, line ${l + 1}:\n  ${names[0]}: ${ta[l]}\n  ${names[1]}: ${tb[l]}`);
    }
    if (ca.views.length !== cb.views.length)
      out.push(`cell ${i + 1}: ${ca.views.length} views in ${names[0]}, ${cb.views.length} in ${names[1]}`);
    ca.views.forEach((va, v) => {
      const vb = cb.views[v];
      if (!vb) return;
      const where = `cell ${i + 1}, view ${v + 1} (${va.kind} "${va.title}")`;
      if (va.kind !== vb.kind || va.title !== vb.title) out.push(`${where}: is ${vb.kind} "${vb.title}" in ${names[1]}`);
      if (va.strings.join('\u0000') !== vb.strings.join('\u0000')) out.push(`${where}: its texts differ`);
      if (va.numbers.length !== vb.numbers.length) out.push(`${where}: ${va.numbers.length} numbers vs ${vb.numbers.length}`);
      const worst = va.numbers.reduce((m, x, k) => {
        const y = vb.numbers[k];
        const off = Number.isNaN(x) && Number.isNaN(y) ? 0 : Math.abs(x - y) / Math.max(1, Math.abs(x), Math.abs(y));
        return Number.isNaN(off) ? Infinity : Math.max(m, off);
      }, 0);
      if (worst > 1e-6) out.push(`${where}: numbers differ by up to ${worst.toExponential(2)} (relative)`);
    });
  });
  return out;
}
