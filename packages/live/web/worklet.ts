// Runs on the audio thread: cuts the microphone into 20 ms mono frames and posts each one (its
// buffer transferred) to the page, which sends it over the WebSocket.

declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

class FrameCapture extends AudioWorkletProcessor {
  readonly #size = Math.round(sampleRate / 50);
  #frame = new Float32Array(this.#size);
  #filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (channel === undefined) return true;
    let at = 0;
    while (at < channel.length) {
      const take = Math.min(channel.length - at, this.#size - this.#filled);
      this.#frame.set(channel.subarray(at, at + take), this.#filled);
      this.#filled += take;
      at += take;
      if (this.#filled === this.#size) {
        this.port.postMessage(this.#frame, [this.#frame.buffer]);
        this.#frame = new Float32Array(this.#size);
        this.#filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('frame-capture', FrameCapture);
