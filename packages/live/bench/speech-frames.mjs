// The bench's audio: the VAD crate's speech fixture as 16 kHz s16le 20 ms frames, what every
// client sends (and, as f32, what the pipeline alone is fed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '@remotemedia/node-format';

export const FRAME_MS = 20;
const speech = decodeWav(
  readFileSync(
    fileURLToPath(new URL('../../../crates/vad/tests/fixtures/speech.wav', import.meta.url)),
  ),
);
export const SAMPLE_RATE = speech.sampleRate;
export const FRAME = (speech.sampleRate * FRAME_MS) / 1000;
const pcm = Buffer.alloc(speech.samples.length * 2);
speech.samples.forEach((v, i) => {
  pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32768))), i * 2);
});
/** s16le frames of FRAME samples, as sent on the wire. */
export const frames = Array.from({ length: Math.floor(speech.samples.length / FRAME) }, (_, i) =>
  pcm.subarray(i * FRAME * 2, (i + 1) * FRAME * 2),
);
