// f32 <-> integer PCM and G.711. Scaling is by powers of two (s16: 32768) so s16 -> f32 -> s16
// is exact; f32 -> integer clips, NaN becomes 0 and +/-Infinity the extreme values.
import { callNative } from './native.js';
import {
  checkOptionKeys,
  describe,
  filled,
  float32Out,
  invalidInput,
  invalidParam,
} from './validate.js';

/** Linear integer PCM; s24 is packed 3-byte little-endian. */
export type LinearPcmFormat = 's16' | 's24' | 's32' | 'u8';
/** G.711 companded 8-bit codes: mu-law (North America, Japan, Twilio) or A-law (elsewhere). */
export type G711Format = 'mulaw' | 'alaw';
export type SampleFormat = LinearPcmFormat | G711Format;
export const SAMPLE_FORMATS: readonly SampleFormat[] = ['s16', 's24', 's32', 'u8', 'mulaw', 'alaw'];

/** Integer PCM as it arrives: typed arrays, or little-endian bytes (Buffer / Uint8Array). */
export type PcmInput = Int16Array | Int32Array | Uint8Array;

export interface FromFloat32Options<Out> {
  /** Add TPDF dither of +/-1 LSB before rounding (linear PCM only). @default false */
  dither?: boolean;
  /** Seed for the dither noise, for reproducible output. */
  seed?: number;
  /** Array to fill instead of allocating one (per-frame code should pass it). */
  out?: Out;
}

const BYTES: Record<SampleFormat, number> = { u8: 1, s16: 2, s24: 3, s32: 4, mulaw: 1, alaw: 1 };

function checkFormat(format: unknown): asserts format is SampleFormat {
  if (!SAMPLE_FORMATS.includes(format as SampleFormat)) {
    throw invalidParam(
      `format must be one of ${SAMPLE_FORMATS.map((f) => `'${f}'`).join(', ')}, got ${describe(format)}`,
    );
  }
}

function checkInput(input: unknown): asserts input is PcmInput {
  if (
    !(input instanceof Int16Array || input instanceof Int32Array || input instanceof Uint8Array)
  ) {
    throw invalidInput(
      `input must be an Int16Array, Int32Array, Uint8Array or Buffer, got ${describe(input)}`,
    );
  }
}

/** Number of samples `input` holds in `format`. */
function sampleCount(input: PcmInput, format: SampleFormat): number {
  if (input instanceof Int16Array || input instanceof Int32Array) return input.length;
  return Math.floor(input.byteLength / BYTES[format]);
}

/**
 * Converts integer PCM or G.711 bytes to f32 in [-1, 1). G.711 decodes to the standard's
 * reconstruction values (the same as sox's), exactly representable in f32.
 */
export function toFloat32(input: PcmInput, format: SampleFormat, out?: Float32Array): Float32Array {
  checkInput(input);
  checkFormat(format);
  const target = float32Out(out, sampleCount(input, format));
  const written = callNative((native) => {
    if (input instanceof Int16Array) {
      if (format !== 's16') throw invalidInput(`an Int16Array holds s16 samples, not ${format}`);
      return native.s16ToF32(input, target);
    }
    if (input instanceof Int32Array) {
      if (format !== 's32') throw invalidInput(`an Int32Array holds s32 samples, not ${format}`);
      return native.s32ToF32(input, target);
    }
    return native.bytesToF32(input, format, target);
  });
  return filled(target, written);
}

export function fromFloat32(
  samples: Float32Array,
  format: 's16',
  options?: FromFloat32Options<Int16Array | Uint8Array>,
): Int16Array;
export function fromFloat32(
  samples: Float32Array,
  format: 's32',
  options?: FromFloat32Options<Int32Array | Uint8Array>,
): Int32Array;
export function fromFloat32(
  samples: Float32Array,
  format: 's24',
  options?: FromFloat32Options<Uint8Array>,
): Buffer;
export function fromFloat32(
  samples: Float32Array,
  format: 'u8',
  options?: FromFloat32Options<Uint8Array>,
): Uint8Array;
export function fromFloat32(
  samples: Float32Array,
  format: G711Format,
  options?: FromFloat32Options<Uint8Array>,
): Buffer;
export function fromFloat32(
  samples: Float32Array,
  format: SampleFormat,
  options?: FromFloat32Options<PcmInput>,
): PcmInput;
/**
 * Converts f32 samples to integer PCM or G.711 with clipping. Returns an Int16Array (s16), an
 * Int32Array (s32), a Buffer of packed 3-byte samples (s24), a Uint8Array (u8) or a Buffer of one
 * code per sample (mulaw, alaw: rounded to the nearest 14/13-bit step, ties up, as sox does); when
 * `out` is a Uint8Array/Buffer, little-endian bytes of any format are written into it.
 */
export function fromFloat32(
  samples: Float32Array,
  format: SampleFormat,
  options: FromFloat32Options<PcmInput> = {},
): PcmInput {
  if (!(samples instanceof Float32Array)) {
    throw invalidInput(`samples must be a Float32Array, got ${describe(samples)}`);
  }
  checkFormat(format);
  checkOptionKeys(options, ['dither', 'seed', 'out'], 'fromFloat32');
  const dither = options.dither === true;
  const seed = options.seed;
  const out = options.out ?? allocate(format, samples.length);
  return callNative((native) => {
    if (out instanceof Int16Array) {
      if (format !== 's16')
        throw invalidInput(`an Int16Array out holds s16 samples, not ${format}`);
      return filled(out, native.f32ToS16(samples, out, dither, seed));
    }
    if (out instanceof Int32Array) {
      if (format !== 's32')
        throw invalidInput(`an Int32Array out holds s32 samples, not ${format}`);
      return filled(out, native.f32ToS32(samples, out, dither, seed));
    }
    if (out instanceof Uint8Array) {
      return filled(out, native.f32ToBytes(samples, format, out, dither, seed));
    }
    throw invalidInput(`out must be an Int16Array, Int32Array or Uint8Array, got ${describe(out)}`);
  });
}

function allocate(format: SampleFormat, length: number): PcmInput {
  switch (format) {
    case 's16':
      return new Int16Array(length);
    case 's32':
      return new Int32Array(length);
    case 's24':
      return Buffer.alloc(length * 3);
    case 'u8':
      return new Uint8Array(length);
    case 'mulaw':
    case 'alaw':
      return Buffer.alloc(length);
  }
}
