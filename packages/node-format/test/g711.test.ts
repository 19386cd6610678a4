// G.711 against sox, byte for byte both ways, on real speech (espeak-ng) and on every s16 value.
// sox runs with -D: by default it adds dither whenever it lowers the precision, as s16 -> G.711 does.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../../../tools/testing/rejection.js';
import { encodeWav, fromFloat32, toFloat32 } from '../src/index.js';
import { fixtureDir } from './helpers.js';

const SOX_ENCODING = { mulaw: 'u-law', alaw: 'a-law' } as const;
const RAW_S16 = ['-t', 'raw', '-r', '8000', '-c', '1', '-e', 'signed', '-b', '16', '-L'];

function soxEncode(s16: Int16Array, format: 'mulaw' | 'alaw'): Buffer {
  return execFileSync(
    'sox',
    ['-D', ...RAW_S16, '-', '-t', 'raw', '-e', SOX_ENCODING[format], '-b', '8', '-'],
    { input: Buffer.from(s16.buffer, s16.byteOffset, s16.byteLength), stdio: 'pipe' },
  );
}

function soxDecode(codes: Uint8Array, format: 'mulaw' | 'alaw'): Int16Array {
  const raw = execFileSync(
    'sox',
    [
      '-t',
      'raw',
      '-r',
      '8000',
      '-c',
      '1',
      '-e',
      SOX_ENCODING[format],
      '-b',
      '8',
      '-',
      ...RAW_S16,
      '-',
    ],
    { input: codes, stdio: 'pipe' },
  );
  return new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Two sentences of espeak-ng speech as 8 kHz s16, the rate phone calls carry. */
let speech: Int16Array;
beforeAll(() => {
  const wav = join(fixtureDir, 'g711-speech.wav');
  execFileSync('espeak-ng', [
    '-v',
    'en-us',
    '-w',
    wav,
    'Please hold while your call is connected. Press one for sales.',
  ]);
  const raw = execFileSync('sox', [wav, ...RAW_S16, '-', 'rate', '8000'], { stdio: 'pipe' });
  speech = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
});

describe.each(['mulaw', 'alaw'] as const)('%s', (format) => {
  it('encodes espeak-ng speech to the same bytes as sox', () => {
    expect(speech.length).toBeGreaterThan(8000);
    const ours = fromFloat32(toFloat32(speech, 's16'), format);
    expect(ours).toBeInstanceOf(Buffer);
    const theirs = soxEncode(speech, format);
    expect(ours.length).toBe(theirs.length);
    expect(Buffer.compare(ours, theirs)).toBe(0);
  });

  it('decodes sox-encoded speech to the same samples as sox', () => {
    const codes = soxEncode(speech, format);
    const ours = fromFloat32(toFloat32(codes, format), 's16');
    expect(ours).toEqual(soxDecode(codes, format));
  });

  it('matches sox for every s16 input and every code', () => {
    const everyS16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    const encoded = fromFloat32(toFloat32(everyS16, 's16'), format);
    expect(Buffer.compare(encoded, soxEncode(everyS16, format))).toBe(0);
    const everyCode = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromFloat32(toFloat32(everyCode, format), 's16')).toEqual(soxDecode(everyCode, format));
  });

  it('fills caller-provided arrays, as the per-frame path of a phone call does', () => {
    const frame = speech.subarray(8000, 8160); // one 20 ms frame at 8 kHz
    const f32 = new Float32Array(160);
    const codes = Buffer.alloc(160);
    const encoded = fromFloat32(toFloat32(frame, 's16', f32), format, { out: codes });
    expect(encoded.buffer).toBe(codes.buffer);
    const decoded = toFloat32(codes, format, new Float32Array(320));
    expect(decoded.length).toBe(160);
    expect(fromFloat32(decoded, format)).toEqual(codes);
  });

  it('refuses dither, non-byte arrays and WAV files with a coded error', () => {
    const x = new Float32Array([0.1, -0.1]);
    expect(codeOf(() => fromFloat32(x, format, { dither: true }))).toBe('ERR_INVALID_PARAM');
    expect(codeOf(() => fromFloat32(x, format, { out: new Int16Array(2) }))).toBe(
      'ERR_INVALID_INPUT',
    );
    expect(codeOf(() => toFloat32(new Int16Array(2), format))).toBe('ERR_INVALID_INPUT');
    const audio = { samples: x, sampleRate: 8000, channels: 1 };
    expect(codeOf(() => encodeWav(audio, { format: format as never }))).toBe('ERR_INVALID_PARAM');
    expect(fromFloat32(x, format).length).toBe(2);
  });
});
