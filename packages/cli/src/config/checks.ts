// Value checks for remotemedia.toml keys: each returns the problem (to follow the key's name in
// the error) or undefined when the value is fine.

export type Check = (value: unknown) => string | undefined;

/** Allowed keys per table; a nested object is a sub-table, a function checks a value. */
export interface TableSpec {
  [key: string]: TableSpec | Check;
}

/**
 * A TOML table: a plain object. A date is an object too (smol-toml's TomlDate) and an array is
 * one as well; neither may stand where a table is expected.
 */
export function isTable(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/** The rule for `key` in `spec`, or undefined: only the spec's own keys (never `valueOf`). */
export function ruleOf<R>(spec: Readonly<Record<string, R>>, key: string): R | undefined {
  return Object.hasOwn(spec, key) ? spec[key] : undefined;
}

export const stringList: Check = (v) =>
  Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0)
    ? undefined
    : 'must be an array of non-empty strings';

export const nonEmptyString: Check = (v) =>
  typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string';

export const booleanValue: Check = (v) =>
  typeof v === 'boolean' ? undefined : 'must be true or false';

export const stringTable: Check = (v) =>
  isTable(v) && Object.values(v).every((s) => typeof s === 'string')
    ? undefined
    : 'must be a table of strings, e.g. { gpu = "true" }';

/** An integer in [min, max] (smol-toml gives integers as numbers, or bigints when huge). */
export const integerIn =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}`;

export const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v)
      ? undefined
      : `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`;

/** The name of an environment variable (its value is read at run time, never from the file). */
export const envName: Check = (v) =>
  typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)
    ? undefined
    : 'must be the name of an environment variable, e.g. "REMOTEMEDIA_PG_URL"';
