// How large a manifest may be. Manifests can come from files a user did not write (a shared
// pipeline, a remote caller), so parsing refuses anything past these before building it.

export const MANIFEST_LIMITS = {
  /** Characters of manifest text (JSON or YAML). */
  textChars: 1 << 20,
  /** Nodes of one pipeline. */
  nodes: 1_000,
  /** Connections of one pipeline. */
  connections: 10_000,
} as const;
