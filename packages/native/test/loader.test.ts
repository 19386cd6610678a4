import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeAddon, platformSuffix } from '../src/index.js';

// A package folder as npm installs it: node_modules/@me/node-x, its platform package beside it.
const root = mkdtempSync(join(tmpdir(), 'remotemedia-loader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (file: string, text: string) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
};
const manifest = (name: string) => JSON.stringify({ name, napi: { binaryName: 'x' } });
const installed = (name: string) => join(root, 'node_modules', ...name.split('/'));

describe('loadNativeAddon', () => {
  it('loads the platform package <name>-<platform> when there is no local build', () => {
    write(join(installed('@me/node-x'), 'package.json'), manifest('@me/node-x'));
    const platform = installed(`@me/node-x-${platformSuffix()}`);
    write(join(platform, 'package.json'), JSON.stringify({ name: 'p', main: 'addon.js' }));
    write(join(platform, 'addon.js'), 'module.exports = { from: "platform package" };');
    expect(loadNativeAddon(installed('@me/node-x'))).toEqual({ from: 'platform package' });
  });

  it('says what it tried, for the platform, with the fixes, as ERR_NATIVE_BINDING', () => {
    const dir = installed('@me/node-y');
    write(join(dir, 'package.json'), manifest('@me/node-y'));
    // A local build that is not an addon: its loading error is reported, then the package's.
    write(join(dir, `x.${platformSuffix()}.node`), 'not an addon');
    expect(() => loadNativeAddon(new URL(`file://${dir}/`))).toThrow(
      expect.objectContaining({
        code: 'ERR_NATIVE_BINDING',
        message: expect.stringMatching(
          new RegExp(
            `for ${platformSuffix()}[^]*@me/node-y-${platformSuffix()}[^]*tried .*x\\.${platformSuffix()}\\.node: .*; @me/node-y-${platformSuffix()}: Cannot find module`,
          ),
        ),
      }),
    );
  });

  it('loads only from addonDir when given (a test build is never a platform package)', () => {
    const dir = installed('@me/node-x');
    expect(() => loadNativeAddon(dir, { addonDir: 'test/.addon' })).toThrow(
      expect.objectContaining({
        code: 'ERR_NATIVE_BINDING',
        message: expect.not.stringContaining('; @me/node-x-'),
      }),
    );
  });

  it('decides the platform once: linux-<arch>-gnu|musl, win32-<arch>-msvc, <os>-<arch>', () => {
    const suffix = platformSuffix();
    expect(suffix.startsWith(`${process.platform}-${process.arch}`)).toBe(true);
    if (process.platform === 'linux') expect(suffix).toMatch(/-(gnu|musl)$/);
    expect(platformSuffix()).toBe(suffix);
  });
});
