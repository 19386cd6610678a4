import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../tools/testing/rejection.js';
import { fromFloat32, toFloat32 } from '../src/index.js';

const everyS16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

describe('s16', () => {
  it('round-trips every value exactly', () => {
    const f = toFloat32(everyS16, 's16');
    expect(f[0]).toBe(-1);
    expect(f[32768]).toBe(0);
    expect(fromFloat32(f, 's16')).toEqual(everyS16);
  });

  it('decodes little-endian bytes from a Buffer the same as an Int16Array', () => {
    const bytes = Buffer.from(everyS16.buffer);
    expect(toFloat32(bytes, 's16')).toEqual(toFloat32(everyS16, 's16'));
  });

  it('clips out-of-range values and maps NaN to 0', () => {
    const out = fromFloat32(
      new Float32Array([1.5, -1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]),
      's16',
    );
    expect(Array.from(out)).toEqual([32767, -32768, 0, 32767, -32768]);
  });

  it('fills a caller-provided array and returns a view of the filled part', () => {
    const out = new Float32Array(10);
    const view = toFloat32(new Int16Array([16384, -16384]), 's16', out);
    expect(view.buffer).toBe(out.buffer);
    expect(Array.from(view)).toEqual([0.5, -0.5]);
  });
});

describe('s24, s32, u8', () => {
  it('s24 packed bytes round-trip exactly', () => {
    const bytes = Buffer.alloc(3 * 4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const f = toFloat32(bytes, 's24');
    expect(f.length).toBe(4096);
    expect(Buffer.from(fromFloat32(f, 's24'))).toEqual(bytes);
  });

  it('s32 round-trips values with 24 significant bits exactly', () => {
    const ints = Int32Array.from({ length: 2000 }, (_, i) => (i - 1000) * 4093 * 256);
    expect(fromFloat32(toFloat32(ints, 's32'), 's32')).toEqual(ints);
  });

  it('u8 round-trips every value exactly', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const f = toFloat32(all, 'u8');
    expect(f[128]).toBe(0);
    expect(fromFloat32(f, 'u8')).toEqual(all);
  });

  it('writes bytes of any format into a Uint8Array out', () => {
    const out = Buffer.alloc(6);
    fromFloat32(new Float32Array([0.5, -0.5]), 's24', { out });
    expect(toFloat32(out, 's24')).toEqual(new Float32Array([0.5, -0.5]));
  });
});

describe('dither', () => {
  it('is reproducible with a seed and stays within one LSB', () => {
    const x = new Float32Array(10_000).fill(0.3 / 32768);
    const a = fromFloat32(x, 's16', { dither: true, seed: 42 });
    const b = fromFloat32(x, 's16', { dither: true, seed: 42 });
    expect(a).toEqual(b);
    expect(a.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(1);
  });
});

describe('bad input', () => {
  it('rejects odd byte lengths for s16 with ERR_INVALID_INPUT and a clear message', () => {
    expect(() => toFloat32(Buffer.from([1, 2, 3]), 's16')).toThrow(
      /byte length 3 is not a multiple of 2/,
    );
    expect(codeOf(() => toFloat32(Buffer.from([1, 2, 3]), 's16'))).toBe('ERR_INVALID_INPUT');
  });

  it('rejects unknown formats and mismatched array kinds', () => {
    expect(codeOf(() => toFloat32(new Int16Array(2), 's12' as never))).toBe('ERR_INVALID_PARAM');
    expect(codeOf(() => toFloat32(new Int16Array(2), 's32'))).toBe('ERR_INVALID_INPUT');
    expect(codeOf(() => toFloat32([1, 2] as never, 's16'))).toBe('ERR_INVALID_INPUT');
    expect(codeOf(() => fromFloat32([0.1] as never, 's16'))).toBe('ERR_INVALID_INPUT');
  });

  it('rejects a missing input with ERR_INVALID_INPUT, not a TypeError', () => {
    for (const input of [null, undefined]) {
      expect(() => toFloat32(input as never, 's16', new Float32Array(2))).toThrow(
        /input must be an Int16Array, Int32Array, Uint8Array or Buffer, got /,
      );
      expect(codeOf(() => toFloat32(input as never, 'mulaw'))).toBe('ERR_INVALID_INPUT');
    }
  });

  it('rejects an out array that is too small', () => {
    expect(() => toFloat32(new Int16Array(8), 's16', new Float32Array(4))).toThrow(
      /room for 4 values but 8/,
    );
  });

  it('keeps working after a rejected call', () => {
    expect(codeOf(() => toFloat32(Buffer.from([1]), 's16'))).toBe('ERR_INVALID_INPUT');
    expect(Array.from(toFloat32(new Int16Array([16384]), 's16'))).toEqual([0.5]);
  });
});

describe('fromFloat32 options', () => {
  it('refuses an unknown key, naming it and the likely one', () => {
    expect(() => fromFloat32(new Float32Array(4), 's16', { dihter: true } as never)).toThrow(
      /unknown option 'dihter' for fromFloat32 \(did you mean 'dither'\?\)/,
    );
    expect(() => fromFloat32(new Float32Array(4), 's16', 5 as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(fromFloat32(new Float32Array(4), 's16', { dither: false })).toHaveLength(4);
  });
});
