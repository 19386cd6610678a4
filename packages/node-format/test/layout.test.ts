import { describe, expect, it } from 'vitest';
import { deinterleave, downmix, interleave, remap, upmix } from '../src/index.js';

describe('layout', () => {
  it('interleave and deinterleave are inverse', () => {
    const l = Float32Array.from([1, 2, 3]);
    const r = Float32Array.from([-1, -2, -3]);
    const inter = interleave([l, r]);
    expect(Array.from(inter)).toEqual([1, -1, 2, -2, 3, -3]);
    const [l2, r2] = deinterleave(inter, 2);
    expect(l2).toEqual(l);
    expect(r2).toEqual(r);
  });

  it('deinterleave fills caller planes', () => {
    const planes = [new Float32Array(2), new Float32Array(2)];
    const out = deinterleave(Float32Array.from([1, 2, 3, 4]), 2, planes);
    expect(out[0]).toBe(planes[0]);
    expect(Array.from(planes[1] ?? [])).toEqual([2, 4]);
  });

  it('downmix averages, upmix copies, remap applies the matrix', () => {
    expect(Array.from(downmix(Float32Array.from([1, 0, 0.5, 0.5]), 2))).toEqual([0.5, 0.5]);
    expect(Array.from(upmix(Float32Array.from([0.25, -0.5]), 3))).toEqual([
      0.25, 0.25, 0.25, -0.5, -0.5, -0.5,
    ]);
    const swap = [
      [0, 1],
      [1, 0],
    ];
    expect(Array.from(remap(Float32Array.from([0.25, 0.75]), swap))).toEqual([0.75, 0.25]);
  });

  it('reports bad layouts with codes', () => {
    expect(() => downmix(new Float32Array(3), 2)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => upmix(new Float32Array(3), 0)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(() => upmix(new Float32Array(3), 65)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(() => interleave([new Float32Array(2), new Float32Array(3)])).toThrow(/same length/);
    expect(() => remap(new Float32Array(2), [[1, 0], [1]])).toThrow(/row 1 must have 2 gains/);
  });
});
