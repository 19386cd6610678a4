// Denoise against a plain JS loop on one 20 ms frame of 48 kHz stereo. Add the npm packages a
// user would otherwise pick for this job as further contenders.
import { assertClose, compare } from '../../../tools/bench/compare.mjs';
import { DenoiseNode } from '../dist/index.js';

const frame = {
  samples: Float32Array.from({ length: 1920 }, (_, i) => Math.sin(i / 10) * 0.5),
  sampleRate: 48_000,
  channels: 2,
};
const node = DenoiseNode.create({ gain: 0.5 });
const js = (input) => {
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[i] * 0.5;
  return out;
};

await compare('one 20 ms frame, 48 kHz stereo', [
  { name: 'node-denoise', fn: () => node.process(frame) },
  {
    name: 'plain JS loop',
    fn: () => js(frame.samples),
    check: () => assertClose('js', js(frame.samples), node.process(frame).samples, 1e-7),
  },
]);
