// The RNNoise builds a Node user would otherwise pick, each driven through its own API. Each
// function below is all the glue a user must write around that package to denoise 10 ms frames
// of 48 kHz float audio (the line counts in the README are these functions' bodies).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FRAME = 480;

/**
 * @jitsi/rnnoise-wasm's RNNoise 0.1 build: the same model nnnoiseless ports. Raw emscripten
 * exports; the module cannot find its .wasm in Node, so the bytes are passed in.
 */
export async function jitsiRnnoise() {
  const { default: create } = await import('@jitsi/rnnoise-wasm/dist/rnnoise.js');
  const wasmBinary = readFileSync(require.resolve('@jitsi/rnnoise-wasm/dist/rnnoise.wasm'));
  const m = await create({ wasmBinary });
  const state = m._rnnoise_create();
  const input = m._malloc(FRAME * 4);
  const output = m._malloc(FRAME * 4);
  return {
    /** Denoises 480 samples (+-1 floats) into `out`; returns RNNoise's voice probability. */
    processFrame(frame, out) {
      const at = input >> 2;
      for (let i = 0; i < FRAME; i++) m.HEAPF32[at + i] = frame[i] * 32_768;
      const probability = m._rnnoise_process_frame(state, output, input);
      const from = output >> 2;
      for (let i = 0; i < FRAME; i++) out[i] = m.HEAPF32[from + i] / 32_768;
      return probability;
    },
    close() {
      m._rnnoise_destroy(state);
      m._free(input);
      m._free(output);
    },
  };
}

/**
 * @shiguredo/rnnoise-wasm: RNNoise 0.2 (a newer model than nnnoiseless ports) behind a small
 * class. Its loader refuses to run outside a browser or worker, so Node must pretend to be one.
 */
export async function shiguredoRnnoise() {
  globalThis.WorkerGlobalScope ??= class {};
  const { Rnnoise } = await import('@shiguredo/rnnoise-wasm');
  const state = (await Rnnoise.load()).createDenoiseState();
  const pcm = new Float32Array(FRAME);
  return {
    processFrame(frame, out) {
      for (let i = 0; i < FRAME; i++) pcm[i] = frame[i] * 32_768;
      const probability = state.processFrame(pcm);
      for (let i = 0; i < FRAME; i++) out[i] = pcm[i] / 32_768;
      return probability;
    },
    close() {
      state.destroy();
    },
  };
}
