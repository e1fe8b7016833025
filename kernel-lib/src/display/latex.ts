import { assert } from '../assert';
import type { MimeBundle } from './bundle';
import { emit, type EmitOptions } from './channel';

export interface LatexOptions extends EmitOptions {
  /** LaTeX written before ' = ', e.g. '\\delta^{l}'. */
  lhs?: string;
}

/** Something the proof utilities return: a Grid or an Expr, with `toLatex()` and a text form. */
export interface LatexSource {
  toLatex(): string;
  toString(): string;
}

/** The bundle of a formula: text/latex (JupyterLab and nbconvert typeset it) and the text form. */
export function latexBundle(value: string | LatexSource, options: Pick<LatexOptions, 'lhs'> = {}): MimeBundle {
  const isSource = typeof value === 'object' && value !== null && typeof value.toLatex === 'function';
  assert(
    isSource || typeof value === 'string',
    () => `showLatex: value must be a LaTeX string or have toLatex(), got ${value === null ? 'null' : typeof value}`,
    TypeError,
  );
  const tex = isSource ? (value as LatexSource).toLatex() : (value as string);
  const text = isSource ? String(value) : tex;
  const lhs = options.lhs === undefined ? '' : `${options.lhs} = `;
  const head = options.lhs === undefined ? '' : `${options.lhs} =${text.includes('\n') ? '\n' : ' '}`;
  return { 'text/latex': `$$${lhs}${tex}$$`, 'text/plain': head + text };
}

/**
 * Shows a symbolic matrix or expression of the proof utilities (or any LaTeX string) typeset, as
 * `text/latex`; terminals get its text form.
 *
 * @example
 * cl.showLatex(cl.influence(cl.symbolicKernel(3, 3), [2, 2], [5, 5]), { lhs: '\\partial C / \\partial a_{ij}' });
 */
export function showLatex(value: string | LatexSource, options: LatexOptions = {}): void {
  emit(latexBundle(value, options), options);
}
