// Shared contract test for every native package: with its platform binary missing, importing or
// requiring the package fails with ERR_NATIVE_BINDING naming the platform, the package and the fix.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function loadWithMissingBinary(packageDir: string, entry: 'require' | 'import') {
  const script =
    entry === 'require'
      ? `try { require('./dist/index.cjs') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`
      : `import('./dist/index.js').catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: packageDir,
    // napi-rs loaders try this path first; a missing file makes them fail as on an unsupported host.
    env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/addon.node' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as { code: string; message: string };
}

export function describeMissingBinary(packageDir: string, packageName: string): void {
  describe('a missing native binary', () => {
    for (const entry of ['require', 'import'] as const) {
      it(`fails to ${entry} with ERR_NATIVE_BINDING naming the platform, the package and the fix`, () => {
        const { code, message } = loadWithMissingBinary(packageDir, entry);
        expect(code).toBe('ERR_NATIVE_BINDING');
        const libc = process.platform === 'linux' ? '-gnu' : '';
        const suffix = `${process.platform}-${process.arch}${libc}`;
        expect(message).toContain(`for ${suffix}`);
        expect(message).toContain(`${packageName}-${suffix}`);
        expect(message).toMatch(/reinstall without omitting optional dependencies/);
        expect(message).toMatch(/package-lock\.json/);
        expect(message).toMatch(/glibc and musl/);
      });
    }
  });
}
