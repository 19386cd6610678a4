// A decoded WAV as a stream of real-time-sized frames (views into the decoded buffer, no copies),
// optionally paced to the wall clock, and stoppable (Ctrl-C ends the stream, not the process).
import type { AudioFrame } from '@remotemedia/core';

export interface WavAudio {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
}

export interface FrameFeed {
  frames: AsyncGenerator<AudioFrame, void, undefined>;
  /** Seconds of input handed to the pipeline so far. */
  readonly fedSeconds: number;
  /** Frames handed to the pipeline so far. */
  readonly fedFrames: number;
  /** Ends the stream after the current frame. */
  stop(): void;
  readonly stopped: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function frameFeed(audio: WavAudio, frameMs: number, realtime: boolean): FrameFeed {
  const { samples, sampleRate, channels } = audio;
  const perFrame = Math.max(1, Math.round((sampleRate * frameMs) / 1000)) * channels;
  let fed = 0;
  let fedFrames = 0;
  let stopped = false;
  async function* frames(): AsyncGenerator<AudioFrame, void, undefined> {
    const started = performance.now();
    for (let at = 0; at < samples.length && !stopped; at += perFrame) {
      const timestamp = (at / channels / sampleRate) * 1000;
      if (realtime) {
        const wait = started + timestamp - performance.now();
        if (wait > 0) await sleep(wait);
      } else if ((at / perFrame) % 50 === 0) {
        // Let timers (progress bar) and signals (Ctrl-C) run while going as fast as possible.
        await sleep(0);
      }
      const end = Math.min(at + perFrame, samples.length);
      fed = end / channels / sampleRate;
      fedFrames++;
      yield { samples: samples.subarray(at, end), sampleRate, channels, timestamp };
    }
  }
  return {
    frames: frames(),
    get fedSeconds() {
      return fed;
    },
    get fedFrames() {
      return fedFrames;
    },
    stop() {
      stopped = true;
    },
    get stopped() {
      return stopped;
    },
  };
}
