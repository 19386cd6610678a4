// The wire codec reads bytes from any NATS client: any bytes decode to a value or ERR_INVALID_INPUT,
// and lengths, nesting and size are refused before anything is allocated for them.
import { isRemoteMediaError } from '@remotemedia/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byteArb,
  holds,
  outcome,
  readsAnyInput,
  withEdits,
} from '../../../tools/testing/property.js';
import { decode, encode } from '../src/index.js';
import { WIRE_LIMITS } from '../src/msgpack-bounds.js';

const frameArb = fc.record(
  {
    samples: fc.float32Array({ maxLength: 64 }),
    sampleRate: fc.integer({ min: 0, max: 0xffffffff }),
    channels: fc.integer({ min: 0, max: 0xffff }),
    timestamp: fc.double({ noNaN: true }),
  },
  { requiredKeys: ['samples', 'sampleRate', 'channels'] },
);
const valueArb = fc.oneof(
  // Values as JSON gives them back: msgpack, like JSON, writes the number -0 as 0. A __proto__
  // key is the exception the decoder makes on purpose (see below).
  fc
    .json({ maxDepth: 4 })
    .filter((text) => !text.includes('"__proto__"'))
    .map((text) => JSON.parse(text) as unknown),
  frameArb,
  fc.record({ seq: fc.nat(), value: frameArb }),
  fc.float32Array({ maxLength: 32 }),
);

/** A valid message with bytes flipped, cut out or inserted. */
const mutatedArb = withEdits(valueArb, (value) => [...encode(value)], byteArb).map((bytes) =>
  Uint8Array.from(bytes),
);

const decodes = (bytes: Uint8Array) => outcome(() => decode(bytes), ['ERR_INVALID_INPUT']);

describe('decode on untrusted bytes', () => {
  readsAnyInput('remote decode', decodes, {
    'any bytes give a value or ERR_INVALID_INPUT': fc.uint8Array({ maxLength: 512 }),
    'mutated valid messages give a value or ERR_INVALID_INPUT': mutatedArb,
  });

  it('every value it encodes comes back equal', () => {
    holds(
      'remote encode/decode round trip',
      fc.property(valueArb, (value) => {
        expect(decode(encode(value))).toEqual(value);
      }),
    );
  });

  it.each([
    ['bin 32', [0xc6, 0xff, 0xff, 0xff, 0xff]],
    ['str 32', [0xdb, 0xff, 0xff, 0xff, 0xff]],
    ['ext 32', [0xc9, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ['array 32', [0xdd, 0xff, 0xff, 0xff, 0xff]],
    ['map 32', [0xdf, 0xff, 0xff, 0xff, 0xff]],
  ])('a %s length claiming 4 GB is refused before allocating', (_kind, lead) => {
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 1000; i++) {
      const error = (() => {
        try {
          decode(Uint8Array.from([...lead, 0, 0, 0]));
        } catch (e) {
          return e;
        }
      })();
      expect(isRemoteMediaError(error) && error.code).toBe('ERR_INVALID_INPUT');
      // The bounds walk names the claim, so the decoder never saw it.
      expect((error as Error).message).toMatch(/claims (4294967295|\d+ items, over)/);
    }
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses nesting deeper than the limit and accepts the limit itself', () => {
    const nested = (depth: number) => Uint8Array.from([...Array(depth).fill(0x91), 0xc0]);
    expect(() => decode(nested(WIRE_LIMITS.depth))).not.toThrow();
    expect(() => decode(nested(100_000))).toThrow(/nested deeper than 64 levels/);
  });

  it('refuses an audio frame without its header and samples that are not whole f32s', () => {
    expect(() => decode(Uint8Array.from([0xd4, 0x01, 0x00]))).toThrow(/has no 16-byte header/);
    expect(() => decode(Uint8Array.from([0xc7, 0x03, 0x02, 1, 2, 3]))).toThrow(/not whole f32s/);
  });

  it('a __proto__ key sets no prototype (the decoder renames it __proto_)', () => {
    const key = (text: string) => [0xa0 | text.length, ...new TextEncoder().encode(text)];
    const bytes = Uint8Array.from([0x81, ...key('__proto__'), 0x81, ...key('polluted'), 0x01]);
    const value = decode<Record<string, unknown>>(bytes);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a value that is not bytes', () => {
    expect(() => decode('hello' as unknown as Uint8Array)).toThrow(/takes a Uint8Array/);
  });

  it('refuses trailing bytes after the value', () => {
    expect(() => decode(Uint8Array.from([0xc0, 0xc0]))).toThrow(/1 extra byte/);
  });
});
