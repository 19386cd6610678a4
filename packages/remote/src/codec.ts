// The wire format: msgpack, with audio frames and Float32Arrays as msgpack extensions holding a
// small header and the raw little-endian f32 bytes (never number arrays, never base64).
import { Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack';
import {
  describeValue,
  invalidInput,
  isRemoteMediaError,
  RemoteMediaError,
} from '@remotemedia/errors';
import { checkWireMessage } from './msgpack-bounds.js';

const AUDIO_FRAME = 1;
const FLOAT32_ARRAY = 2;
/** u32 sampleRate, u16 channels, u16 flags (bit 0: has timestamp), f64 timestamp. */
const HEADER_BYTES = 16;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface AudioFrameLike {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  timestamp?: number;
}

function isAudioFrame(value: unknown): value is AudioFrameLike {
  const v = value as AudioFrameLike;
  return (
    typeof value === 'object' &&
    value !== null &&
    v.samples instanceof Float32Array &&
    typeof v.sampleRate === 'number' &&
    typeof v.channels === 'number'
  );
}

function f32Bytes(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (littleEndian) return bytes;
  const copy = new Uint8Array(samples.byteLength);
  const view = new DataView(copy.buffer);
  for (let i = 0; i < samples.length; i++) view.setFloat32(i * 4, samples[i] as number, true);
  return copy;
}

function f32From(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) {
    throw invalidInput(`invalid message: ${bytes.byteLength} sample bytes are not whole f32s`);
  }
  const count = bytes.byteLength >>> 2;
  if (littleEndian && bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  }
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

const extensions = new ExtensionCodec();
extensions.register({
  type: AUDIO_FRAME,
  encode: (value) => {
    if (!isAudioFrame(value)) return null;
    const samples = f32Bytes(value.samples);
    const out = new Uint8Array(HEADER_BYTES + samples.byteLength);
    const header = new DataView(out.buffer);
    header.setUint32(0, value.sampleRate, true);
    header.setUint16(4, value.channels, true);
    const hasTimestamp = typeof value.timestamp === 'number';
    header.setUint16(6, hasTimestamp ? 1 : 0, true);
    header.setFloat64(8, hasTimestamp ? (value.timestamp as number) : 0, true);
    out.set(samples, HEADER_BYTES);
    return out;
  },
  decode: (data) => {
    if (data.byteLength < HEADER_BYTES) {
      throw invalidInput(
        `invalid message: an audio frame of ${data.byteLength} bytes has no ${HEADER_BYTES}-byte header`,
      );
    }
    const header = new DataView(data.buffer, data.byteOffset, HEADER_BYTES);
    const frame: AudioFrameLike = {
      samples: f32From(data.subarray(HEADER_BYTES)),
      sampleRate: header.getUint32(0, true),
      channels: header.getUint16(4, true),
    };
    if ((header.getUint16(6, true) & 1) === 1) frame.timestamp = header.getFloat64(8, true);
    return frame;
  },
});
extensions.register({
  type: FLOAT32_ARRAY,
  encode: (value) => (value instanceof Float32Array ? f32Bytes(value) : null),
  decode: (data) => f32From(data),
});

// One encoder/decoder pair per process: encode() copies its output, so reuse is safe.
const encoder = new Encoder({ extensionCodec: extensions, ignoreUndefined: true });
const decoder = new Decoder({ extensionCodec: extensions });

export function encode(value: unknown): Uint8Array {
  return encoder.encode(value);
}

/**
 * One wire message back to its value. Any bytes give the value or ERR_INVALID_INPUT; limits
 * (size, nesting, lengths) are checked before anything is built for them.
 */
export function decode<T = unknown>(bytes: Uint8Array): T {
  if (!(bytes instanceof Uint8Array)) {
    throw invalidInput(`decode takes a Uint8Array, got ${describeValue(bytes)}`);
  }
  checkWireMessage(bytes);
  try {
    return decoder.decode(bytes) as T;
  } catch (error) {
    if (isRemoteMediaError(error)) throw error;
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `invalid message: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
