/** Formats a number for the text fallback: 4 significant digits, no exponent for everyday values. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(3);
}

/** The plain-text fallback: a header line, then the values of a matrix in aligned columns. */
export function matrixText(title: string, rows: number, cols: number, data: ArrayLike<number>, maxRows = 16, maxCols = 16): string {
  const header = `${title} [${rows}x${cols}]`;
  const cells: string[][] = [];
  for (let r = 0; r < Math.min(rows, maxRows); r++) {
    const line: string[] = [];
    for (let c = 0; c < Math.min(cols, maxCols); c++) line.push(formatValue(data[r * cols + c]));
    if (cols > maxCols) line.push('…');
    cells.push(line);
  }
  const width = Math.max(1, ...cells.flat().map((s) => s.length));
  const body = cells.map((line) => line.map((s) => s.padStart(width)).join(' '));
  if (rows > maxRows) body.push('…');
  return [header, ...body].join('\n');
}
