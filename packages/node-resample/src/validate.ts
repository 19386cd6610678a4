// Option and argument checks done in TS, before crossing into native code, so messages name the
// argument and say what to do.
import { describeValue as describe, invalidInput, invalidParam } from '@remotemedia/errors';

export { describe, invalidInput, invalidParam };

export const MIN_RATE = 8_000;
export const MAX_RATE = 384_000;
export const QUALITIES = ['fast', 'balanced', 'high', 'max'] as const;
export type Quality = (typeof QUALITIES)[number];

export function checkRate(value: unknown, name: string): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < MIN_RATE ||
    value > MAX_RATE
  ) {
    throw invalidParam(
      `${name} must be an integer sample rate between ${MIN_RATE} and ${MAX_RATE} Hz, got ${describe(value)}`,
    );
  }
  return value;
}

export function checkChannels(value: unknown, name = 'channels'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 64) {
    throw invalidParam(`${name} must be an integer between 1 and 64, got ${describe(value)}`);
  }
  return value;
}

export function checkQuality(value: unknown): Quality {
  if (!QUALITIES.includes(value as Quality)) {
    throw invalidParam(`quality must be one of ${QUALITIES.join(', ')}, got ${describe(value)}`);
  }
  return value as Quality;
}

export function expectArray<T>(
  value: unknown,
  kind: { new (length: number): T; name: string },
  name: string,
): asserts value is T {
  if (!(value instanceof kind)) {
    throw invalidInput(`${name} must be a ${kind.name}, got ${describe(value)}`);
  }
}
