/**
 * Throws `ErrorType(message())` when `condition` is false. The message is built only on failure,
 * so checks stay cheap on hot paths. Messages follow one format: "<op>: <rule>, got <actual>".
 */
export function assert(
  condition: unknown,
  message: () => string,
  ErrorType: new (message: string) => Error = RangeError,
): asserts condition {
  if (!condition) throw new ErrorType(message());
}

/** Formats a shape as it appears in error messages: [1,3,28,28]. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Checks that `value` is a positive integer, naming the op and the option in the error. */
export function assertPositiveInt(op: string, name: string, value: unknown): asserts value is number {
  assert(
    typeof value === 'number' && Number.isInteger(value) && value > 0,
    () => `${op}: ${name} must be a positive integer, got ${String(value)}`,
  );
}
