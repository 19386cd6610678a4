/** A peer RNNoise build driven frame by frame: 480 samples at 48 kHz in, the same out. */
export interface PeerRnnoise {
  /** Denoises `frame` (+-1 floats) into `out`, 10 ms late; returns the voice probability. */
  processFrame(frame: Float32Array, out: Float32Array): number;
  close(): void;
}
export function jitsiRnnoise(): Promise<PeerRnnoise>;
export function shiguredoRnnoise(): Promise<PeerRnnoise>;
