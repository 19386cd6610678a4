/** Writes the bundle of `entry` (TypeScript, ESM) to `outfile` and returns `outfile`. */
export function bundleForNode(entry: string, outfile: string): Promise<string>;
