import { assert, assertPositiveInt } from '../assert';

/** A symbol with 1-based indices as in the notes: { name: 'w', row: 1, col: 2 } is w12. */
export interface Sym {
  readonly name: string;
  readonly row: number;
  readonly col: number;
}

function symText(s: Sym, latex: boolean): string {
  const sep = s.row > 9 || s.col > 9 ? ',' : '';
  return latex ? `${s.name}_{${s.row}${sep}${s.col}}` : `${s.name}${s.row}${sep}${s.col}`;
}

/**
 * The canonical form of a sum of products: each product's symbols sorted (a product commutes),
 * then equal products collected into one key with its count (the coefficient).
 */
function canonicalTerms(e: Expr): Map<string, number> {
  const counts = new Map<string, number>();
  for (const product of e.terms) {
    const key = JSON.stringify(product.map((s) => JSON.stringify([s.name, s.row, s.col])).sort());
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * A sum of products of symbols, kept as written (no simplification); the empty sum is 0.
 * Enough to print the notes' formulas, e.g. z11 = w11·a11 + w12·a12 + …, and to compare two of
 * them with `equals`.
 *
 * @example
 * Expr.symbol('w', 1, 1).times(Expr.symbol('a', 2, 3)).toString(); // 'w11·a23'
 */
export class Expr {
  static readonly zero = new Expr([]);

  constructor(readonly terms: readonly (readonly Sym[])[]) {}

  /** The single symbol name_{row,col}. */
  static symbol(name: string, row: number, col: number): Expr {
    return new Expr([[{ name, row, col }]]);
  }

  plus(other: Expr): Expr {
    return new Expr([...this.terms, ...other.terms]);
  }

  /** The product, distributed over both sums. */
  times(other: Expr): Expr {
    return new Expr(this.terms.flatMap((a) => other.terms.map((b) => [...a, ...b])));
  }

  /**
   * Whether the two are the same polynomial in the symbols: equal after sorting the symbols of
   * each product (w11·a11 = a11·w11), sorting the products (a + b = b + a) and adding up repeated
   * products (a + a has coefficient 2, so it is not a). There is no subtraction, so nothing cancels.
   * Symbols are equal when name, row and col are.
   *
   * @example
   * const [w, a] = [Expr.symbol('w', 1, 1), Expr.symbol('a', 1, 1)];
   * w.times(a).plus(a).equals(a.plus(a.times(w))); // true
   * a.plus(a).equals(a);                           // false
   */
  equals(other: Expr): boolean {
    assert(other instanceof Expr, () => `Expr.equals: other must be an Expr, got ${typeof other}`, TypeError);
    if (this.terms.length !== other.terms.length) return false;
    const mine = canonicalTerms(this);
    const theirs = canonicalTerms(other);
    return mine.size === theirs.size && [...mine].every(([key, count]) => theirs.get(key) === count);
  }

  /** Plain text: 'w11·a11 + w12·a12', or '0'. */
  toString(): string {
    return this.terms.length === 0 ? '0' : this.terms.map((t) => t.map((s) => symText(s, false)).join('·')).join(' + ');
  }

  /** LaTeX: 'w_{11} a_{11} + w_{12} a_{12}', or '0'. */
  toLatex(): string {
    return this.terms.length === 0 ? '0' : this.terms.map((t) => t.map((s) => symText(s, true)).join(' ')).join(' + ');
  }
}

/** What a grid cell may hold. */
export type Cell = number | Expr;

function cellText(v: Cell | null, latex: boolean): string {
  if (v === null) return latex ? '\\cdot' : '·';
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  return latex ? v.toLatex() : v.toString();
}

function cellEquals(a: Cell | null, b: Cell | null): boolean {
  if (a instanceof Expr) return b instanceof Expr && a.equals(b);
  return a === b;
}

/**
 * A small matrix of numbers or symbolic expressions, row-major; a null cell means "no such
 * neuron" (printed · and \cdot), which is not the same as a weight 0. Indices are 0-based.
 *
 * @example
 * symbolicKernel(2, 2).toLatex(); // '\\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{pmatrix}'
 */
export class Grid<T extends Cell> {
  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly cells: readonly (T | null)[],
  ) {
    assert(cells.length === rows * cols, () => `Grid: cells must number rows·cols = ${rows * cols}, got ${cells.length}`);
  }

  get(r: number, c: number): T | null {
    assert(
      Number.isInteger(r) && Number.isInteger(c) && r >= 0 && r < this.rows && c >= 0 && c < this.cols,
      () => `Grid.get: index must be within ${this.rows}x${this.cols}, got (${r}, ${c})`,
    );
    return this.cells[r * this.cols + c];
  }

  toArray(): (T | null)[][] {
    return Array.from({ length: this.rows }, (_, r) => this.cells.slice(r * this.cols, (r + 1) * this.cols));
  }

  /** Each cell as plain text ('w33', '0.5', '·'). */
  toStrings(): string[][] {
    return this.toArray().map((row) => row.map((v) => cellText(v, false)));
  }

  /**
   * Whether both grids have the same size and equal cells: null only equals null, numbers are
   * compared with ===, expressions with Expr.equals (a number never equals an expression, so 0 is
   * not Expr.zero). The class is not compared: an InfluenceGrid equals a Grid with its cells.
   *
   * @example
   * influence(symbolicKernel(3, 3), [2, 2], [5, 5]).equals(symbolicKernel(3, 3).rot180()); // true
   */
  equals(other: Grid<Cell>): boolean {
    assert(other instanceof Grid, () => `Grid.equals: other must be a Grid, got ${typeof other}`, TypeError);
    if (this.rows !== other.rows || this.cols !== other.cols) return false;
    return this.cells.every((v, i) => cellEquals(v, other.cells[i]));
  }

  /** The grid turned by 180°: out[r][c] = in[rows−1−r][cols−1−c]. */
  rot180(): Grid<T> {
    return new Grid(this.rows, this.cols, [...this.cells].reverse());
  }

  /** Plain text, one row per line, columns aligned. */
  toString(): string {
    const text = this.toStrings();
    const widths = Array.from({ length: this.cols }, (_, c) => Math.max(...text.map((row) => row[c].length)));
    return text
      .map((row) =>
        row
          .map((s, c) => s.padEnd(widths[c]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  }

  /** LaTeX matrix: `\begin{pmatrix} w_{33} & w_{32} \\ … \end{pmatrix}` (or bmatrix). */
  toLatex(env: 'pmatrix' | 'bmatrix' = 'pmatrix'): string {
    const rows = this.toArray().map((row) => row.map((v) => cellText(v, true)).join(' & '));
    return `\\begin{${env}} ${rows.join(' \\\\ ')} \\end{${env}}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * A matrix of symbols name11 … name_{rows,cols} (1-based, like the notes' w11…w33 and a11…).
 *
 * @example
 * symbolicMatrix(2, 2, 'a').toStrings(); // [['a11', 'a12'], ['a21', 'a22']]
 */
export function symbolicMatrix(rows: number, cols: number, name: string): Grid<Expr> {
  assertPositiveInt('symbolicMatrix', 'rows', rows);
  assertPositiveInt('symbolicMatrix', 'cols', cols);
  assert(
    typeof name === 'string' && name.length > 0,
    () => `symbolicMatrix: name must be a non-empty string, got ${JSON.stringify(name)}`,
    TypeError,
  );
  const cells: Expr[] = [];
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) cells.push(Expr.symbol(name, r, c));
  return new Grid(rows, cols, cells);
}

/**
 * The symbolic kernel w11 … w_{rows,cols}, as in the notes' proof.
 *
 * @example
 * symbolicKernel(3, 3).toString(); // 'w11  w12  w13\nw21  w22  w23\nw31  w32  w33'
 */
export function symbolicKernel(rows: number, cols: number, name = 'w'): Grid<Expr> {
  return symbolicMatrix(rows, cols, name);
}
