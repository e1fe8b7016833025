import fc from 'fast-check';

/** A random edit of a file: truncate, flip bytes, insert bytes, or overwrite the length field. */
export function mutation(length: number): fc.Arbitrary<(b: Uint8Array) => Uint8Array> {
  const at = fc.integer({ min: 0, max: length - 1 });
  return fc.oneof(
    fc.integer({ min: 0, max: length - 1 }).map((n) => (b: Uint8Array) => b.slice(0, n)),
    fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => (b: Uint8Array) => {
      const c = b.slice();
      for (const [i, v] of edits) c[i] = v;
      return c;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(
      ([i, extra]) =>
        (b: Uint8Array) =>
          new Uint8Array([...b.subarray(0, i), ...extra, ...b.subarray(i)]),
    ),
    fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => (b: Uint8Array) => {
      const c = b.slice();
      c[i] = v;
      return c;
    }),
  );
}
