import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type NamedInput = string | { runtime: string };
type Result = [string, { projects: Record<string, { namedInputs: { native: NamedInput[] } }> }];
const { createNodes } = createRequire(import.meta.url)('../index.cjs') as {
  createNodes: [string, (files: string[], options: unknown, context: object) => Promise<Result[]>];
};
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

async function nativeOf(...files: string[]): Promise<Record<string, NamedInput[]>> {
  const results = await createNodes[1](files, {}, { workspaceRoot, nxJsonConfiguration: {} });
  return Object.fromEntries(
    results.flatMap(([, { projects }]) =>
      Object.entries(projects).map(([root, config]) => [root, config.namedInputs.native]),
    ),
  );
}

describe('native inputs from cargo metadata', () => {
  it('lists the crate a package builds and its path dependencies, transitively', async () => {
    const { 'packages/node-vad': vad } = await nativeOf('packages/node-vad/package.json');
    expect(vad).toEqual(
      expect.arrayContaining([
        '{workspaceRoot}/crates/vad-napi/**/*',
        '{workspaceRoot}/crates/vad/**/*',
        // vad depends on resample, which depends on audio: both reached through vad.
        '{workspaceRoot}/crates/resample/**/*',
        '{workspaceRoot}/crates/audio/**/*',
        '{workspaceRoot}/Cargo.lock',
        '{workspaceRoot}/rust-toolchain.toml',
        { runtime: 'rustc --version' },
      ]),
    );
    // Crates the package does not build from stay out of its cache key.
    expect(vad).not.toContain('{workspaceRoot}/crates/format/**/*');
    expect(vad).not.toContain('{workspaceRoot}/crates/resample-napi/**/*');
  });

  it('gives packages that build no crate no native input', async () => {
    expect(await nativeOf('packages/core/package.json')).toEqual({});
  });

  it('follows each package to its own crate', async () => {
    const inputs = await nativeOf(
      'packages/node-format/package.json',
      'packages/node-resample/package.json',
    );
    expect(inputs['packages/node-format']).toContain('{workspaceRoot}/crates/format-napi/**/*');
    expect(inputs['packages/node-format']).not.toContain('{workspaceRoot}/crates/vad/**/*');
    expect(inputs['packages/node-resample']).toContain('{workspaceRoot}/crates/resample/**/*');
    expect(inputs['packages/node-resample']).not.toContain('{workspaceRoot}/crates/format/**/*');
  });
});
