// Joins chunks (audio samples, bytes) into one array, in order.

function joined<T extends Float32Array | Uint8Array>(out: T, parts: readonly T[]): T {
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const total = (parts: readonly { length: number }[]) => parts.reduce((n, p) => n + p.length, 0);

export function concatSamples(parts: readonly Float32Array[]): Float32Array {
  return joined(new Float32Array(total(parts)), parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return joined(new Uint8Array(total(parts)), parts);
}
