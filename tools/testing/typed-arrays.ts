// Joining typed arrays in tests (chunked output against one-shot output), one definition for
// every package's tests.

type Joinable = Float32Array | Int16Array | Uint8Array;

/** The parts one after the other, in a new array of the first part's type (Float32Array if none). */
export function concat<T extends Joinable>(parts: readonly T[]): T {
  const Type = (parts[0]?.constructor ?? Float32Array) as new (length: number) => T;
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, part) => {
    out.set(part as never, offset);
    return offset + part.length;
  }, 0);
  return out;
}
