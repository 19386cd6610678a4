// node-vad against the VADs a Node user would otherwise pick (@echogarden/fvad-wasm, webrtcvad,
// node-vad from npm) and webrtc-vad called directly from Rust (the ceiling). Same audio for all:
// crates/vad/tests/fixtures/speech.wav looped to 60 s. Each contender's decisions are checked
// against ours before anything is timed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '@remotemedia/node-format';
import { compare, formatTime } from '../../../tools/bench/compare.mjs';
import { detectSegments, Vad } from '../dist/index.js';
import { fvadWasm, nodeVad, resamplers, webrtcvad } from './peers.mjs';

const SECONDS = 60;
const MODE = 0;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const wav = decodeWav(readFileSync(here('../../../crates/vad/tests/fixtures/speech.wav')));

function loop(samples, length) {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = samples[i % samples.length];
  return out;
}
/** Linear interpolation: only used to make the same speech at other rates for timing. */
function atRate(samples, from, to) {
  const out = new Float32Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const x = (i * from) / to;
    const k = Math.floor(x);
    const a = samples[k] ?? 0;
    out[i] = a + ((samples[k + 1] ?? a) - a) * (x - k);
  }
  return out;
}
const toInt16 = (f) =>
  Int16Array.from(f, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
const frames = (pcm, len) =>
  Array.from({ length: Math.floor(pcm.length / len) }, (_, i) =>
    pcm.subarray(i * len, (i + 1) * len),
  );

const f32At16 = loop(wav.samples, 16_000 * SECONDS);
const pcm16 = toInt16(f32At16);

console.log('Running raw webrtc-vad (cargo run --release --example raw_vad)...');
const raw = execFileSync(
  'cargo',
  ['run', '--release', '-q', '-p', 'remotemedia-vad', '--example', 'raw_vad'],
  { cwd: here('../../../'), encoding: 'utf8' },
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const rawAt = (rate) => raw.find((r) => r.rate === rate);

function decisionsOf(make, list) {
  const decide = make();
  return list.map((f) => (decide(f) ? 1 : 0));
}
/** Our decisions on `list` (frames at `sampleRate`): what every contender must agree with. */
function oursDecisions(sampleRate, list) {
  const out = new Uint8Array(4);
  return decisionsOf(() => {
    const vad = new Vad({ sampleRate, mode: MODE });
    return (f) => {
      vad.processInto(f, out);
      return out[0] === 1;
    };
  }, list);
}
function agreement(a, b) {
  const n = Math.min(a.length, b.length);
  let same = 0;
  for (let i = 0; i < n; i++) same += a[i] === b[i] ? 1 : 0;
  return same / Math.max(a.length, b.length);
}
function expectEqual(name, got, want, minAgreement = 1) {
  const a = agreement(got, want);
  if (a < minAgreement)
    throw new Error(`${name}: decisions agree with ours on only ${(a * 100).toFixed(1)} %`);
}

/** The npm VAD packages that are installed, deciding `list` at `rate`, checked against `want`. */
function peerContenders(rate, list, want) {
  const peers = [
    ['@echogarden/fvad-wasm', fvadWasm],
    ['webrtcvad (npm)', webrtcvad],
  ].filter(([, peer]) => peer);
  return peers.map(([name, peer]) => {
    const make = () => peer(rate, MODE);
    const decide = make();
    return {
      name,
      fn: () => {
        for (const f of list) decide(f);
      },
      check: () => expectEqual(name, decisionsOf(make, list), want),
    };
  });
}

const results = [];
function record(kase, timings, unit = 1, rawSeconds) {
  const ours = Object.values(timings)[0] / unit;
  for (const [name, ms] of Object.entries(timings)) {
    results.push({
      case: kase,
      contender: name,
      time: formatTime(ms / unit),
      'vs ours': (ms / unit / ours).toFixed(2),
    });
  }
  if (rawSeconds !== undefined) {
    const ms = rawSeconds * 1000;
    results.push({
      case: kase,
      contender: 'webrtc-vad from Rust (raw)',
      time: formatTime(ms),
      'vs ours': (ms / ours).toFixed(2),
    });
  }
}

// 1. Per-frame cost: 16 kHz, 30 ms frames, one call per frame.
{
  const list = frames(pcm16, 480);
  const out = new Uint8Array(4);
  const want = oursDecisions(16_000, list);
  const contenders = [];
  const vad = new Vad({ sampleRate: 16_000, mode: MODE });
  contenders.push({
    name: 'node-vad (ours) processInto',
    fn: () => {
      for (const f of list) vad.processInto(f, out);
    },
  });
  const f32frames = frames(f32At16, 480);
  const vadF = new Vad({ sampleRate: 16_000, mode: MODE });
  contenders.push({
    name: 'ours processInto(Float32Array)',
    fn: () => {
      for (const f of f32frames) vadF.processInto(f, out);
    },
  });
  const vadP = new Vad({ sampleRate: 16_000, mode: MODE });
  contenders.push({
    name: 'ours process() -> objects',
    fn: () => {
      for (const f of list) vadP.process(f);
    },
  });
  contenders.push(...peerContenders(16_000, list, want));
  const timings = await compare(
    '16 kHz, 30 ms frames: 2,000 frames (60 s), one call each',
    contenders,
  );
  if (nodeVad) {
    const short = list.slice(0, 200);
    const check = async () => {
      const decide = nodeVad(16_000, MODE);
      const got = [];
      for (const f of short) got.push((await decide(f)) ? 1 : 0);
      expectEqual('node-vad (npm)', got, want.slice(0, 200), 0.95);
    };
    await check();
    const decide = nodeVad(16_000, MODE);
    const t = await compare(
      'node-vad (npm), 200 frames (a promise each)',
      [
        {
          name: 'node-vad (npm)',
          fn: async () => {
            for (const f of short) await decide(f);
          },
        },
      ],
      { iterations: 10, time: 200 },
    );
    timings['node-vad (npm)'] = t['node-vad (npm)'] * (list.length / short.length);
  }
  record('16 kHz 30 ms frame (per frame)', timings, list.length, rawAt(16_000).perFrame);
}

// 2. One-shot: a 60 s file and a 1 hour file.
{
  const want = detectSegments(pcm16, { sampleRate: 16_000, mode: MODE });
  if (want.length < 10)
    throw new Error(`expected speech segments in the looped fixture, got ${want.length}`);
  const timings = await compare(
    '60 s of 16 kHz, whole buffer',
    [
      {
        name: 'ours detectSegments(Int16Array)',
        fn: () => detectSegments(pcm16, { sampleRate: 16_000, mode: MODE }),
      },
      {
        name: 'ours detectSegments(Float32Array)',
        fn: () => detectSegments(f32At16, { sampleRate: 16_000, mode: MODE }),
        check: () => {
          if (
            JSON.stringify(detectSegments(f32At16, { sampleRate: 16_000, mode: MODE })) !==
            JSON.stringify(want)
          )
            throw new Error('f32 segments differ');
        },
      },
    ],
    { iterations: 20 },
  );
  record('60 s 16 kHz one-shot', timings, 1, rawAt(16_000).seconds);
  const hour = new Int16Array(16_000 * 3600);
  for (let i = 0; i < 60; i++) hour.set(pcm16, i * pcm16.length);
  const t = await compare(
    '1 hour of 16 kHz, whole buffer',
    [
      {
        name: 'ours detectSegments(Int16Array)',
        fn: () => detectSegments(hour, { sampleRate: 16_000, mode: MODE }),
      },
    ],
    { iterations: 3, time: 1, warmup: false },
  );
  record('1 h 16 kHz one-shot', t, 1, rawAt(16_000).seconds * 60);
}

// 3. 44.1 kHz input, 60 s: we resample internally; peers resample in JS/wasm, then run fvad-wasm.
{
  const input = atRate(f32At16, 16_000, 44_100);
  const oursVad = new Vad({ sampleRate: 44_100, mode: MODE });
  const want = [...oursVad.process(input), ...oursVad.flush()].map((d) => (d.speech ? 1 : 0));
  const out = new Uint8Array(16);
  const chunks = frames(input, 882);
  const streaming = new Vad({ sampleRate: 44_100, mode: MODE });
  const contenders = [
    {
      name: 'ours detectSegments(44.1k f32)',
      fn: () => detectSegments(input, { sampleRate: 44_100, mode: MODE }),
    },
    {
      name: 'ours processInto, 20 ms chunks',
      fn: () => {
        for (const c of chunks) streaming.processInto(c, out);
      },
    },
  ];
  if (fvadWasm) {
    for (const r of resamplers) {
      const run = () => {
        const decide = fvadWasm(16_000, MODE);
        return frames(toInt16(r.resample(input)), 480).map((f) => (decide(f) ? 1 : 0));
      };
      contenders.push({
        name: `${r.name} + fvad-wasm`,
        fn: run,
        check: () => expectEqual(r.name, run(), want, 0.9),
      });
    }
  }
  const timings = await compare('44.1 kHz mono, 60 s, end to end', contenders, { iterations: 10 });
  record('44.1 kHz 60 s end to end', timings);
}

// 4. 48 kHz input, 30 ms frames: every contender takes it directly.
{
  const pcm48 = toInt16(atRate(f32At16, 16_000, 48_000));
  const list = frames(pcm48, 1_440);
  const out = new Uint8Array(4);
  const want = oursDecisions(48_000, list);
  const vad = new Vad({ sampleRate: 48_000, mode: MODE });
  const contenders = [
    {
      name: 'ours processInto',
      fn: () => {
        for (const f of list) vad.processInto(f, out);
      },
    },
  ];
  contenders.push(...peerContenders(48_000, list, want));
  const timings = await compare('48 kHz, 30 ms frames, 60 s', contenders);
  record('48 kHz 30 ms frame (per frame)', timings, list.length, rawAt(48_000).perFrame);
}

console.log('\nSummary (time per frame or per run; "vs ours" > 1 means slower than ours):');
console.table(results);
