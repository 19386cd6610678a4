// TOML keys are snake_case, option objects camelCase: one conversion for every table.

const camelCase = (key: string): string =>
  key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A checked table (the spec admits only its known keys) with its keys in camelCase. */
export function camelTable<T>(table: unknown): T {
  const entries = Object.entries((table ?? {}) as Record<string, unknown>);
  return Object.fromEntries(entries.map(([key, value]) => [camelCase(key), value])) as T;
}
