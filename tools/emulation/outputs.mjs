// Runs the native packages over the fixture set through their public entry points and writes
// every output to a JSON file, so the same script under x86-64 Node and under arm64 Node (qemu)
// can be compared (compare-outputs.mjs):
//   node tools/emulation/outputs.mjs <out.json>
// Each case is `integer` (must match bit for bit) or `float` (compared with a tolerance) by what
// the code computing it does, not by the type it returns.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  decodeWav,
  downmix,
  encodeWav,
  fromFloat32,
  interleave,
  toFloat32,
  upmix,
} from '@remotemedia/node-format';
import { Resampler, resample } from '@remotemedia/node-resample';
import { detectSegments, Vad } from '@remotemedia/node-vad';

const root = new URL('../../', import.meta.url);
const speech16k = decodeWav(readFileSync(new URL('crates/vad/tests/fixtures/speech.wav', root)));
const wav48k = decodeWav(readFileSync(new URL('examples/assets/speech-48k-stereo.wav', root)));
/** The first 6 s: long enough for every code path, short enough to run quickly under qemu. */
const speech48kStereo = { ...wav48k, samples: wav48k.samples.subarray(0, 6 * 48_000 * 2) };

const cases = {};
/**
 * Records a case. Integer arrays are kept as their SHA-256 (equal digests = equal bits); float
 * arrays whole, to be compared sample by sample.
 */
const record = (name, kind, value) => {
  if (!ArrayBuffer.isView(value)) cases[name] = { kind, type: 'json', data: value };
  else {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    cases[name] =
      kind === 'integer'
        ? { kind, type: 'sha256', data: createHash('sha256').update(bytes).digest('hex') }
        : { kind, type: value.constructor.name, data: bytes.toString('base64') };
  }
};

// node-format: integer scaling and bytes are exact by design; downmix averages in f32.
record('format: decodeWav 16k mono (s16 -> f32)', 'integer', speech16k.samples);
record('format: decodeWav 48k stereo', 'integer', wav48k.samples);
for (const format of ['s16', 's24', 's32', 'u8']) {
  const pcm = fromFloat32(speech48kStereo.samples, format);
  record(`format: fromFloat32 ${format}`, 'integer', pcm);
  record(
    `format: fromFloat32 ${format} dithered (seed 7)`,
    'integer',
    fromFloat32(speech48kStereo.samples, format, { dither: true, seed: 7 }),
  );
  record(`format: toFloat32 ${format}`, 'integer', toFloat32(pcm, format));
}
record('format: encodeWav s24', 'integer', encodeWav(speech16k, { format: 's24' }));
record('format: downmix stereo', 'float', downmix(speech48kStereo.samples, 2));
record(
  'format: upmix + interleave',
  'integer',
  interleave([speech16k.samples, upmix(speech16k.samples, 1)]),
);

// node-resample: FFT-based (rubato), where x86-64 and arm64 use different SIMD kernels.
for (const quality of ['fast', 'balanced', 'high', 'max']) {
  record(
    `resample: 48k stereo -> 16k, ${quality}`,
    'float',
    resample(speech48kStereo.samples, { from: 48_000, to: 16_000, channels: 2, quality }),
  );
}
record(
  'resample: 16k -> 44.1k, high',
  'float',
  resample(speech16k.samples, { from: 16_000, to: 44_100 }),
);
const streamed = new Resampler({ from: 16_000, to: 48_000, quality: 'balanced' });
const int16 = fromFloat32(speech16k.samples, 's16');
const parts = [];
for (let i = 0; i < int16.length; i += 320)
  parts.push(streamed.processInt16(int16.subarray(i, i + 320)).slice());
parts.push(streamed.flushInt16().slice());
record(
  'resample: 16k -> 48k processInt16, 20 ms chunks',
  'float-int16',
  Int16Array.from(parts.flatMap((p) => [...p])),
);
streamed.close();

// node-vad: webrtc-vad is fixed-point integer code; other rates go through the resampler first.
for (const mode of ['quality', 'aggressive', 'very-aggressive']) {
  record(
    `vad: segments 16k, ${mode}`,
    'integer',
    detectSegments(speech16k.samples, { sampleRate: 16_000, mode }),
  );
}
const decisions = (samples, options) => {
  const vad = new Vad(options);
  const all = [...vad.process(samples), ...vad.flush()];
  vad.close();
  return all.map((d) => (d.speech ? 1 : 0)).join('');
};
record(
  'vad: decisions 48k stereo, 10 ms',
  'integer',
  decisions(speech48kStereo.samples, { sampleRate: 48_000, channels: 2, frameMs: 10 }),
);
record(
  'vad: decisions 16k, 30 ms, aggressive',
  'integer',
  decisions(speech16k.samples, { sampleRate: 16_000, mode: 'aggressive' }),
);
record(
  'vad: decisions 44.1k (resampled inside), 20 ms',
  'float-decisions',
  decisions(resample(speech16k.samples, { from: 16_000, to: 44_100 }), {
    sampleRate: 44_100,
    frameMs: 20,
  }),
);

writeFileSync(process.argv[2] ?? 'outputs.json', JSON.stringify({ arch: process.arch, cases }));
console.log(`${process.arch}: ${Object.keys(cases).length} cases written`);
