// Round trip of a pass-through Python node through @remotemedia/python, against a raw socket echo
// (the floor) and a JSON + base64 over stdio bridge, on the same frames; outputs checked first.
import { existsSync } from 'node:fs';
import { Bench } from 'tinybench';
import { createPythonRuntime } from '../dist/index.js';
import { jsonEcho, rawEcho } from './peers.mjs';

const venv = new URL('../../../.venv/bin/python', import.meta.url).pathname;
const python = process.env.REMOTEMEDIA_PYTHON ?? (existsSync(venv) ? venv : 'python3');

function frame(samples, sampleRate, channels) {
  const data = new Float32Array(samples);
  for (let i = 0; i < samples; i++) data[i] = Math.sin(i / 7) * 0.5;
  return { samples: data, sampleRate, channels };
}

const CASES = [
  ['20 ms 16 kHz mono (640 B)', frame(320, 16_000, 1)],
  ['20 ms 48 kHz stereo (7.5 KiB)', frame(1920, 48_000, 2)],
  ['1 MiB payload', frame(262_144, 48_000, 2)],
];

function same(a, b) {
  return (
    a.length === b.length &&
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

const runtime = createPythonRuntime({ python, builtins: true });
const node = await runtime.create('PassThrough', {});
const raw = rawEcho(python);
const json = jsonEcho(python);
const contenders = [
  ['@remotemedia/python', async (f) => (await node.process(f)).samples],
  ['raw socket echo (floor)', (f) => raw.echo(f.samples)],
  ['JSON+base64 over stdio', async (f) => (await json.echo(f)).samples],
];

const rows = [];
for (const [title, input] of CASES) {
  for (const [name, fn] of contenders) {
    if (!same(await fn(input), input.samples))
      throw new Error(`${name} returned different samples for ${title}`);
  }
  const big = input.samples.byteLength > 100_000;
  const bench = new Bench({ time: big ? 1500 : 1000, warmup: true });
  for (const [name, fn] of contenders) bench.add(name, () => fn(input));
  await bench.run();
  const [ours, floor, jsonB64] = bench.tasks.map((t) => t.result.latency);
  const mbps = (lat) => ((2 * input.samples.byteLength) / (lat.p50 / 1000) / 1e6).toFixed(0);
  for (const [i, t] of bench.tasks.entries()) {
    const lat = t.result.latency;
    rows.push({
      frame: title,
      contender: t.name,
      'p50 us': (lat.p50 * 1000).toFixed(1),
      'p99 us': (lat.p99 * 1000).toFixed(1),
      'MB/s (both ways)': mbps(lat),
      'vs ours': i === 0 ? '1.00x' : `${(lat.p50 / ours.p50).toFixed(2)}x`,
    });
  }
  rows.push({
    frame: title,
    contender: `ours/floor ${(ours.p50 / floor.p50).toFixed(2)}x, JSON/ours ${(jsonB64.p50 / ours.p50).toFixed(2)}x`,
  });
}
console.table(rows);
await runtime.close();
raw.close();
json.close();
