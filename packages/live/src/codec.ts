// Wire bytes <-> f32 samples for the protocol's encodings, through @remotemedia/node-format.
import { fromFloat32, toFloat32 } from '@remotemedia/node-format';
import type { Encoding } from './protocol.js';

/**
 * Interleaved f32 samples of a binary audio message (its length already checked), written into
 * `out` (of `bytes.byteLength / BYTES_PER_SAMPLE[encoding]` samples) when given.
 */
export function decodeAudio(
  bytes: Uint8Array,
  encoding: Encoding,
  out?: Float32Array,
): Float32Array {
  switch (encoding) {
    case 's16le':
      return toFloat32(bytes, 's16', out);
    case 'f32le': {
      // A message's bytes need not be 4-byte aligned: copy them into an aligned Float32Array.
      const samples = out ?? new Float32Array(bytes.byteLength / 4);
      new Uint8Array(samples.buffer, samples.byteOffset, bytes.byteLength).set(bytes);
      return samples;
    }
    case 'mulaw':
    case 'alaw':
      return toFloat32(bytes, encoding, out);
  }
}

/**
 * Bytes of `samples` in `encoding`, to send as one binary message. Always a copy: the samples'
 * buffer goes back to the stream's pool while the socket may still be writing the message.
 */
export function encodeAudio(samples: Float32Array, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 's16le': {
      const pcm = fromFloat32(samples, 's16');
      return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    }
    case 'f32le':
      return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength).slice();
    case 'mulaw':
    case 'alaw':
      return fromFloat32(samples, encoding);
  }
}
