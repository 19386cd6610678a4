// Bundles a browser page's TypeScript (and the CSS it imports) into one script and one
// stylesheet for a page that inlines them: no module loader, no network, opens from disk.
//   node ../../tools/build-page.mjs <entry.ts> <outfile.js>   (the CSS lands beside it, .css)
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (entry === undefined || outfile === undefined) {
  console.error('usage: build-page.mjs <entry.ts> <outfile.js>');
  process.exit(2);
}
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  // Browsers of the last few years; a report opened from disk must not need a recent one (the
  // page's code also keeps to methods those have: no Array.prototype.at, no structuredClone).
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
