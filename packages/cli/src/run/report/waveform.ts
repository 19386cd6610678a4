// The input's waveform, downsampled to min/max columns: a few thousand numbers for any length.
import type { Waveform } from './report-data.js';

/** Columns drawn for a whole file; a short file gets one column per sample frame instead. */
const COLUMNS = 2000;

export function waveform(audio: {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
}): Waveform {
  const { samples, sampleRate, channels } = audio;
  const frames = Math.floor(samples.length / channels);
  const columns = Math.max(1, Math.min(COLUMNS, frames));
  const framesPerColumn = frames / columns;
  const min: number[] = [];
  const max: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * framesPerColumn) * channels;
    const to = Math.max(from + channels, Math.floor((c + 1) * framesPerColumn) * channels);
    let lo = 0;
    let hi = 0;
    for (let i = from; i < to && i < samples.length; i++) {
      const v = samples[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    // Four decimals are below a pixel at any height and keep the embedded JSON small.
    min.push(Math.round(lo * 1e4) / 1e4);
    max.push(Math.round(hi * 1e4) / 1e4);
  }
  return { columnMs: (framesPerColumn / sampleRate) * 1000, min, max };
}
