// Values <-> data descriptors: what a node receives and returns, with raw bytes in the payload.

import type { AudioFrame } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';

type Descriptor = Record<string, unknown>;

function isAudioFrame(value: object): value is AudioFrame {
  return value instanceof Float32Array
    ? false
    : (value as { samples?: unknown }).samples instanceof Float32Array;
}

function checkAudio(frame: AudioFrame): void {
  const { channels, sampleRate, samples } = frame;
  if (!Number.isInteger(channels) || channels < 1) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `channels must be a positive integer, got ${channels}`,
    );
  }
  // Whole Hz, as everywhere else: the worker reads the rate as an integer.
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `sampleRate must be a positive integer, got ${sampleRate}`,
    );
  }
  if (samples.length % channels !== 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `${samples.length} interleaved samples do not divide into ${channels} channels`,
    );
  }
}

/** Encoder of one call's input; `segments` collects the payload. */
export class DataWriter {
  readonly segments: Uint8Array[] = [];
  private offset = 0;

  /** `ports`: the value is a record keyed by input port (nodes with several inputs). */
  write(value: unknown, ports = false): Descriptor {
    if (value === undefined || value === null) return { k: 'none' };
    if (typeof value === 'string') return this.bytes('text', Buffer.from(value, 'utf8'));
    if (value instanceof Uint8Array) return this.bytes('bytes', value);
    if (typeof value === 'object' && isAudioFrame(value)) {
      checkAudio(value);
      const { samples } = value;
      const raw = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
      const desc: Descriptor = {
        ...this.bytes('audio', raw),
        dtype: 'f32',
        rate: value.sampleRate,
        ch: value.channels,
      };
      if (value.timestamp !== undefined) desc.ts = value.timestamp;
      return desc;
    }
    if (ports && typeof value === 'object' && !Array.isArray(value)) {
      const v: Record<string, Descriptor> = {};
      for (const [port, item] of Object.entries(value)) v[port] = this.write(item);
      return { k: 'map', v };
    }
    if (ArrayBuffer.isView(value)) {
      throw new RemoteMediaError(
        'ERR_INVALID_INPUT',
        `cannot send a bare ${value.constructor.name}: wrap audio as { samples: Float32Array, sampleRate, channels } or pass bytes as a Uint8Array`,
      );
    }
    return { k: 'json', v: value };
  }

  private bytes(kind: string, raw: Uint8Array): Descriptor {
    this.segments.push(raw);
    const desc = { k: kind, off: this.offset, len: raw.byteLength };
    this.offset += raw.byteLength;
    return desc;
  }
}

/** Float32 view when the bytes are 4-byte aligned, else one copy. */
function float32(raw: Buffer): Float32Array {
  if (raw.byteOffset % 4 === 0)
    return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const out = new Float32Array(raw.byteLength / 4);
  new Uint8Array(out.buffer).set(raw);
  return out;
}

/** The value a descriptor stands for; throws a plain Error on a malformed descriptor. */
export function readData(desc: unknown, payload: Buffer): unknown {
  if (typeof desc !== 'object' || desc === null) throw new Error('data descriptor is not a map');
  const d = desc as Descriptor;
  switch (d.k) {
    case 'none':
      return undefined;
    case 'json':
      return d.v;
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [port, item] of Object.entries(d.v as Record<string, unknown>))
        out[port] = readData(item, payload);
      return out;
    }
  }
  const off = Number(d.off);
  const len = Number(d.len);
  if (!(off >= 0 && len >= 0 && off + len <= payload.length)) {
    throw new Error(
      `${String(d.k)} data [${off}, ${off + len}) is outside the ${payload.length}-byte payload`,
    );
  }
  const raw = payload.subarray(off, off + len);
  if (d.k === 'text') return raw.toString('utf8');
  if (d.k === 'bytes') return new Uint8Array(raw);
  if (d.k === 'audio' && d.dtype === 'f32' && len % 4 === 0) {
    const frame: AudioFrame = {
      samples: float32(raw),
      sampleRate: Number(d.rate),
      channels: Number(d.ch),
    };
    if (typeof d.ts === 'number') frame.timestamp = d.ts;
    return frame;
  }
  throw new Error(`unknown data descriptor ${JSON.stringify({ ...d, v: undefined })}`);
}
