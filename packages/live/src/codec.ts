// Wire bytes <-> f32 samples for the protocol's encodings, through @remotemedia/node-format.
import { fromFloat32, toFloat32 } from '@remotemedia/node-format';
import type { Encoding } from './protocol.js';

/** Interleaved f32 samples of a binary audio message (its length already checked). */
export function decodeAudio(bytes: Uint8Array, encoding: Encoding): Float32Array {
  switch (encoding) {
    case 's16le':
      return toFloat32(bytes, 's16');
    case 'f32le': {
      // A message's bytes need not be 4-byte aligned: copy them into a fresh Float32Array.
      const samples = new Float32Array(bytes.byteLength / 4);
      new Uint8Array(samples.buffer).set(bytes);
      return samples;
    }
    case 'mulaw':
    case 'alaw':
      return toFloat32(bytes, encoding);
  }
}

/** Bytes of `samples` in `encoding`, to send as one binary message. */
export function encodeAudio(samples: Float32Array, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 's16le': {
      const pcm = fromFloat32(samples, 's16');
      return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    }
    case 'f32le':
      return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    case 'mulaw':
    case 'alaw':
      return fromFloat32(samples, encoding);
  }
}
