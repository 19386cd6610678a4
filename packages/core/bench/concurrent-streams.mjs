// Case 3: 1,000 concurrent real-time streams (a 20 ms frame every 20 ms each) through a 3-node
// graph; reports delivered frames/s and the event-loop delay p99 while they run.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPipeline, NodeRegistry } from '../dist/index.js';
import { benchNode, GAIN_PARAMS } from './bench-node.mjs';

const STREAMS = 1_000;
const SECONDS = 3;
const FRAME = 320; // 20 ms at 16 kHz mono

const Gain = benchNode(
  'Gain',
  'gain into a reused buffer',
  ['audio', 'audio'],
  ({ gain = 1 }) => {
    const out = new Float32Array(FRAME);
    return {
      process: (f) => {
        for (let i = 0; i < f.samples.length; i++) out[i] = f.samples[i] * gain;
        return { ...f, samples: out };
      },
    };
  },
  GAIN_PARAMS,
);

async function* paced(frames) {
  const start = performance.now();
  for (let k = 0; k < frames; k++) {
    const due = start + k * 20 - performance.now();
    if (due > 0) await sleep(due);
    yield {
      samples: new Float32Array(FRAME).fill(0.1),
      sampleRate: 16_000,
      channels: 1,
      timestamp: k * 20,
    };
  }
}

export async function concurrentStreams() {
  const registry = NodeRegistry.builder().ts(Gain).build();
  const manifest = {
    version: 1,
    nodes: ['a', 'b', 'c'].map((id) => ({ id, type: 'Gain', params: { gain: 0.5 } })),
    connections: [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ],
  };
  const pipelines = await Promise.all(
    Array.from({ length: STREAMS }, () => createPipeline(registry, manifest)),
  );
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const perStream = SECONDS * 50;
  let delivered = 0;
  let correct = 0;
  await Promise.all(
    pipelines.map(async (p) => {
      for await (const f of p.stream(paced(perStream))) {
        delivered++;
        if (Math.abs(f.samples[0] - 0.0125) < 1e-7) correct++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  delay.disable();
  if (delivered !== STREAMS * perStream || correct !== delivered) {
    throw new Error(`delivered ${delivered} frames, ${correct} correct, of ${STREAMS * perStream}`);
  }
  const p99 = delay.percentile(99) / 1e6;
  console.log(`\n3. ${STREAMS} concurrent real-time streams x ${SECONDS} s through a 3-node graph`);
  console.table([
    {
      'frames/s delivered': Math.round(delivered / elapsed),
      'frames/s offered': STREAMS * 50,
      'event-loop delay p99': `${p99.toFixed(2)} ms`,
      max: `${(delay.max / 1e6).toFixed(2)} ms`,
    },
  ]);
  console.log(`target: event-loop delay p99 < 20 ms: ${p99 < 20 ? 'MET' : 'MISSED'}`);
  await Promise.all(pipelines.map((p) => p.close()));
}
