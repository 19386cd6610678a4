// report.html: one self-contained file (the page's script and styles inline, the run's data as
// JSON) that opens from disk in any browser, with no network.
import { readFile } from 'node:fs/promises';
import { RemoteMediaError } from '@remotemedia/errors';
import type { RunResults } from '../results.js';
import type { ReportData } from './report-data.js';
import { waveform } from './waveform.js';

/** Values of one port kept in a report: enough for any timeline, small enough to open quickly. */
export const MAX_VALUES_PER_PORT = 10_000;

/** The page bundle, built next to this module by `tools/build-page.mjs`. */
async function pageAsset(name: string): Promise<string> {
  const url = new URL(`./${name}`, import.meta.url);
  try {
    return await readFile(url, 'utf8');
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_IO',
      `the report page '${name}' is missing from the installed @remotemedia/cli (${(error as Error).message}); reinstall it, or run \`npm run build\` in a checkout`,
      { cause: error },
    );
  }
}

/** `outputs` with each json port cut to its first MAX_VALUES_PER_PORT values, and the counts. */
function capped(outputs: RunResults['outputs']) {
  const kept: RunResults['outputs'] = {};
  const counts: ReportData['valueCounts'] = {};
  for (const [sink, ports] of Object.entries(outputs)) {
    const keptPorts: Record<string, unknown> = {};
    const countPorts: Record<string, number> = {};
    for (const [port, value] of Object.entries(ports)) {
      keptPorts[port] = Array.isArray(value) ? value.slice(0, MAX_VALUES_PER_PORT) : value;
      if (Array.isArray(value)) countPorts[port] = value.length;
    }
    kept[sink] = keptPorts;
    counts[sink] = countPorts;
  }
  return { kept, counts };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

export async function reportHtml(
  results: RunResults,
  audio: { samples: Float32Array; sampleRate: number; channels: number },
  arrivals: Record<string, Record<string, number[]>>,
): Promise<string> {
  const [script, styles] = await Promise.all([
    pageAsset('report-page.js'),
    pageAsset('report-page.css'),
  ]);
  const cappedArrivals: ReportData['arrivals'] = {};
  for (const [sink, ports] of Object.entries(arrivals)) {
    cappedArrivals[sink] = {};
    for (const [port, at] of Object.entries(ports)) {
      (cappedArrivals[sink] as Record<string, number[]>)[port] = at.slice(0, MAX_VALUES_PER_PORT);
    }
  }
  const { kept, counts } = capped(results.outputs);
  const data: ReportData = {
    results: { ...results, outputs: kept },
    waveform: waveform(audio),
    arrivals: cappedArrivals,
    valueCounts: counts,
  };
  // `<` escaped so no value can close the script element it is embedded in.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>remotemedia run: ${escapeHtml(results.manifest)}</title>
<style>${styles}</style>
</head>
<body>
<main id="report"><noscript>This report is drawn by JavaScript; the run's data is in the script element named report-data.</noscript></main>
<script id="report-data" type="application/json">${json}</script>
<script>${script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
