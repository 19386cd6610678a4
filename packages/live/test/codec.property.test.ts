// A client's binary audio (any bytes, once checkAudioFrame has passed them) decodes the same into
// a pooled array as into a new one, at any byte offset; and what the server sends comes back the
// same through decode, in a copy the pool may reuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds } from '../../../tools/testing/property.js';
import { decodeAudio, encodeAudio } from '../src/codec.js';
import { BYTES_PER_SAMPLE, ENCODINGS } from '../src/index.js';

/** Whole samples of `encoding` as a view at any offset of a larger buffer (a socket's chunk). */
const frameArb = fc
  .tuple(fc.constantFrom(...ENCODINGS), fc.nat({ max: 24 }), fc.nat({ max: 7 }))
  .chain(([encoding, count, at]) =>
    fc
      .uint8Array({
        minLength: count * BYTES_PER_SAMPLE[encoding],
        maxLength: count * BYTES_PER_SAMPLE[encoding],
      })
      .map((bytes) => {
        const buffer = new Uint8Array(at + bytes.length);
        buffer.set(bytes, at);
        return { encoding, bytes: buffer.subarray(at) };
      }),
  );

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('live audio bytes', () => {
  it('any whole-sample frame decodes the same into a given array as into a new one', () => {
    holds(
      'decodeAudio (frames, offsets, outs)',
      fc.property(frameArb, ({ encoding, bytes }) => {
        const count = bytes.byteLength / BYTES_PER_SAMPLE[encoding];
        const fresh = decodeAudio(bytes, encoding);
        const pooled = new Float32Array(count + 3).subarray(1, count + 1);
        const into = decodeAudio(bytes, encoding, pooled);
        expect(into.buffer).toBe(pooled.buffer);
        expect(bytesOf(into)).toEqual(bytesOf(fresh));
        expect(fresh).toHaveLength(count);
        if (encoding === 'f32le') {
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          fresh.forEach((s, i) => {
            expect(Object.is(s, view.getFloat32(i * 4, true)) || Number.isNaN(s)).toBe(true);
          });
        } else {
          expect(fresh.every((s) => s >= -1 && s <= 1)).toBe(true);
        }
      }),
    );
  });

  it('what the server sends comes back the same through decode, in a copy of the samples', () => {
    holds(
      'encodeAudio -> decodeAudio -> encodeAudio',
      fc.property(
        fc.constantFrom(...ENCODINGS),
        fc.float32Array({ maxLength: 24 }),
        (encoding, samples) => {
          const sent = encodeAudio(samples, encoding);
          const copy = Buffer.from(sent);
          samples.fill(0.25);
          expect(bytesOf(sent)).toEqual(copy);
          expect(bytesOf(encodeAudio(decodeAudio(sent, encoding), encoding))).toEqual(copy);
        },
      ),
    );
  });
});
