import { assert, fmtShape } from './assert';

/**
 * How a tensor shows itself in a kernel, given by the display layer when convlab loads
 * (display/show.ts), so that the tensor imports nothing above it.
 */
export interface TensorDisplay {
  /** tslab: sends the view and returns the line the kernel prints. */
  inspect(t: Tensor): string;
  /** Deno: the display bundle of a cell's last value. */
  bundle(t: Tensor): object;
}

let display: TensorDisplay | undefined;

/** Called once by the display layer: how tensors show themselves in a kernel. */
export function setTensorDisplay(d: TensorDisplay): void {
  display = d;
}

/** Nested number arrays of any depth: number, number[], number[][], … */
export type NestedArray = number | NestedArray[];

/**
 * A dense float64 tensor: a shape and its values in row-major order (the last index varies fastest).
 * Tensors are values: ops never mutate their inputs.
 *
 * @example
 * const k = new Tensor([2, 2], Float64Array.from([1, 2, 3, 4]));
 * k.get(1, 0); // 3
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;

  constructor(shape: readonly number[], data: Float64Array) {
    for (const d of shape) {
      assert(Number.isInteger(d) && d >= 0, () => `Tensor: dimensions must be non-negative integers, got shape ${fmtShape(shape)}`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    assert(
      data.length === size,
      () => `Tensor: data length must equal the product of the shape ${fmtShape(shape)} = ${size}, got ${data.length}`,
    );
    this.shape = Object.freeze([...shape]);
    this.data = data;
  }

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return this.data.length;
  }

  /** Row-major offset of a multi-index. */
  offset(...index: number[]): number {
    assert(
      index.length === this.shape.length,
      () => `Tensor.get: index must have ${this.shape.length} components for shape ${fmtShape(this.shape)}, got ${index.length}`,
    );
    let flat = 0;
    for (let axis = 0; axis < index.length; axis++) {
      const i = index[axis];
      const n = this.shape[axis];
      assert(
        Number.isInteger(i) && i >= 0 && i < n,
        () => `Tensor.get: index ${i} is out of range 0..${n - 1} on axis ${axis} of shape ${fmtShape(this.shape)}`,
      );
      flat = flat * n + i;
    }
    return flat;
  }

  /** Element at a multi-index, e.g. `t.get(r, c)` for a matrix. */
  get(...index: number[]): number {
    return this.data[this.offset(...index)];
  }

  /** The values as nested arrays (a number for a rank-0 tensor). */
  toArray(): NestedArray {
    const build = (axis: number, start: number): NestedArray => {
      if (axis === this.shape.length) return this.data[start];
      const stride = this.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[axis] }, (_, i) => build(axis + 1, start + i * stride));
    };
    return build(0, 0);
  }

  /** Lets a cell's last expression, or console.log, show the tensor as a view inside tslab. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return display ? display.inspect(this) : `Tensor [${this.shape.join(',')}]`;
  }

  /** Lets a cell's last expression show the tensor as a view inside Deno's kernel. */
  [Symbol.for('Jupyter.display')](): object {
    return display ? display.bundle(this) : { 'text/plain': `Tensor [${this.shape.join(',')}]` };
  }

  /** The same values under another shape with the same number of elements. */
  reshape(shape: readonly number[]): Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    assert(
      size === this.size,
      () => `Tensor.reshape: new shape ${fmtShape(shape)} has ${size} elements, but the tensor ${fmtShape(this.shape)} has ${this.size}`,
    );
    return new Tensor(shape, this.data);
  }
}

function shapeOfNested(op: string, value: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flattenInto(op: string, value: NestedArray, shape: number[], axis: number, out: number[], path: string): void {
  if (axis === shape.length) {
    assert(typeof value === 'number', () => `${op}: ragged nested array, expected a number at ${path || 'top'}, got an array`, TypeError);
    out.push(value as number);
    return;
  }
  assert(
    Array.isArray(value) && value.length === shape[axis],
    () =>
      `${op}: ragged nested array, expected length ${shape[axis]} at ${path || 'top'} (shape ${fmtShape(shape)}), got ${
        Array.isArray(value) ? `length ${value.length}` : typeof value
      }`,
    TypeError,
  );
  (value as NestedArray[]).forEach((v, i) => flattenInto(op, v, shape, axis + 1, out, `${path}[${i}]`));
}

/**
 * Builds a tensor from nested arrays (`tensor([[1, 2], [3, 4]])`, shape inferred) or from flat
 * values and a shape (`tensor([1, 2, 3, 4], [2, 2])`). Every value is a float64: NaN and ±Infinity
 * are values like any other, as in every constructor (the ops say what they do with them, e.g.
 * maxPool2d's NaN rule).
 */
export function tensor(values: NestedArray | ArrayLike<number>, shape?: readonly number[]): Tensor {
  if (shape !== undefined) {
    assert(
      typeof values === 'object' && values !== null && typeof (values as ArrayLike<number>).length === 'number',
      () => `tensor: flat values must be an array when a shape is given, got ${typeof values}`,
      TypeError,
    );
    return new Tensor(shape, Float64Array.from(values as ArrayLike<number>));
  }
  const nested = values as NestedArray;
  const inferred = shapeOfNested('tensor', nested);
  const out: number[] = [];
  flattenInto('tensor', nested, inferred, 0, out, '');
  return new Tensor(inferred, Float64Array.from(out));
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[]): Tensor {
  return new Tensor(shape, new Float64Array(shape.reduce((a, b) => a * b, 1)));
}
