// Types of arm64.mjs for the TypeScript tests that use it.
export const SYSROOT: string;
export function cacheDir(): string;
export function ensureQemu(): void;
export function arm64Node(): string;
export function arm64Command(args: string[]): { command: string; args: string[] };
export function arm64Addons(dir: string): string[];
export function npmCli(): string;
export function arm64TestTools(names?: string[]): string;
