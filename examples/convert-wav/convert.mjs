// Converts a WAV file to mono 16-bit PCM with @remotemedia/node-format, the first step of a speech
// pipeline (48 kHz stereo capture -> mono s16 for a speech model).
//   node examples/convert-wav/convert.mjs [in.wav] [out.wav]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWavAsync, downmix, encodeWavAsync } from '@remotemedia/node-format';

const here = dirname(fileURLToPath(import.meta.url));
const input = resolve(process.argv[2] ?? `${here}/../assets/speech-48k-stereo.wav`);
const output = resolve(process.argv[3] ?? `${here}/out/speech-mono-s16.wav`);

const started = performance.now();
const wav = await decodeWavAsync(await readFile(input));
const mono = downmix(wav.samples, wav.channels);
const bytes = await encodeWavAsync(
  { samples: mono, sampleRate: wav.sampleRate, channels: 1 },
  { format: 's16' },
);
await mkdir(dirname(output), { recursive: true });
await writeFile(output, bytes);
const ms = performance.now() - started;

const seconds = mono.length / wav.sampleRate;
let peak = 0;
for (const s of mono) peak = Math.max(peak, Math.abs(s));
console.log(`in:  ${input}`);
console.log(
  `     ${wav.channels} ch, ${wav.sampleRate} Hz, ${wav.format}, ${seconds.toFixed(2)} s`,
);
console.log(`out: ${output}`);
console.log(
  `     1 ch, ${wav.sampleRate} Hz, s16, ${bytes.length} bytes, peak ${(20 * Math.log10(peak)).toFixed(1)} dBFS`,
);
console.log(`done in ${ms.toFixed(1)} ms (${(seconds / (ms / 1000)).toFixed(0)}x real time)`);
