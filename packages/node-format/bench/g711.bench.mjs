// G.711 (the phone path: Twilio Media Streams send 20 ms of 8 kHz mu-law) against alawmulaw, the
// most used npm G.711 codec, on the same input. Pipelines hold f32, so each contender goes
// f32 -> codes and codes -> f32; alawmulaw works on Int16Array, so a plain JS loop bridges it.
import alawmulawPkg from 'alawmulaw';
import { compare } from '../../../tools/bench/compare.mjs';
import { fromFloat32, toFloat32 } from '../dist/index.js';

const RATE = 8000;
const n = 60 * RATE; // 60 s of 8 kHz mono
// Speech-like level changes, so every segment of the companding curve is used.
const s16 = Int16Array.from({ length: n }, (_, i) =>
  Math.round(16000 * Math.sin(i / 11) * Math.sin(i / 4000) + 300 * Math.sin(i * 1.3)),
);
const f32 = toFloat32(s16, 's16');

function jsF32ToS16(input, out) {
  for (let i = 0; i < input.length; i++) {
    out[i] = Math.min(32767, Math.max(-32768, Math.round(input[i] * 32768)));
  }
  return out;
}
function jsS16ToF32(input, out) {
  for (let i = 0; i < input.length; i++) out[i] = input[i] / 32768;
  return out;
}

/**
 * alawmulaw rounds some inputs at interval edges to the neighbouring code (ours equal sox's
 * codes); decoding must be identical and the round-trip error equally small (within 1%).
 */
function checkPeer(codec, format) {
  const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
  const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const ours = fromFloat32(toFloat32(codes, format), 's16');
  const theirs = codec.decode(codes);
  if (ours.some((v, i) => v !== theirs[i])) throw new Error(`alawmulaw ${format}: decode differs`);
  const sq = (back) => back.reduce((sum, v, i) => sum + (v - all[i]) ** 2, 0);
  const errOurs = sq(
    fromFloat32(toFloat32(fromFloat32(toFloat32(all, 's16'), format), format), 's16'),
  );
  const theirCodes = codec.encode(all);
  const ourCodes = fromFloat32(toFloat32(all, 's16'), format);
  const differ = ourCodes.reduce((count, c, i) => count + (c === theirCodes[i] ? 0 : 1), 0);
  console.log(`alawmulaw ${format}: ${differ} of 65536 s16 inputs get another code than ours`);
  const errTheirs = sq(codec.decode(theirCodes));
  if (Math.abs(errTheirs / errOurs - 1) > 0.01) {
    throw new Error(`alawmulaw ${format}: round-trip error ${errTheirs} vs ours ${errOurs}`);
  }
}

const results = {};
for (const format of ['mulaw', 'alaw']) {
  const codec = alawmulawPkg[format];
  checkPeer(codec, format);
  const codes = fromFloat32(f32, format);
  const outCodes = Buffer.alloc(n);
  const outF32 = new Float32Array(n);
  const scratch = new Int16Array(n);
  results[`${format} encode`] = await compare(`f32 -> ${format}, 60 s of 8 kHz (480 k samples)`, [
    { name: 'node-format fromFloat32', fn: () => fromFloat32(f32, format, { out: outCodes }) },
    { name: 'alawmulaw encode', fn: () => codec.encode(jsF32ToS16(f32, scratch)) },
  ]);
  results[`${format} decode`] = await compare(`${format} -> f32, 60 s of 8 kHz`, [
    { name: 'node-format toFloat32', fn: () => toFloat32(codes, format, outF32) },
    { name: 'alawmulaw decode', fn: () => jsS16ToF32(codec.decode(codes), outF32) },
  ]);
}

// One Twilio media message: 20 ms at 8 kHz, into buffers the caller keeps.
const frame = f32.subarray(8000, 8160);
const frameCodes = Buffer.alloc(160);
const frameF32 = new Float32Array(160);
const frameS16 = new Int16Array(160);
results.frame = await compare('one 20 ms phone frame (160 samples): f32 -> mulaw -> f32', [
  {
    name: 'node-format',
    fn: () => toFloat32(fromFloat32(frame, 'mulaw', { out: frameCodes }), 'mulaw', frameF32),
  },
  {
    name: 'alawmulaw',
    fn: () =>
      jsS16ToF32(
        alawmulawPkg.mulaw.decode(alawmulawPkg.mulaw.encode(jsF32ToS16(frame, frameS16))),
        frameF32,
      ),
  },
]);

console.log('\nSummary (target: faster than alawmulaw in every case)');
for (const [group, medians] of Object.entries(results)) {
  const [ours, peer] = Object.values(medians);
  console.log(`  ${group}: ${(peer / ours).toFixed(2)}x alawmulaw`);
}
