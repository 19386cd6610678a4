// `run --report`: the HTML file, rendered in headless Chromium (Debian's, via playwright-core),
// shows the run's speech segments and node metrics exactly as --json has them, with no network.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeMetricsSnapshot } from '@remotemedia/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOutputDir, launchChromium } from '../../../tools/testing/browser.js';
import {
  cli,
  examplesDir,
  pluginSource,
  type Region,
  readJson,
  speechFixture,
  tempDir,
  writePlugin,
} from './helpers.js';

interface Results {
  input: { sampleRate: number; channels: number; format: string };
  outputs: { segments: { segments: Region[] } };
  metrics: { nodes: Record<string, NodeMetricsSnapshot> };
}

let browser: Browser;
let page: Page;
let results: Results;
let speech: Region[];
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  const dir = tempDir();
  const fixture = speechFixture(dir);
  speech = fixture.speech;
  const json = join(dir, 'results.json');
  const report = join(dir, 'report.html');
  const r = cli(['run', 'pipeline.yaml', '-i', fixture.file, '--json', json, '--report', report], {
    cwd: join(examplesDir, 'vad-segments'),
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`wrote ${report}`);
  results = readJson<Results>(json);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (req) => requests.push(req.url()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(pathToFileURL(report).href);
  await page.waitForSelector('#nodes');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('run --report in a browser', () => {
  it('draws without errors and loads nothing but the file itself', () => {
    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual(
      [],
    );
  });

  it('lists the speech segments of the JSON output, one shaded region each', async () => {
    const rows = await page.$$eval('#segments tbody tr', (trs) =>
      trs.map((tr) => ({
        output: `${tr.getAttribute('data-sink')}.${tr.getAttribute('data-port')}`,
        startMs: Number(tr.getAttribute('data-start-ms')),
        endMs: Number(tr.getAttribute('data-end-ms')),
        text: tr.textContent ?? '',
      })),
    );
    const expected = results.outputs.segments.segments;
    expect(expected.length).toBe(speech.length);
    expect(rows.map(({ startMs, endMs }) => ({ startMs, endMs }))).toEqual(
      expected.map(({ startMs, endMs }) => ({ startMs, endMs })),
    );
    for (const [i, row] of rows.entries()) {
      expect(row.output).toBe('segments.segments');
      expect(row.text).toContain(`${((expected[i]?.startMs ?? 0) / 1000).toFixed(3)} s`);
    }
    expect(await page.locator('#timeline rect.speech').count()).toBe(expected.length);
  });

  it('has a row per node with the counters and latency percentiles of the JSON metrics', async () => {
    const rows = await page.$$eval('#nodes tbody tr', (trs) =>
      trs.map((tr) => ({
        node: tr.getAttribute('data-node'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        bars: tr.querySelectorAll('svg.histogram rect.bar').length,
      })),
    );
    const nodes = Object.entries(results.metrics.nodes);
    expect(rows.map((r) => r.node)).toEqual(['mono', 'resample', 'vad', 'segments']);
    expect(rows.map((r) => r.node)).toEqual(nodes.map(([id]) => id));
    for (const [i, [, m]] of nodes.entries()) {
      const row = rows[i] as (typeof rows)[number];
      expect(row.cells.slice(0, 8)).toEqual([
        m.calls.toLocaleString('en-US'),
        m.framesIn.toLocaleString('en-US'),
        m.framesOut.toLocaleString('en-US'),
        String(m.errors),
        m.latency.p50.toFixed(3),
        m.latency.p95.toFixed(3),
        m.latency.p99.toFixed(3),
        m.latency.max.toFixed(3),
      ]);
      expect(row.bars).toBeGreaterThan(0);
    }
  });

  it("shows the input's format and the run's speed", async () => {
    const format = await page.textContent('#summary [data-key="format"] dd');
    expect(format).toBe('s16 WAV, 48,000 Hz, 2 channels');
    expect(results.input).toMatchObject({ sampleRate: 48_000, channels: 2, format: 's16' });
    expect(await page.textContent('#summary [data-key="speed"] dd')).toMatch(/^[\d.]+x realtime$/);
    const points = await page.getAttribute('#timeline polygon.wave', 'points');
    expect(points?.split(' ').length).toBeGreaterThan(1000);
  });

  it('writes a screenshot', async () => {
    const file = join(browserOutputDir('cli-report'), 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
  });
});

// A sink with several json ports (VAD: decisions, events) and a plugin node whose values carry no
// times and try to close the report's script element.
const HOSTILE = '</script><script>window.pwned = true</script><!--';
const LABELS_PLUGIN = pluginSource(
  'Labels',
  'Labels every 25th frame with a string that must stay text',
  { inputs: [{ name: 'audio', type: 'audio' }], outputs: [{ name: 'labels', type: 'json' }] },
  `
create() {
  let n = 0;
  return {
    process() {
      n += 1;
      return n % 25 === 0 ? { frame: n, text: ${JSON.stringify(HOSTILE)} } : undefined;
    },
  };
},
`,
);

describe('run --report with several json ports and untimed values', () => {
  let dir: string;
  let multi: Page;
  let json: {
    input: { durationMs: number };
    outputs: Record<string, Record<string, unknown>>;
  };
  const errors: string[] = [];

  beforeAll(async () => {
    dir = tempDir();
    const fixture = speechFixture(dir);
    writePlugin(join(dir, 'plugins'), 'labels', LABELS_PLUGIN);
    writeFileSync(
      join(dir, 'remotemedia.toml'),
      '[nodes.native]\npackages = ["@remotemedia/node-format", "@remotemedia/node-vad"]\nplugin_dirs = ["plugins"]\n',
    );
    writeFileSync(
      join(dir, 'pipeline.yaml'),
      [
        'version: 1',
        'nodes:',
        '  - { id: mono, type: FormatConverter, params: { channels: 1 } }',
        '  - { id: vad, type: VAD }',
        '  - { id: labels, type: Labels }',
        'connections:',
        '  - { from: mono, to: vad }',
        '  - { from: mono, to: labels }',
        '',
      ].join('\n'),
    );
    const r = cli(
      ['run', 'pipeline.yaml', '-i', fixture.file, '--json', 'r.json', '--report', 'r.html'],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    json = readJson(join(dir, 'r.json'));
    multi = await browser.newPage();
    multi.on('pageerror', (error) => errors.push(String(error)));
    await multi.goto(pathToFileURL(join(dir, 'r.html')).href);
    await multi.waitForSelector('#nodes');
  }, 120_000);

  it('draws one lane per json port, with a mark per value', async () => {
    expect(errors).toEqual([]);
    const jsonPorts = Object.entries(json.outputs).flatMap(([sink, ports]) =>
      Object.entries(ports)
        .filter(([, v]) => Array.isArray(v))
        .map(([port, v]) => ({ lane: `${sink}.${port}`, values: (v as unknown[]).length })),
    );
    expect(jsonPorts.map((p) => p.lane).sort()).toEqual([
      'labels.labels',
      'vad.decisions',
      'vad.events',
    ]);
    const lanes = await multi.$$eval('#timeline g.lane', (gs) =>
      gs.map((g) => ({
        lane: `${g.getAttribute('data-sink')}.${g.getAttribute('data-port')}`,
        values: g.querySelectorAll('rect').length,
      })),
    );
    expect(lanes.sort((a, b) => a.lane.localeCompare(b.lane))).toEqual(
      jsonPorts.sort((a, b) => a.lane.localeCompare(b.lane)),
    );
  });

  it('keeps hostile strings as text and places untimed values where they came out', async () => {
    expect(await multi.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();
    const labels = json.outputs.labels?.labels as { frame: number; text: string }[];
    expect(labels.length).toBeGreaterThan(5);
    const items = await multi.$$eval('#outputs details[data-sink="labels"] li', (lis) =>
      lis.map((li) => li.textContent ?? ''),
    );
    expect(items.length).toBe(labels.length);
    let previous = 0;
    for (const [i, label] of labels.entries()) {
      const item = items[i] ?? '';
      expect(item).toContain(HOSTILE.slice(0, 40));
      // Where it came out: the input fed by then. Not before its own frame (n frames of 20 ms,
      // the last one short) was fed, and no later than the pipeline's queues (16 frames per
      // input) can hold.
      const at = Number(/^([\d.]+) s \(came out\)/.exec(item)?.[1]);
      const fedMs = Math.min(label.frame * 20, json.input.durationMs);
      expect(at * 1000).toBeGreaterThanOrEqual(Math.floor(fedMs));
      expect(at * 1000).toBeLessThanOrEqual(label.frame * 20 + 3 * 16 * 20);
      expect(at).toBeGreaterThanOrEqual(previous);
      previous = at;
    }
    await multi.screenshot({
      path: join(browserOutputDir('cli-report'), 'report-ports.png'),
      fullPage: true,
    });
  });
});
