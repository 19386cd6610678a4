import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/index.js';

// The bytes a peer writes for { op: 'process', seq: 3, value: <48 kHz stereo frame at 20 ms> }:
// a fixmap, and the frame as ext 1 (u32 rate, u16 channels, u16 flags, f64 timestamp, f32 LE).
function peerMessage(samples: Float32Array): Uint8Array {
  const body = Buffer.alloc(16 + samples.byteLength);
  body.writeUInt32LE(48_000, 0);
  body.writeUInt16LE(2, 4);
  body.writeUInt16LE(1, 6);
  body.writeDoubleLE(20, 8);
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).copy(body, 16);
  const ext = Buffer.alloc(6);
  ext[0] = 0xc9; // ext 32
  ext.writeUInt32BE(body.length, 1);
  ext[5] = 1;
  return Buffer.concat([
    Buffer.from([0x83, 0xa2, ...Buffer.from('op'), 0xa7, ...Buffer.from('process')]),
    Buffer.from([0xa3, ...Buffer.from('seq'), 0x03, 0xa5, ...Buffer.from('value')]),
    ext,
    body,
  ]);
}

describe('wire codec', () => {
  const samples = Float32Array.from({ length: 8 }, (_, i) => (i - 4) / 8);

  it('reads a frame message as a peer writes it', () => {
    expect(decode(peerMessage(samples))).toEqual({
      op: 'process',
      seq: 3,
      value: { samples, sampleRate: 48_000, channels: 2, timestamp: 20 },
    });
  });

  it('writes the frame extension a peer reads, byte for byte', () => {
    const ours = Buffer.from(
      encode({
        op: 'process',
        seq: 3,
        value: { samples, sampleRate: 48_000, channels: 2, timestamp: 20 },
      }),
    );
    const theirs = Buffer.from(peerMessage(samples));
    // Map and extension lengths may be written in a wider or narrower form; the extension's type
    // and body (rate, channels, flags, timestamp, samples) may not differ.
    const body = theirs.subarray(theirs.length - 16 - samples.byteLength);
    expect(ours.includes(Buffer.concat([Buffer.from([0x01]), body]))).toBe(true);
    expect(decode(ours)).toEqual(decode(theirs));
  });

  it('round-trips nested frames, bare Float32Arrays, bytes and undefined', () => {
    const value = {
      outputs: [{ audio: { samples, sampleRate: 16_000, channels: 1 } }, { vad: true }],
      raw: samples,
      bytes: new Uint8Array([1, 2, 3]),
      gone: undefined,
    };
    const back = decode<Record<string, unknown>>(encode(value));
    expect(back).toEqual({
      outputs: [{ audio: { samples, sampleRate: 16_000, channels: 1 } }, { vad: true }],
      raw: samples,
      bytes: new Uint8Array([1, 2, 3]),
    });
    expect('gone' in back).toBe(false);
    expect(decode(encode(undefined))).toBeNull();
  });
});
