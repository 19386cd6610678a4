// Builds the live page into dist/web: the page and the audio worklet bundled by esbuild, and
// index.html; nothing is loaded from anywhere but the server.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/web/', import.meta.url);
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [
    new URL('app.ts', import.meta.url).pathname,
    new URL('worklet.ts', import.meta.url).pathname,
  ],
  outdir: out.pathname,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
copyFileSync(new URL('index.html', import.meta.url), new URL('index.html', out));
