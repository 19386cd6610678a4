// WAV files and PCM bytes come from outside: any bytes decode to audio or throw ERR_INVALID_INPUT
// (never a plain TypeError or RangeError from the binding), and a decoded file is self-consistent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds, outcome } from '../../../tools/testing/property.js';
import {
  decodeWav,
  encodeWav,
  SAMPLE_FORMATS,
  type SampleFormat,
  toFloat32,
  WAV_FORMATS,
} from '../src/index.js';

/** Checks one decode: the samples fill whole frames at a rate and channel count in range. */
function decodes(bytes: Uint8Array): string {
  let wav: ReturnType<typeof decodeWav> | undefined;
  const result = outcome(() => {
    wav = decodeWav(bytes);
  }, ['ERR_INVALID_INPUT']);
  if (wav) {
    expect(wav.channels).toBeGreaterThanOrEqual(1);
    expect(wav.channels).toBeLessThanOrEqual(64);
    expect(wav.sampleRate).toBeGreaterThan(0);
    expect(wav.samples.length % wav.channels).toBe(0);
    // A sample takes at least one byte of the file.
    expect(wav.samples.length).toBeLessThanOrEqual(bytes.length);
  }
  return result;
}

/** A small WAV file in any of the formats, then a few bytes changed, cut out or inserted. */
const mutatedWav = fc
  .tuple(
    fc.constantFrom(...WAV_FORMATS),
    fc.integer({ min: 1, max: 4 }),
    fc.integer({ min: 0, max: 16 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat({ max: 3 })), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([format, channels, frames, edits]) => {
    const samples = Float32Array.from({ length: frames * channels }, (_, i) => Math.sin(i) / 2);
    const bytes = [...encodeWav({ samples, sampleRate: 16_000, channels }, { format })];
    for (const [where, byte, remove] of edits) {
      // Most edits land in the 44-byte header, where the length and format fields are.
      const at = where % 2 === 0 ? (where >> 1) % 48 : where % (bytes.length + 1);
      bytes.splice(Math.min(at, bytes.length), remove, byte);
    }
    return Uint8Array.from(bytes);
  });

describe('WAV and PCM bytes from untrusted files', () => {
  it('any bytes decode to audio or ERR_INVALID_INPUT', () => {
    holds(
      'decodeWav (random bytes)',
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        decodes(bytes);
      }),
    );
  });

  it('mutated WAV files decode to audio or ERR_INVALID_INPUT', () => {
    holds(
      'decodeWav (mutated files)',
      fc.property(mutatedWav, (bytes) => {
        decodes(bytes);
      }),
    );
  });

  it('any bytes in any named format convert to samples or a coded error', () => {
    holds(
      'toFloat32 (bytes, formats)',
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.oneof(fc.constantFrom(...SAMPLE_FORMATS), fc.string({ maxLength: 5 })),
        (bytes, format) => {
          let samples: Float32Array | undefined;
          outcome(() => {
            samples = toFloat32(bytes, format as SampleFormat);
          }, ['ERR_INVALID_INPUT', 'ERR_INVALID_PARAM']);
          if (samples) {
            expect(samples.every((s) => s >= -1 && s <= 1)).toBe(true);
          }
        },
      ),
    );
  });

  it('a file the mutations leave whole decodes to what was encoded', () => {
    const samples = Float32Array.from({ length: 32 }, (_, i) => (i - 16) / 32);
    expect(
      decodes(encodeWav({ samples, sampleRate: 16_000, channels: 2 }, { format: 'f32' })),
    ).toBe('ok');
    expect(
      decodeWav(encodeWav({ samples, sampleRate: 16_000, channels: 2 }, { format: 'f32' })).samples,
    ).toEqual(samples);
  });
});
