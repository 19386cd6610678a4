// Whole-buffer speech segments: sync for short buffers, async (worker thread) for long ones.
import type { NativeSegment } from '../binding.cjs';
import { callNative, callNativeAsync } from './native.js';
import { checkOptions, type VadOptions } from './options.js';
import { checkSamples, type Samples } from './validate.js';

/** A speech segment in ms from the start of the buffer, padding included. */
export interface Segment {
  startMs: number;
  endMs: number;
}

const plain = (segments: NativeSegment[]): Segment[] =>
  segments.map(({ startMs, endMs }) => ({ startMs, endMs }));

/** Detects the speech segments of a whole buffer (blocks the event loop: ~0.1 ms per second of audio). */
export function detectSegments(samples: Samples, options: VadOptions): Segment[] {
  const o = checkOptions(options, true);
  const input = checkSamples(samples, o.channels);
  return plain(
    input instanceof Float32Array
      ? callNative((b) => b.detectSegmentsF32(input, o))
      : callNative((b) => b.detectSegmentsI16(input, o)),
  );
}

/** `detectSegments` on a worker thread (the input is copied first), for long recordings. */
export async function detectSegmentsAsync(
  samples: Samples,
  options: VadOptions,
): Promise<Segment[]> {
  const o = checkOptions(options, true);
  const input = checkSamples(samples, o.channels);
  return plain(
    input instanceof Float32Array
      ? await callNativeAsync((b) => b.detectSegmentsF32Async(input, o))
      : await callNativeAsync((b) => b.detectSegmentsI16Async(input, o)),
  );
}
