// Types of native-packages.mjs for the TypeScript tests that use it.
export function nativePackages(
  root?: string,
): { dir: string; folder: string; pkg: { name: string; napi: { targets?: string[] } } }[];
