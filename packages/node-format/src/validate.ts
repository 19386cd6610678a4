// Argument checks done in TS, before crossing into native code, so messages name the argument.
import {
  describeValue as describe,
  invalidInput,
  invalidParam,
  rejectUnknownKeys,
} from '@remotemedia/errors';

export { describe, invalidInput, invalidParam };

export function expectFloat32(value: unknown, name: string): asserts value is Float32Array {
  if (!(value instanceof Float32Array)) {
    throw invalidInput(`${name} must be a Float32Array, got ${describe(value)}`);
  }
}

export function expectChannels(value: unknown, name = 'channels'): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 64) {
    throw invalidParam(`${name} must be an integer between 1 and 64, got ${describe(value)}`);
  }
}

/** `out` when it is given and large enough, else a new Float32Array of `length`. */
export function float32Out(out: Float32Array | undefined, length: number): Float32Array {
  if (out === undefined) return new Float32Array(length);
  expectFloat32(out, 'out');
  return out;
}

/** The filled part of `out`, without a new view when it is filled exactly. */
export function filled<T extends { length: number; subarray(start: number, end: number): T }>(
  out: T,
  count: number,
): T {
  return out.length === count ? out : out.subarray(0, count);
}

/** Refuses an options argument that is not a plain object or has a key not in `keys`. */
export function checkOptionKeys(options: unknown, keys: readonly string[], owner: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidParam(`${owner} options must be an object, got ${describe(options)}`);
  }
  rejectUnknownKeys(options, keys, 'option', owner);
}
