// Worker tags: small string maps used to pick a worker by capability ({ gpu: 'true' }).
import { RemoteMediaError } from '@remotemedia/errors';

export type Tags = Record<string, string>;

const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_VALUE = 256;

/** Validates and copies tags; throws ERR_INVALID_PARAM naming the bad key or value. */
export function checkTags(tags: unknown, what = 'tags'): Tags {
  if (tags === undefined) return {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new RemoteMediaError('ERR_INVALID_PARAM', `${what} must be an object of strings`);
  }
  const out: Tags = {};
  for (const [key, value] of Object.entries(tags)) {
    if (!KEY.test(key)) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `${what}: key ${JSON.stringify(key)} must be 1-64 characters of letters, digits, '_', '.' or '-', starting with a letter or digit`,
      );
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected.
    if (typeof value !== 'string' || value.length > MAX_VALUE || /[\u0000-\u001f]/.test(value)) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `${what}.${key} must be a string of at most ${MAX_VALUE} printable characters, got ${JSON.stringify(value)}`,
      );
    }
    out[key] = value;
  }
  return out;
}

/** True when `have` has every key of `want` with the same value. */
export function tagsMatch(have: Tags, want: Tags): boolean {
  for (const [key, value] of Object.entries(want)) if (have[key] !== value) return false;
  return true;
}
