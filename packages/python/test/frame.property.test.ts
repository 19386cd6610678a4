// The worker's byte stream, read on the Node side: any bytes give whole frames or a ProtocolError
// (anything else would escape the socket handler), and how the stream is cut never matters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds } from '../../../tools/testing/property.js';
import { encodeFrame, type Frame, FrameDecoder, ProtocolError } from '../src/frame.js';

/** Pushes `chunks` in order; returns the frames, or 'protocol error'. Rethrows anything else. */
function read(chunks: Uint8Array[]): Frame[] | 'protocol error' {
  const decoder = new FrameDecoder();
  const frames: Frame[] = [];
  try {
    for (const chunk of chunks) frames.push(...decoder.push(Buffer.from(chunk)));
  } catch (error) {
    if (error instanceof ProtocolError) return 'protocol error';
    throw error;
  }
  return frames;
}

/** Cuts `bytes` at the given points. */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const headerArb = fc.dictionary(
  fc.string({ maxLength: 6 }),
  fc.json({ maxDepth: 2 }).map((t) => JSON.parse(t) as unknown),
  { maxKeys: 4 },
);
const streamArb = fc
  .array(fc.tuple(headerArb, fc.uint8Array({ maxLength: 64 })), { minLength: 1, maxLength: 4 })
  .map((frames) => {
    const parts = frames.flatMap(([header, payload]) => encodeFrame(header, [payload]));
    return Buffer.concat(parts);
  });

describe('frames from the Python worker', () => {
  it('any bytes, cut anywhere, give frames or a ProtocolError', () => {
    holds(
      'python FrameDecoder (random bytes)',
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (bytes, points) => {
          read(cut(bytes, points));
        },
      ),
    );
  });

  it('a valid stream, mutated and cut anywhere, gives frames or a ProtocolError', () => {
    holds(
      'python FrameDecoder (mutated streams)',
      fc.property(
        streamArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (stream, flips, points) => {
          const bytes = Uint8Array.from(stream);
          for (const [where, byte] of flips) bytes[where % bytes.length] = byte;
          read(cut(bytes, points));
        },
      ),
    );
  });

  it('a valid stream gives the same frames however it is cut', () => {
    holds(
      'python FrameDecoder (chunking)',
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 8 }), (stream, points) => {
        expect(read(cut(stream, points))).toEqual(read([stream]));
      }),
    );
  });

  it('a prefix claiming 4 GB is refused at once, with nothing buffered for it', () => {
    const prefix = Buffer.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
    expect(read([prefix])).toBe('protocol error');
    const header = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(read([header])).toBe('protocol error');
  });
});
