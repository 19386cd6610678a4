// The one audio shape every node, worker and wire codec passes around.

/** One chunk of interleaved f32 audio. */
export interface AudioFrame {
  /** Interleaved samples (frame count = samples.length / channels). */
  samples: Float32Array;
  /** Hz. */
  sampleRate: number;
  channels: number;
  /** Milliseconds from the start of the stream to the first sample. */
  timestamp?: number;
}
