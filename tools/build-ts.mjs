// Builds a workspace package's hand-written TypeScript: an ESM and a CJS bundle per entry point
// (esbuild) and declaration files (tsc). Run from the package folder:
//   node ../../tools/build-ts.mjs [src/index.ts src/other.ts ...]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entryPoints = process.argv.slice(2);
if (entryPoints.length === 0) entryPoints.push('src/index.ts');

// The generated napi loader and .node files stay outside the bundle: they are resolved at run time.
const keepNativeExternal = {
  name: 'keep-native-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /(binding\.cjs|\.node)$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

rmSync('dist', { recursive: true, force: true });
const common = {
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [keepNativeExternal],
};
await Promise.all([
  build({ ...common, format: 'esm', outExtension: { '.js': '.js' } }),
  build({
    ...common,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // Source is ESM; give CommonJS output the same `import.meta.url` (it finds the package's addon).
    define: { 'import.meta.url': '__remotemediaModuleUrl' },
    banner: {
      js: 'const __remotemediaModuleUrl = require("node:url").pathToFileURL(__filename).href;',
    },
  }),
]);

const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
execFileSync(tsc, ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
