// The peers a Node user would otherwise pick, each loaded only if it installed and built: the
// benchmark prints a notice and skips one that is missing instead of failing.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

async function load(name, open) {
  try {
    return await open();
  } catch (error) {
    console.log(`NOTICE: skipping ${name}: ${error.message.split('\n')[0]}`);
    return undefined;
  }
}

/** libfvad in wasm: frames are copied into the wasm heap, as its users do. */
export const fvadWasm = await load('@echogarden/fvad-wasm', async () => {
  const m = await (await import('@echogarden/fvad-wasm')).default();
  return (rate, mode, maxFrame = 1_440) => {
    const handle = m._fvad_new();
    m._fvad_set_mode(handle, mode);
    if (m._fvad_set_sample_rate(handle, rate) !== 0) throw new Error(`fvad: bad rate ${rate}`);
    const ptr = m._malloc(maxFrame * 2);
    return (frame) => {
      m.HEAP16.set(frame, ptr >> 1);
      return m._fvad_process(handle, ptr, frame.length) === 1;
    };
  };
});

/** webrtcvad (node-gyp addon): takes a Buffer of exactly one frame. */
export const webrtcvad = await load('webrtcvad', async () => {
  const VAD = require('webrtcvad').default;
  return (rate, mode) => {
    const vad = new VAD(rate, mode);
    return (frame) => vad.process(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
  };
});

/** node-vad (node-gyp addon): one promise per frame. */
export const nodeVad = await load('node-vad', async () => {
  const VAD = require('node-vad');
  return (rate, mode) => {
    const vad = new VAD(mode);
    return async (frame) => {
      const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
      return (await vad.processAudio(buf, rate)) === VAD.Event.VOICE;
    };
  };
});

/** JS/wasm resamplers for rates webrtc-vad cannot take; each returns whole-buffer f32 output. */
export const resamplers = [];
const libsamplerate = await load(
  '@alexanderolsen/libsamplerate-js',
  () => import('@alexanderolsen/libsamplerate-js'),
);
if (libsamplerate) {
  const { ConverterType, create } = libsamplerate.default ?? libsamplerate;
  for (const [label, type] of [
    ['libsamplerate-js SINC_FASTEST', ConverterType.SRC_SINC_FASTEST],
    ['libsamplerate-js LINEAR', ConverterType.SRC_LINEAR],
  ]) {
    const src = await create(1, 44_100, 16_000, { converterType: type });
    resamplers.push({ name: label, resample: (input) => src.simple(input) });
  }
}
const wave = await load('wave-resampler', () => import('wave-resampler'));
if (wave) {
  const resample = (wave.default ?? wave).resample;
  resamplers.push({
    name: 'wave-resampler linear',
    resample: (input) =>
      Float64Array.from(resample(input, 44_100, 16_000, { method: 'linear', LPF: false })),
  });
}
