// Runs whole signals through the Denoise node as a stream of chunks, collecting its ports.
import { concat } from '../../../tools/testing/typed-arrays.js';
import { type AudioFrame, DenoiseNode, type DenoiseParams } from '../src/index.js';

export interface VoiceReport {
  startMs: number;
  endMs: number;
  probability: number;
}

interface DenoiseOutput {
  audio?: AudioFrame;
  voice?: VoiceReport[];
}

export interface Denoised {
  audio: Float32Array;
  voice: VoiceReport[];
  /** The timestamp of every output frame. */
  stamps: (number | undefined)[];
}

/** Denoises `samples` in chunks of `chunk` sample frames (whole signal by default), then flushes. */
export function denoise(
  samples: Float32Array,
  format: { sampleRate: number; channels: number },
  params: DenoiseParams = {},
  chunk = samples.length / format.channels,
): Denoised {
  const node = DenoiseNode.create(params);
  const parts: Float32Array[] = [];
  const voice: VoiceReport[] = [];
  const stamps: (number | undefined)[] = [];
  const take = (out: unknown) => {
    const o = (out ?? {}) as DenoiseOutput;
    if (o.audio !== undefined) {
      parts.push(o.audio.samples);
      stamps.push(o.audio.timestamp);
    }
    voice.push(...(o.voice ?? []));
  };
  const step = chunk * format.channels;
  for (let at = 0; at < samples.length; at += step) {
    const timestamp = ((at / format.channels) * 1000) / format.sampleRate;
    take(node.process({ samples: samples.subarray(at, at + step), ...format, timestamp }));
  }
  take(node.flush());
  node.close();
  return { audio: concat(parts), voice, stamps };
}
