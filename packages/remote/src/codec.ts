// The wire format: msgpack, with audio frames and Float32Arrays as msgpack extensions holding a
// small header and the raw little-endian f32 bytes (never number arrays, never base64).

import type { AudioFrame } from '@remotemedia/contract';
import { addExtension, Packr } from 'msgpackr';

const AUDIO_FRAME = 1;
const FLOAT32_ARRAY = 2;
/** u32 sampleRate, u16 channels, u16 flags (bit 0: has timestamp), f64 timestamp. */
const HEADER_BYTES = 16;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isAudioFrame(value: unknown): value is AudioFrame {
  const v = value as AudioFrame;
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
  const count = bytes.byteLength >>> 2;
  if (littleEndian && bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  }
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

// msgpackr chooses an extension by class and registers it for the whole process. An AudioFrame is
// a plain object, so frames and Float32Arrays are wrapped in classes of this module on the way out
// (toWire): the bytes are the same extensions 1 and 2 as any peer writes, and no other msgpackr
// user in the process (the Python bridge) sees a change.
class WireFrame {
  constructor(readonly frame: AudioFrame) {}
}
class WireFloat32 {
  constructor(readonly samples: Float32Array) {}
}

addExtension({
  Class: WireFrame,
  type: AUDIO_FRAME,
  pack: ({ frame }: WireFrame) => {
    const samples = f32Bytes(frame.samples);
    const out = new Uint8Array(HEADER_BYTES + samples.byteLength);
    const header = new DataView(out.buffer);
    header.setUint32(0, frame.sampleRate, true);
    header.setUint16(4, frame.channels, true);
    const hasTimestamp = typeof frame.timestamp === 'number';
    header.setUint16(6, hasTimestamp ? 1 : 0, true);
    if (hasTimestamp) header.setFloat64(8, frame.timestamp as number, true);
    out.set(samples, HEADER_BYTES);
    return out;
  },
  unpack: (data: Uint8Array) => {
    const header = new DataView(data.buffer, data.byteOffset, HEADER_BYTES);
    const frame: AudioFrame = {
      samples: f32From(data.subarray(HEADER_BYTES)),
      sampleRate: header.getUint32(0, true),
      channels: header.getUint16(4, true),
    };
    if ((header.getUint16(6, true) & 1) === 1) frame.timestamp = header.getFloat64(8, true);
    return frame;
  },
});
addExtension({
  Class: WireFloat32,
  type: FLOAT32_ARRAY,
  pack: ({ samples }: WireFloat32) => f32Bytes(samples),
  unpack: (data: Uint8Array) => f32From(data),
});

// Plain msgpack besides the two extensions (no msgpackr records), so any msgpack reader takes it;
// a bare undefined is nil and 64-bit integers decode as numbers.
const packr = new Packr({
  useRecords: false,
  moreTypes: false,
  mapsAsObjects: true,
  encodeUndefinedAsNil: true,
  int64AsType: 'number',
});

/**
 * `value` with its AudioFrames and Float32Arrays wrapped for their extensions and undefined
 * properties left out (plain objects and arrays are copied; anything else is sent as it is).
 */
function toWire(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Float32Array) return new WireFloat32(value);
  if (ArrayBuffer.isView(value)) return value;
  if (isAudioFrame(value)) return new WireFrame(value);
  if (Array.isArray(value)) return value.map(toWire);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = toWire(item);
  }
  return out;
}

export function encode(value: unknown): Uint8Array {
  return packr.pack(toWire(value));
}

export function decode<T = unknown>(bytes: Uint8Array): T {
  // msgpackr hands bin values out as views of its input: read a Buffer as a plain Uint8Array so
  // bytes decode as Uint8Array whatever the transport passes in.
  const plain =
    bytes.constructor === Uint8Array
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return packr.unpack(plain) as T;
}
