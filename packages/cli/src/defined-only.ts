// Options objects use optional keys, and exactOptionalPropertyTypes forbids `key: undefined`.

/** Drops the keys whose value is undefined (the options use optional keys, not undefined). */
export function definedOnly<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
