// PCM from outside, as bytes or typed arrays in any format and with any output array, converts
// to samples or throws a coded error; the codes every format writes come back the same through f32,
// and WAV files keep their samples through encode and decode, on the thread pool as inline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  holds,
  holdsAsync,
  IO_PROPERTY_TIMEOUT_MS,
  outcome,
} from '../../../tools/testing/property.js';
import {
  decodeWav,
  decodeWavAsync,
  encodeWav,
  encodeWavAsync,
  fromFloat32,
  SAMPLE_FORMATS,
  type SampleFormat,
  toFloat32,
  WAV_FORMATS,
} from '../src/index.js';

const CODES = ['ERR_INVALID_INPUT', 'ERR_INVALID_PARAM'];
const BYTES: Record<SampleFormat, number> = { u8: 1, s16: 2, s24: 3, s32: 4, mulaw: 1, alaw: 1 };

const formatArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>(...SAMPLE_FORMATS) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('S16', 'f32', '', 16, undefined, null) },
);
const bytesArb = fc.uint8Array({ maxLength: 48 });
/** Bytes as a view at an odd place of a larger buffer, as a socket's chunk may be. */
const offsetBytes = fc
  .tuple(bytesArb, fc.integer({ min: 1, max: 7 }))
  .map(([b, at]) => new Uint8Array(Uint8Array.from([...new Array(at).fill(0), ...b]).buffer, at));
const inputArb = fc.oneof(
  bytesArb,
  bytesArb.map((b) => Buffer.from(b)),
  offsetBytes,
  fc
    .array(fc.integer({ min: -32_768, max: 32_767 }), { maxLength: 24 })
    .map((a) => Int16Array.from(a)),
  fc
    .array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 24 })
    .map((a) => Int32Array.from(a)),
  fc.constantFrom<unknown>(new Float32Array(4), [1, 2], 'ab', null, undefined, { length: 2 }),
);
/** No array, a Float32Array of any size, or something else. */
const float32OutArb = fc.oneof(
  fc.constant(undefined),
  fc.nat({ max: 60 }).map((n) => new Float32Array(n)),
  fc.constantFrom<unknown>(new Int16Array(8), [0, 0], 'out', null),
);

const f32Arb = fc.float32Array({ maxLength: 40 });
const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('PCM bytes and typed arrays from outside', () => {
  it('any input in any format, with any out, converts to samples in [-1, 1] or a coded error', () => {
    holds(
      'toFloat32 (inputs, formats, outs)',
      fc.property(inputArb, formatArb, float32OutArb, (input, format, out) => {
        let samples: Float32Array | undefined;
        outcome(() => {
          samples = toFloat32(input as Uint8Array, format as SampleFormat, out as Float32Array);
        }, CODES);
        if (samples === undefined) return;
        expect(samples.every((s) => s >= -1 && s <= 1)).toBe(true);
        const view = input as ArrayBufferView & { length: number };
        const count =
          input instanceof Uint8Array
            ? Math.floor(view.byteLength / BYTES[format as SampleFormat])
            : view.length;
        expect(samples.length).toBe(count);
        if (out instanceof Float32Array) expect(samples.buffer).toBe(out.buffer);
      }),
    );
  });

  it('the codes of every format come back the same through f32, in typed arrays and in bytes', () => {
    holds(
      'fromFloat32 -> toFloat32 -> fromFloat32',
      fc.property(
        f32Arb,
        fc.constantFrom(...SAMPLE_FORMATS),
        fc.boolean(),
        (samples, format, asBytes) => {
          const options = asBytes ? { out: new Uint8Array(samples.length * BYTES[format]) } : {};
          const codes = fromFloat32(samples, format, options);
          const again = fromFloat32(toFloat32(codes, format), format, {});
          expect(bytesOf(again)).toEqual(bytesOf(codes));
        },
      ),
    );
  });

  it('fromFloat32 with any samples and options gives codes or a coded error', () => {
    const options = fc.oneof(
      fc.record(
        {
          dither: fc.boolean(),
          seed: fc.nat(),
          out: float32OutArb.map((o) => o ?? new Uint8Array(4)),
        },
        { requiredKeys: [] },
      ),
      fc.constantFrom<unknown>({ dither: 'yes' }, { seed: -1 }, { outt: 1 }, null, [], 'fast', {
        out: new Int16Array(2),
      }),
    );
    holds(
      'fromFloat32 (samples, formats, options)',
      fc.property(
        fc.oneof(f32Arb, fc.constantFrom<unknown>(new Float64Array(2), [0.5], null)),
        formatArb,
        options,
        (samples, format, opts) => {
          outcome(
            () => fromFloat32(samples as Float32Array, format as SampleFormat, opts as object),
            CODES,
          );
        },
      ),
    );
  });

  it('a WAV file of any format, rate and channels decodes to what it encoded, or is refused', () => {
    const audio = fc.record({
      samples: fc.oneof(
        fc.float32Array({ min: -1.5, max: 1.5, noNaN: true, maxLength: 24 }),
        fc.constantFrom<unknown>([0.5], null),
      ),
      sampleRate: fc.oneof(
        fc.integer({ min: 1, max: 400_000 }),
        fc.constantFrom<unknown>(0, 1.5, '16000'),
      ),
      channels: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom<unknown>(0, 65, 2.5, '2')),
    });
    const options = fc.oneof(
      fc.record(
        { format: fc.constantFrom(...WAV_FORMATS), dither: fc.constant(false) },
        { requiredKeys: [] },
      ),
      fc.constantFrom<unknown>({ format: 'f64' }, { format: 'mulaw' }, { bits: 16 }, null, 'f32'),
    );
    holds(
      'encodeWav -> decodeWav',
      fc.property(audio, options, (a, opts) => {
        let file: Buffer | undefined;
        outcome(() => {
          file = encodeWav(a as Parameters<typeof encodeWav>[0], opts as object);
        }, CODES);
        if (file === undefined) return;
        const samples = a.samples as Float32Array;
        const format = (opts as { format?: SampleFormat | 'f32' }).format ?? 's16';
        const decoded = decodeWav(file);
        expect(decoded.sampleRate).toBe(a.sampleRate);
        expect(decoded.channels).toBe(a.channels);
        expect(decoded.format).toBe(format);
        const frames = Math.floor(samples.length / (a.channels as number)) * (a.channels as number);
        const whole = samples.subarray(0, frames);
        expect(decoded.samples).toEqual(
          format === 'f32' ? whole : toFloat32(fromFloat32(whole, format), format),
        );
      }),
    );
  });

  it(
    'any bytes decode on the thread pool as they do inline, and files encode the same there',
    async () => {
      const wavBytes = fc
        .tuple(
          fc.constantFrom(...WAV_FORMATS),
          fc.float32Array({ maxLength: 12 }),
          fc.nat(),
          fc.nat(255),
        )
        .map(([format, samples, at, byte]) => {
          const file = encodeWav({ samples, sampleRate: 8000, channels: 1 }, { format });
          file[at % file.length] = byte;
          return file;
        });
      const input = fc.oneof(
        fc.uint8Array({ maxLength: 80 }),
        wavBytes,
        fc.constantFrom<unknown>(null, 'RIFF', [82, 73, 70, 70], new Float32Array(2)),
      );
      await holdsAsync(
        'decodeWav = decodeWavAsync, encodeWav = encodeWavAsync',
        fc.asyncProperty(input, fc.constantFrom(...WAV_FORMATS), async (bytes, format) => {
          expect(await settled(() => decodeWavAsync(bytes as Uint8Array))).toEqual(
            await settled(() => decodeWav(bytes as Uint8Array)),
          );
          const audio = { samples: new Float32Array([0.5, -0.25]), sampleRate: 8000, channels: 2 };
          expect(await encodeWavAsync(audio, { format })).toEqual(encodeWav(audio, { format }));
        }),
      );
    },
    IO_PROPERTY_TIMEOUT_MS,
  );
});

/** What `run` settles to: its value, or the code and message it is refused with. */
async function settled(run: () => unknown): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    expect(CODES).toContain(code);
    return { code, message };
  }
}
