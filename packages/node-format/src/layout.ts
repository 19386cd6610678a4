// Channel layouts of interleaved f32 audio.
import { callNative } from './native.js';
import {
  describe,
  expectChannels,
  expectFloat32,
  filled,
  float32Out,
  invalidInput,
  invalidParam,
} from './validate.js';

/** Interleaves equal-length channel planes. */
export function interleave(planes: readonly Float32Array[], out?: Float32Array): Float32Array {
  if (!Array.isArray(planes) || planes.length === 0) {
    throw invalidInput('planes must be a non-empty array of Float32Array');
  }
  planes.forEach((p, i) => {
    expectFloat32(p, `planes[${i}]`);
  });
  expectChannels(planes.length, 'planes.length');
  const target = float32Out(out, (planes[0]?.length ?? 0) * planes.length);
  return filled(
    target,
    callNative((n) => n.interleave(planes as Float32Array[], target)),
  );
}

/** Splits interleaved audio into one plane per channel (into `out` planes when given). */
export function deinterleave(
  samples: Float32Array,
  channels: number,
  out?: Float32Array[],
): Float32Array[] {
  expectFloat32(samples, 'samples');
  expectChannels(channels);
  const frames = Math.floor(samples.length / channels);
  const planes = out ?? Array.from({ length: channels }, () => new Float32Array(frames));
  if (planes.length !== channels) {
    throw invalidInput(`out must hold ${channels} planes, got ${planes.length}`);
  }
  const written = callNative((n) => n.deinterleave(samples, planes));
  return planes.map((p) => filled(p, written));
}

/** Averages every channel into mono. */
export function downmix(samples: Float32Array, channels: number, out?: Float32Array): Float32Array {
  expectFloat32(samples, 'samples');
  expectChannels(channels);
  const target = float32Out(out, Math.floor(samples.length / channels));
  return filled(
    target,
    callNative((n) => n.downmix(samples, channels, target)),
  );
}

/** Copies mono into `channels` channels. */
export function upmix(samples: Float32Array, channels: number, out?: Float32Array): Float32Array {
  expectFloat32(samples, 'samples');
  expectChannels(channels);
  const target = float32Out(out, samples.length * channels);
  return filled(
    target,
    callNative((n) => n.upmix(samples, channels, target)),
  );
}

/** One row per output channel, one gain per input channel. */
export type ChannelMatrix = readonly (readonly number[])[];

interface FlatMatrix {
  gains: Float32Array;
  inChannels: number;
  outChannels: number;
}

// Reusing the same matrix object costs no allocation per call.
const flattened = new WeakMap<ChannelMatrix, FlatMatrix>();

function flatten(matrix: ChannelMatrix): FlatMatrix {
  const cached = flattened.get(matrix);
  if (cached !== undefined) return cached;
  if (!Array.isArray(matrix) || matrix.length === 0) {
    throw invalidParam('matrix must be a non-empty array of rows (one per output channel)');
  }
  const inChannels = matrix[0]?.length ?? 0;
  expectChannels(matrix.length, 'matrix rows (output channels)');
  expectChannels(inChannels, 'matrix columns (input channels)');
  const gains = new Float32Array(matrix.length * inChannels);
  matrix.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== inChannels) {
      throw invalidParam(`matrix row ${r} must have ${inChannels} gains, got ${describe(row)}`);
    }
    row.forEach((g, c) => {
      if (typeof g !== 'number' || !Number.isFinite(g)) {
        throw invalidParam(`matrix[${r}][${c}] must be a finite number, got ${describe(g)}`);
      }
      gains[r * inChannels + c] = g;
    });
  });
  const flat = { gains, inChannels, outChannels: matrix.length };
  flattened.set(matrix, flat);
  return flat;
}

/** Remaps channels through `matrix`: `out[c] = sum_i matrix[c][i] * in[i]`. */
export function remap(
  samples: Float32Array,
  matrix: ChannelMatrix,
  out?: Float32Array,
): Float32Array {
  expectFloat32(samples, 'samples');
  const { gains, inChannels, outChannels } = flatten(matrix);
  const target = float32Out(out, Math.floor(samples.length / inChannels) * outChannels);
  return filled(
    target,
    callNative((n) => n.remap(samples, inChannels, outChannels, gains, target)),
  );
}
