// Case 2: resample -> VAD over 60 s of 48 kHz mono in 20 ms frames, through a pipeline vs calling
// the same node instances directly in a loop. node-vad is used when it can be imported.

import { AudioResample } from '@remotemedia/node-resample';
import { Bench } from 'tinybench';
import { createPipeline, NodeRegistry } from '../dist/index.js';

const RATE = 48_000;
const FRAME = RATE / 50;
const frames = Array.from({ length: 60 * 50 }, (_, k) => {
  const samples = new Float32Array(FRAME);
  for (let i = 0; i < FRAME; i++)
    samples[i] = 0.3 * Math.sin((2 * Math.PI * 300 * (k * FRAME + i)) / RATE);
  return { samples, sampleRate: RATE, channels: 1, timestamp: k * 20 };
});

async function loadVad() {
  try {
    const vad = await import('@remotemedia/node-vad');
    return vad.VAD ?? vad.nodes?.[0];
  } catch {
    return undefined;
  }
}

export async function nativePipeline() {
  const Vad = await loadVad();
  if (Vad === undefined) {
    console.log(
      '\n2. @remotemedia/node-vad cannot be imported yet: measuring resample alone (VAD part skipped)',
    );
  }
  let builder = NodeRegistry.builder().rust(AudioResample);
  if (Vad !== undefined) builder = builder.rust(Vad);
  const registry = builder.build();
  const nodes = [{ id: 'rs', type: 'AudioResample', params: { to: 16_000 } }];
  if (Vad !== undefined) nodes.push({ id: 'vad', type: Vad.type, params: {} });
  const manifest = {
    version: 1,
    nodes,
    connections: Vad === undefined ? [] : [{ from: 'rs', to: 'vad' }],
  };
  const pipeline = await createPipeline(registry, manifest);
  const direct = await Promise.all(nodes.map((n) => registry.createNode(n.type, n.params)));

  const runDirect = () => {
    const outs = [];
    const push = (v, from) => {
      for (let i = from; i < direct.length && v !== undefined; i++) v = direct[i].process(v);
      if (v !== undefined) outs.push(v);
    };
    for (const f of frames) push(f, 0);
    for (let i = 0; i < direct.length; i++) push(direct[i].flush?.(), i + 1);
    return outs;
  };
  const runPipeline = async () => {
    const outs = [];
    for await (const v of pipeline.stream(frames)) outs.push(v);
    return outs;
  };
  const a = runDirect();
  const b = await runPipeline();
  if (JSON.stringify(a.map(summary)) !== JSON.stringify(b.map(summary))) {
    throw new Error('pipeline output differs from the direct calls');
  }
  const bench = new Bench({ time: 3000, warmup: true });
  bench.add('pipeline.stream', runPipeline).add('direct calls', runDirect);
  await bench.run();
  const [p, d] = bench.tasks.map((t) => t.result.latency.p50);
  console.log(
    `\n2. ${Vad === undefined ? 'AudioResample 48k->16k' : 'resample -> VAD'} over 60 s of 20 ms frames (${frames.length} frames)`,
  );
  console.table([
    { contender: 'pipeline.stream (metrics on)', median: `${p.toFixed(2)} ms` },
    { contender: 'direct calls, same instances', median: `${d.toFixed(2)} ms` },
  ]);
  const overhead = (p - d) / d;
  console.log(
    `orchestration overhead: ${(overhead * 100).toFixed(1)}% (target <= 10%: ${overhead <= 0.1 ? 'MET' : 'MISSED'})`,
  );
  await pipeline.close();
}

function summary(v) {
  const frame = v?.audio ?? v;
  if (frame?.samples === undefined) return v;
  let sum = 0;
  for (const s of frame.samples) sum += s;
  return [frame.samples.length, Math.round(sum * 1e4)];
}
