// Denoise against the RNNoise builds a Node user would otherwise pick, on the same 10 s of 48 kHz
// mono (espeak-ng speech over sox's pink noise at 5 dB SNR) fed as 10 ms frames:
// @jitsi/rnnoise-wasm (RNNoise 0.1, the model nnnoiseless ports: its output must match ours
// before it is timed), @shiguredo/rnnoise-wasm and pyrnnoise (RNNoise 0.2, a newer and larger
// model, so the same work per frame is not the same output: their SNR gain is printed). Prints the
// cost per 10 ms frame, the realtime factor, and ratios.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, formatTime } from '../../../tools/bench/compare.mjs';
import { DenoiseNode } from '../dist/index.js';
import { jitsiRnnoise, shiguredoRnnoise } from './peers.mjs';

const RATE = 48_000;
const FRAME = 480;
const FRAMES = 1_000;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'denoise-bench-'));

/** `args` through sox as raw f32 mono at 48 kHz, `FRAMES` frames long (looped or cut). */
function sox(name, args) {
  const file = join(scratch, name);
  execFileSync(
    'sox',
    [
      '-R',
      ...args,
      '-r',
      String(RATE),
      '-c',
      '1',
      '-e',
      'float',
      '-b',
      '32',
      '-t',
      'raw',
      file,
      ...(args[0] === '-n' ? [] : ['repeat', '9']),
    ].concat(args[0] === '-n' ? ['synth', '10', 'pinknoise'] : []),
  );
  const raw = readFileSync(file);
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
  return Float32Array.from({ length: FRAMES * FRAME }, (_, i) => all[i % all.length]);
}

execFileSync('espeak-ng', [
  '-v',
  'en-us',
  '-s',
  '165',
  '-w',
  join(scratch, 'speech.wav'),
  'The meeting moved to Thursday at four, so bring the quarterly report. Thank you.',
]);
const clean = sox('clean.f32', [join(scratch, 'speech.wav')]);
const pink = sox('pink.f32', ['-n']);
const power = (x) => x.reduce((s, v) => s + v * v, 0);
const gain = Math.sqrt(power(clean) / power(pink) / 10 ** (5 / 10));
const input = clean.map((v, i) => v + gain * pink[i]);
const frames = Array.from({ length: FRAMES }, (_, f) => input.subarray(f * FRAME, (f + 1) * FRAME));

/** Ours: the node fed one 10 ms frame per call, as a pipeline does. Output aligned with input. */
function runOurs() {
  const node = DenoiseNode.create();
  const out = new Float32Array(input.length);
  let at = 0;
  const take = (o) => {
    if (o?.audio === undefined) return;
    out.set(o.audio.samples, at);
    at += o.audio.samples.length;
  };
  for (const frame of frames) take(node.process({ samples: frame, sampleRate: RATE, channels: 1 }));
  take(node.flush());
  node.close();
  return out;
}

/** A peer fed frame by frame; its output is one frame late, so it is shifted back. */
function runPeer(peer) {
  const out = new Float32Array(input.length);
  for (let f = 0; f < FRAMES; f++) {
    peer.processFrame(frames[f], out.subarray(f * FRAME, (f + 1) * FRAME));
  }
  return out.subarray(FRAME);
}

/** Signal-to-difference ratio (dB) of `a` against `b`. */
function sdr(a, b) {
  let [s, d] = [0, 0];
  for (let i = 0; i < b.length; i++) {
    s += a[i] ** 2;
    d += (a[i] - b[i]) ** 2;
  }
  return 10 * Math.log10(s / d);
}

/** SNR (dB) of `x` as an estimate of the clean speech. */
function snr(x) {
  let e = 0;
  for (let i = 0; i < x.length; i++) e += (x[i] - clean[i]) ** 2;
  return 10 * Math.log10(power(clean.subarray(0, x.length)) / e);
}

const ours = runOurs();
const oursGain = snr(ours) - snr(input);
const checkSameAsOurs = (name, out) => () => {
  const d = sdr(ours.subarray(0, out.length), out);
  if (d < 30) throw new Error(`${name}: differs from ours (${d.toFixed(1)} dB SDR)`);
  console.log(`${name}: same output as ours within ${d.toFixed(1)} dB SDR`);
};
/** A build of another model cannot match ours: its SNR gain on this input is printed instead. */
const reportGain = (name, out) => () => {
  if (out.some((v) => !Number.isFinite(v))) throw new Error(`${name}: output is not finite`);
  const got = snr(out) - snr(input.subarray(0, out.length));
  console.log(
    `${name}: another model; gains ${got.toFixed(1)} dB SNR here (ours ${oursGain.toFixed(1)} dB)`,
  );
};

const jitsi = await jitsiRnnoise();
const shiguredo = await shiguredoRnnoise();
const results = await compare(
  `${FRAMES} frames of 10 ms, 48 kHz mono (one call per frame)`,
  [
    { name: 'node-denoise (ours)', fn: runOurs },
    {
      name: '@jitsi/rnnoise-wasm 0.2.1',
      fn: () => runPeer(jitsi),
      check: checkSameAsOurs('@jitsi/rnnoise-wasm', runPeer(jitsi)),
    },
    {
      name: '@shiguredo/rnnoise-wasm 2025.1.5',
      fn: () => runPeer(shiguredo),
      check: reportGain('@shiguredo/rnnoise-wasm', runPeer(shiguredo)),
    },
  ],
  { iterations: 20, time: 2_000 },
);

const perFrame = Object.fromEntries(
  Object.entries(results).map(([name, ms]) => [name, ms / FRAMES]),
);

// pyrnnoise, out of process, timed by Python over the same frames.
try {
  execFileSync('bash', [here('pyrnnoise-peer.sh')], { stdio: 'inherit' });
  const dir = scratch;
  {
    writeFileSync(join(dir, 'in.f32'), input);
    const python = here('.pyrnnoise/bin/python');
    const out = execFileSync(python, [
      here('pyrnnoise_peer.py'),
      join(dir, 'in.f32'),
      join(dir, 'out.f32'),
      '10',
    ]);
    const raw = readFileSync(join(dir, 'out.f32'));
    reportGain(
      'pyrnnoise',
      new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4).subarray(FRAME),
    )();
    perFrame['pyrnnoise 0.4.5'] = JSON.parse(String(out)).perFrameS * 1000;
  }
} catch (error) {
  console.log(`NOTICE: pyrnnoise not run (${error.message.split('\n')[0]})`);
}

const oursMs = perFrame['node-denoise (ours)'];
console.log('\nPer 10 ms frame (realtime factor = time / 10 ms; speed-up of ours)');
console.table(
  Object.entries(perFrame).map(([name, ms]) => ({
    contender: name,
    'per frame': formatTime(ms),
    'realtime factor': (ms / 10).toFixed(4),
    'ours is': name.includes('ours') ? '' : `${(ms / oursMs).toFixed(2)}x faster`,
  })),
);
jitsi.close();
shiguredo.close();
rmSync(scratch, { recursive: true, force: true });
