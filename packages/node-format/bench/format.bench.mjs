// node-format against wavefile (the most used npm WAV library) and plain JS loops, same inputs.
import wavefilePkg from 'wavefile';
import { assertClose, compare } from '../../../tools/bench/compare.mjs';
import { decodeWav, encodeWav, fromFloat32, toFloat32 } from '../dist/index.js';

const { WaveFile } = wavefilePkg;
const RATE = 48_000;
const CHANNELS = 2;
const n = 60 * RATE * CHANNELS; // 60 s of 48 kHz stereo
const s16 = Int16Array.from({ length: n }, (_, i) =>
  Math.round(20000 * Math.sin(i / 37) + 500 * Math.sin(i * 1.7)),
);
const f32 = toFloat32(s16, 's16');
const outF32 = new Float32Array(n);
const outS16 = new Int16Array(n);

function jsS16ToF32(input, out) {
  for (let i = 0; i < input.length; i++) out[i] = input[i] / 32768;
  return out;
}
function jsF32ToS16(input, out) {
  for (let i = 0; i < input.length; i++) {
    const v = Math.round(input[i] * 32768);
    out[i] = Math.min(32767, Math.max(-32768, v));
  }
  return out;
}
function wavefileS16ToF32() {
  const wav = new WaveFile();
  wav.fromScratch(CHANNELS, RATE, '16', s16);
  wav.toBitDepth('32f');
  return wav.getSamples(true, Float32Array);
}
function wavefileF32ToS16() {
  const wav = new WaveFile();
  wav.fromScratch(CHANNELS, RATE, '32f', f32);
  wav.toBitDepth('16');
  return wav.getSamples(true, Int16Array);
}

// wavefile needs seconds per 60 s buffer: a few timed runs each, on the same input for everyone.
const BULK = { time: 0, iterations: 3, warmup: false };
const results = {};
results.toF32 = await compare(
  's16 -> f32, 60 s of 48 kHz stereo (5.76 M samples)',
  [
    { name: 'node-format toFloat32', fn: () => toFloat32(s16, 's16', outF32) },
    {
      name: 'plain JS loop',
      fn: () => jsS16ToF32(s16, outF32),
      check: () => assertClose('js', jsS16ToF32(s16, new Float32Array(n)), f32, 0),
    },
    {
      name: 'wavefile',
      fn: wavefileS16ToF32,
      check: () => assertClose('wavefile', wavefileS16ToF32(), f32, 1e-4),
    },
  ],
  BULK,
);
results.toS16 = await compare(
  'f32 -> s16, 60 s of 48 kHz stereo',
  [
    { name: 'node-format fromFloat32', fn: () => fromFloat32(f32, 's16', { out: outS16 }) },
    {
      name: 'plain JS loop',
      fn: () => jsF32ToS16(f32, outS16),
      check: () => assertClose('js', jsF32ToS16(f32, new Int16Array(n)), s16, 0),
    },
    {
      name: 'wavefile',
      fn: wavefileF32ToS16,
      check: () => assertClose('wavefile', wavefileF32ToS16(), s16, 1),
    },
  ],
  BULK,
);

const file = encodeWav({ samples: f32, sampleRate: RATE, channels: CHANNELS }, { format: 's16' });
results.wav = await compare(
  'WAV decode + encode (s16), 60 s of 48 kHz stereo',
  [
    {
      name: 'node-format decodeWav + encodeWav',
      fn: () => {
        const wav = decodeWav(file);
        return encodeWav(wav, { format: 's16' });
      },
      check: () => assertClose('ours', decodeWav(file).samples, f32, 0),
    },
    {
      name: 'wavefile',
      fn: () => {
        const wav = new WaveFile(file);
        const samples = wav.getSamples(true, Float32Array); // raw integer values as floats
        const out = new WaveFile();
        out.fromScratch(CHANNELS, RATE, '16', samples);
        return out.toBuffer();
      },
      check: () => {
        const wav = new WaveFile(file);
        assertClose('wavefile', wav.getSamples(true, Float32Array), s16, 0);
      },
    },
  ],
  BULK,
);

const frame = s16.subarray(0, 1920); // one 20 ms frame of 48 kHz stereo
const frameOut = new Float32Array(1920);
results.frame = await compare('one 20 ms frame (1,920 samples) s16 -> f32 into a given array', [
  { name: 'node-format toFloat32', fn: () => toFloat32(frame, 's16', frameOut) },
  { name: 'plain JS loop', fn: () => jsS16ToF32(frame, frameOut) },
]);

const ratio = (group, peer) => (results[group][peer] / Object.values(results[group])[0]).toFixed(2);
console.log(
  '\nSummary (targets: >= 5x wavefile and >= 2x plain JS on bulk; 20 ms frame < 1 us median)',
);
console.log(
  `  s16->f32: ${ratio('toF32', 'wavefile')}x wavefile, ${ratio('toF32', 'plain JS loop')}x plain JS`,
);
console.log(
  `  f32->s16: ${ratio('toS16', 'wavefile')}x wavefile, ${ratio('toS16', 'plain JS loop')}x plain JS`,
);
console.log(`  WAV decode+encode: ${ratio('wav', 'wavefile')}x wavefile`);
console.log(`  20 ms frame: ${(Object.values(results.frame)[0] * 1e6).toFixed(0)} ns median`);
