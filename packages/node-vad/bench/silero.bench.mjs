// The silero engine against the Silero runners a Node user would otherwise pick, on the same
// 60 s of speech in noise (crates/silero/tests/fixtures/speech-16k.wav looped): @ricky0123/vad-node
// and avr-vad (onnxruntime-node), Python silero-vad on onnxruntime (the reference), and our webrtc
// engine. Every contender must find the fixture's speech before it is timed. Peers are installed
// outside the workspace by silero-peers.sh (run here when missing).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '@remotemedia/node-format';
import { compare, formatTime } from '../../../tools/bench/compare.mjs';
import { detectSegments, Vad } from '../dist/index.js';

const SECONDS = 60;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const fixture = decodeWav(
  readFileSync(here('../../../crates/silero/tests/fixtures/speech-16k.wav')),
);
const audio = new Float32Array(16_000 * SECONDS).map(
  (_, i) => fixture.samples[i % fixture.samples.length],
);
const WINDOWS = Math.floor(audio.length / 512);
const ours = detectSegments(audio, { sampleRate: 16_000, engine: 'silero' });
if (ours.length < 10) throw new Error(`expected speech segments in 60 s, got ${ours.length}`);

/** A peer's segments must cover most of the speech ours found (same model family). */
function checkSegments(name, segments) {
  const covered = (s) => segments.some((p) => p.startMs < s.endMs && p.endMs > s.startMs);
  const share = ours.filter(covered).length / ours.length;
  if (share < 0.8)
    throw new Error(`${name}: finds only ${(share * 100).toFixed(0)} % of the speech`);
}

try {
  execFileSync('bash', [here('silero-peers.sh')], { stdio: 'inherit' });
} catch (error) {
  console.log(`NOTICE: peers not installed (${error.message.split('\n')[0]}); timing ours only`);
}
const peerRequire = createRequire(here('.silero-peers/package.json'));
const load = (name) => {
  try {
    return peerRequire(name);
  } catch (error) {
    console.log(`NOTICE: skipping ${name}: ${error.message.split('\n')[0]}`);
    return undefined;
  }
};

const decisions = new Uint8Array(4);
const probabilities = new Float32Array(4);
const windows = Array.from({ length: WINDOWS }, (_, i) => audio.subarray(i * 512, (i + 1) * 512));
const silero = new Vad({ sampleRate: 16_000, engine: 'silero' });
const webrtc = new Vad({ sampleRate: 16_000 });
const contenders = [
  {
    name: 'node-vad silero (ours)',
    fn: () => {
      for (const w of windows) silero.processInto(w, decisions, probabilities);
    },
  },
  {
    name: 'node-vad webrtc (ours)',
    fn: () => {
      for (const w of windows) webrtc.processInto(w, decisions);
    },
    check: () => checkSegments('webrtc', detectSegments(audio, { sampleRate: 16_000 })),
  },
];

async function peerSegments(run) {
  const segments = [];
  for await (const { start, end } of run()) segments.push({ startMs: start, endMs: end });
  return segments;
}

/** A Silero peer with a `NonRealTimeVAD` (run on the whole file), checked, then timed as `name`. */
async function addNonRealTimePeer(peer, name) {
  const vad = await peer.NonRealTimeVAD.new();
  const run = () => vad.run(audio, 16_000);
  checkSegments(name, await peerSegments(run));
  contenders.push({
    name,
    fn: async () => {
      for await (const _ of run());
    },
  });
}
const ricky = load('@ricky0123/vad-node');
if (ricky) await addNonRealTimePeer(ricky, '@ricky0123/vad-node (onnxruntime-node)');
const avr = load('avr-vad');
if (avr) {
  try {
    await addNonRealTimePeer(avr, 'avr-vad (onnxruntime-node)');
  } catch (error) {
    console.log(`NOTICE: skipping avr-vad: ${error.message.split('\n')[0]}`);
  }
}

const timings = await compare(
  `60 s of 16 kHz speech in noise (${WINDOWS} windows of 32 ms)`,
  contenders,
  {
    iterations: 5,
    time: 1,
  },
);

const python = here('.silero-python/bin/python');
if (existsSync(python)) {
  const line = execFileSync(python, [
    here('../../../crates/silero/scripts/time_onnxruntime.py'),
    here('.silero-python/silero_vad/data/silero_vad.onnx'),
    String(WINDOWS),
  ]).toString();
  timings['Python silero-vad 6.2.3 (onnxruntime, 1 thread)'] =
    (JSON.parse(line).usPerWindow * WINDOWS) / 1000;
}

const oursMs = timings['node-vad silero (ours)'];
console.log('\nPer 32 ms window (frames of other sizes are scaled to 32 ms of audio):');
console.table(
  Object.entries(timings).map(([name, ms]) => ({
    contender: name,
    'per window': formatTime(ms / WINDOWS),
    realtime: `${Math.round((SECONDS * 1000) / ms)}x`,
    'vs silero (ours)': `${(ms / oursMs).toFixed(2)}x`,
  })),
);
const binary = here(`../vad.${process.platform}-${process.arch}-gnu.node`);
const model = here('../model/silero_vad_v6.bin');
if (existsSync(binary) && existsSync(model)) {
  const mb = (file) => (statSync(file).size / 1e6).toFixed(2);
  console.log(
    `native binary (both engines): ${mb(binary)} MB; Silero weights, once per install: ${mb(model)} MB`,
  );
}
console.log(`RSS of this process: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
