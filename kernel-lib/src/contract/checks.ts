import type { Plane } from './payload';

/** Bounds of an acceptable payload; anything larger is refused with a message, never drawn. */
export const LIMITS = {
  /** Largest side of any matrix (the library downsamples maps to 256x256 before sending). */
  side: 1024,
  /** Numbers in one payload, all fields together (a 1024x1024 matrix). */
  values: 1 << 20,
  /** Panels of a feature-map grid, or kernels of a live view. */
  maps: 1024,
  /** Largest side of a convolution kernel or a pooling window. */
  window: 64,
  /** Input channels of a linked convolution view. */
  channels: 16,
  /** Characters in a title, notice or name. */
  text: 1000,
  /** Characters in a panel label of a feature-map grid. */
  label: 100,
  /** Curves of a live view. */
  series: 8,
  /** Points of one curve. */
  points: 100_000,
} as const;

/** A broken rule; thrown inside the validator only, and turned into its message there. */
export class Problem {
  constructor(readonly message: string) {}
}

export function fail(message: string): never {
  throw new Problem(message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads fields of an untrusted payload, failing with a message that names the field and the rule
 * (never the field's content, which may be hostile), and counting numbers against LIMITS.values.
 */
export class Reader {
  private count = 0;

  text(value: unknown, name: string, optional = false): string | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string') return fail(`${name} must be a string`);
    if (value.length > LIMITS.text) return fail(`${name} is longer than ${LIMITS.text} characters`);
    return value;
  }

  oneOf<T extends string | number>(value: unknown, name: string, options: readonly T[], optional = false): T | undefined {
    if (value === undefined && optional) return undefined;
    if (!options.includes(value as T)) return fail(`${name} must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
    return value as T;
  }

  finite(value: unknown, name: string, optional = false): number | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${name} must be a finite number`);
    return value;
  }

  int(value: unknown, name: string, min: number, max: number, optional = false): number | undefined {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return fail(`${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  /** Sides of a tensor: `rank` positive integers; the last two at most `maxSide`, the others at most LIMITS.maps. */
  shape(value: unknown, name: string, rank: number, maxSide: number = LIMITS.side): number[] {
    if (!Array.isArray(value) || value.length !== rank) return fail(`${name} must be an array of ${rank} dimensions`);
    for (let i = 0; i < rank; i++) {
      const d: unknown = value[i];
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) return fail(`${name} must hold positive integers`);
      const bound = i >= rank - 2 ? maxSide : LIMITS.maps;
      if (d > bound) return fail(`${name} has a side of ${d}, over the limit of ${bound}`);
    }
    return value as number[];
  }

  /** An array of exactly `length` finite numbers (any length up to LIMITS.points when length is undefined). */
  numbers(value: unknown, name: string, length?: number): number[] {
    if (!Array.isArray(value)) return fail(`${name} must be an array of numbers`);
    if (length !== undefined && value.length !== length) return fail(`${name} has ${value.length} values but the shape needs ${length}`);
    if (length === undefined && value.length > LIMITS.points) return fail(`${name} has more than ${LIMITS.points} values`);
    this.count += value.length;
    if (this.count > LIMITS.values) return fail(`the payload holds more than ${LIMITS.values} numbers`);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`${name}[${i}] must be a finite number`);
    }
    return value as number[];
  }

  /**
   * A tensor { shape, data } of the given rank, named `name` in messages ('' for the payload's own
   * shape and data); the element count is checked before any value is read.
   */
  tensor(value: unknown, name: string, rank: number, maxSide: number = LIMITS.side): { shape: number[]; data: number[] } {
    const field = (f: string): string => (name ? `${name}.${f}` : f);
    if (!isRecord(value)) return fail(`${name} must be an object with shape and data`);
    const shape = this.shape(value.shape, field('shape'), rank, maxSide);
    const size = shape.reduce((a, b) => a * b, 1);
    if (size > LIMITS.values) return fail(`${field('data')} would hold ${size} numbers, more than ${LIMITS.values}`);
    return { shape, data: this.numbers(value.data, field('data'), size) };
  }

  /** A 0-based [row, col] inside a rows x cols matrix. */
  position(value: unknown, name: string, [rows, cols]: readonly number[], optional = false): [number, number] | undefined {
    if (value === undefined && optional) return undefined;
    if (!Array.isArray(value) || value.length !== 2) return fail(`${name} must be [row, col]`);
    this.int(value[0], `${name}[0]`, 0, rows - 1);
    this.int(value[1], `${name}[1]`, 0, cols - 1);
    return value as [number, number];
  }

  /** An array of exactly `length` strings of at most LIMITS.label characters. */
  labels(value: unknown, name: string, length: number, optional = false): string[] | undefined {
    if (value === undefined && optional) return undefined;
    if (!Array.isArray(value) || value.length !== length) return fail(`${name} must be an array of ${length} strings, one per channel`);
    value.forEach((label: unknown, i) => {
      if (typeof label !== 'string') fail(`${name}[${i}] must be a string`);
      else if (label.length > LIMITS.label) fail(`${name}[${i}] is longer than ${LIMITS.label} characters`);
    });
    return value as string[];
  }

  plane(value: unknown, name: string, maxSide: number = LIMITS.side): Plane {
    return this.tensor(value, name, 2, maxSide) as Plane;
  }

  /** `depth` planes of one shape in one { shape: [rows, cols], data } (channel-major: depth·rows·cols numbers). */
  planes(value: unknown, name: string, depth: number, maxSide: number = LIMITS.side): Plane {
    if (depth === 1) return this.plane(value, name, maxSide);
    if (!isRecord(value)) return fail(`${name} must be an object with shape and data`);
    const shape = this.shape(value.shape, `${name}.shape`, 2, maxSide);
    const size = depth * shape[0] * shape[1];
    if (size > LIMITS.values) return fail(`${name}.data would hold ${size} numbers, more than ${LIMITS.values}`);
    return { shape, data: this.numbers(value.data, `${name}.data`, size) } as Plane;
  }
}

/** Fails unless `plane` has exactly the expected shape. */
export function expectShape(plane: Plane, name: string, expected: readonly number[], rule: string): void {
  if (expected[0] < 1 || expected[1] < 1) fail(`${name} would be empty: ${rule}`);
  if (plane.shape[0] !== expected[0] || plane.shape[1] !== expected[1]) {
    fail(`${name} must be ${expected[0]}x${expected[1]} (${rule}), got ${plane.shape[0]}x${plane.shape[1]}`);
  }
}
