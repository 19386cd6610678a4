// node-resample against the resamplers a Node user would otherwise pick (libsamplerate-js, wasm;
// wave-resampler, pure JS), rubato called directly from Rust (the ceiling for our binding) and,
// when a Python venv with soxr exists in bench/.venv, soxr (libsoxr). Same input for everyone;
// each contender's output is checked (length and SNR against the ideal tone) before it is timed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import libsamplerate from '@alexanderolsen/libsamplerate-js';
import waveResampler from 'wave-resampler';
import { Resampler, resample } from '../dist/index.js';

const { ConverterType, create } = libsamplerate;
const waveResample = waveResampler.resample;
const SECONDS = 60;
const CASES = [
  ['48k->16k mono', 48_000, 16_000, 1],
  ['44.1k->48k stereo', 44_100, 48_000, 2],
  ['16k->48k mono', 16_000, 48_000, 1],
];
const STREAM_CASE = '20 ms frames 48k->16k stereo';
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function tone(rate, frames, channels, amp = 0.5) {
  const out = new Float32Array(frames * channels);
  for (let n = 0; n < frames; n++) {
    const v = amp * Math.sin((2 * Math.PI * 1000 * n) / rate);
    for (let c = 0; c < channels; c++) out[n * channels + c] = v;
  }
  return out;
}

/** SNR (dB) of channel 0 against the ideal 1 kHz tone, at the best shift within ±64 samples. */
function snr(out, rate, channels) {
  const frames = Math.floor(out.length / channels);
  let best = -Infinity;
  for (let shift = -64; shift <= 64; shift++) {
    let p = 0;
    let e = 0;
    for (let k = Math.floor(frames / 10); k < Math.floor((frames * 9) / 10); k += 7) {
      const ideal = 0.5 * Math.sin((2 * Math.PI * 1000 * (k + shift)) / rate);
      p += ideal * ideal;
      e += (out[k * channels] - ideal) ** 2;
    }
    best = Math.max(best, 10 * Math.log10(p / Math.max(e, 1e-300)));
  }
  return best;
}

function median(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function external(command, args, options = {}) {
  const lines = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  return lines
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

console.log('Running raw rubato (cargo run --release --example raw_rubato)...');
const rubato = external(
  'cargo',
  ['run', '--release', '-q', '-p', 'remotemedia-resample', '--example', 'raw_rubato'],
  {
    cwd: here('../../../'),
  },
);
const python = here('.venv/bin/python');
let soxr = [];
if (existsSync(python)) {
  console.log('Running soxr (bench/.venv)...');
  soxr = external(python, [here('soxr_bench.py'), JSON.stringify(CASES)]);
} else {
  console.log(
    'NOTICE: no bench/.venv with soxr; skipping soxr (python3 -m venv bench/.venv && bench/.venv/bin/pip install soxr numpy)',
  );
}

const table = [];
function row(kase, name, seconds, quality, base) {
  table.push({
    case: kase,
    contender: name,
    median:
      seconds >= 1e-3 ? `${(seconds * 1e3).toFixed(2)} ms` : `${(seconds * 1e6).toFixed(2)} us`,
    'x real time': kase === STREAM_CASE ? '' : Math.round(SECONDS / seconds).toLocaleString('en'),
    'SNR dB': quality === undefined ? '' : quality.toFixed(1),
    'time vs ours high': base === undefined ? '' : `${(seconds / base).toFixed(2)}x`,
  });
}

for (const [kase, from, to, ch] of CASES) {
  const input = tone(from, from * SECONDS, ch);
  const expected = Math.round((from * SECONDS * to) / from) * ch;
  const contenders = [];
  for (const quality of ['high', 'fast', 'max']) {
    contenders.push([
      `node-resample ${quality}`,
      () => resample(input, { from, to, channels: ch, quality }),
      5,
    ]);
  }
  for (const [label, type, runs] of [
    ['libsamplerate-js SINC_BEST_QUALITY', ConverterType.SRC_SINC_BEST_QUALITY, 1],
    ['libsamplerate-js SINC_FASTEST', ConverterType.SRC_SINC_FASTEST, 3],
  ]) {
    const src = await create(ch, from, to, { converterType: type });
    contenders.push([label, () => src.simple(input), runs]);
  }
  if (ch === 1)
    contenders.push([
      'wave-resampler sinc + LPF',
      () => waveResample(input, from, to, { method: 'sinc', LPF: true }),
      1,
    ]);
  let base;
  for (const [name, fn, runs] of contenders) {
    const out = fn();
    if (Math.abs(out.length - expected) > 0.01 * expected)
      throw new Error(`${name}: ${out.length} samples, expected ~${expected}`);
    const quality = snr(out, to, ch);
    if (quality < 15)
      throw new Error(`${name}: output is not the tone (SNR ${quality.toFixed(1)} dB)`);
    const seconds = median(runs, fn);
    base ??= seconds;
    row(kase, name, seconds, quality, base);
  }
  for (const m of [...rubato, ...soxr].filter((m) => m.case === kase))
    row(kase, m.name, m.seconds, undefined, base);
}

// Streaming: one 20 ms frame (960 frames of stereo) per call, into a reused output array.
const frame = tone(48_000, 960, 2);
const calls = 20_000;
const r = new Resampler({ from: 48_000, to: 16_000, channels: 2 });
const out = new Float32Array(4096);
const ours =
  median(5, () => {
    for (let i = 0; i < calls; i++) r.process(frame, out);
  }) / calls;
row(STREAM_CASE, 'node-resample high process(frame, out)', ours, undefined, ours);
const own =
  median(5, () => {
    for (let i = 0; i < calls; i++) r.process(frame);
  }) / calls;
row(STREAM_CASE, 'node-resample high process(frame) (own buffer)', own, undefined, ours);
for (const [label, type] of [
  ['libsamplerate-js SINC_BEST_QUALITY full()', ConverterType.SRC_SINC_BEST_QUALITY],
  ['libsamplerate-js SINC_FASTEST full()', ConverterType.SRC_SINC_FASTEST],
]) {
  const src = await create(2, 48_000, 16_000, { converterType: type });
  const dst = new Float32Array(4096);
  const n = type === ConverterType.SRC_SINC_BEST_QUALITY ? 500 : calls;
  const t =
    median(3, () => {
      for (let i = 0; i < n; i++) src.full(frame, dst);
    }) / n;
  row(STREAM_CASE, label, t, undefined, ours);
}
for (const m of [...rubato, ...soxr].filter((m) => m.case === STREAM_CASE))
  row(STREAM_CASE, m.name, m.seconds, undefined, ours);

console.log(
  `\nnode-resample benchmark: ${SECONDS} s of a 1 kHz tone per case; ratios are time / node-resample high`,
);
console.table(table);
