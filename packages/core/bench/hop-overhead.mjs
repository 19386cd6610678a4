// Case 1: per-hop cost of the executor in stream mode, against two hand-written floors.
import { Bench } from 'tinybench';
import { createPipeline, NodeRegistry } from '../dist/index.js';
import { benchNode } from './bench-node.mjs';

const HOPS = 10;
const FRAMES = 2_000;
const frames = Array.from({ length: FRAMES }, (_, i) => ({
  samples: new Float32Array(1920),
  sampleRate: 48_000,
  channels: 2,
  timestamp: i * 20,
}));

const passDef = (asyncProcess) =>
  benchNode(asyncProcess ? 'AsyncPass' : 'Pass', 'pass-through', ['any', 'any'], () =>
    asyncProcess ? { process: async (v) => v } : { process: (v) => v },
  );

const registry = NodeRegistry.builder().ts(passDef(false)).ts(passDef(true)).build();
const manifest = (type) => ({
  version: 1,
  nodes: Array.from({ length: HOPS }, (_, i) => ({ id: `n${i}`, type })),
  connections: Array.from({ length: HOPS - 1 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}` })),
});

const nodes = Array.from({ length: HOPS }, () => ({ process: (v) => v }));
async function awaitFloor() {
  let n = 0;
  for (const f of frames) {
    let v = f;
    for (const node of nodes) v = await node.process(v);
    if (v === f) n++;
  }
  return n;
}
function syncFloor() {
  let n = 0;
  for (const f of frames) {
    let v = f;
    for (const node of nodes) v = node.process(v);
    if (v === f) n++;
  }
  return n;
}

// What any stream API costs per frame before node work: a for-await over ready items.
function readyIterator() {
  let i = 0;
  return {
    next: () =>
      Promise.resolve(
        i < FRAMES ? { value: frames[i++], done: false } : { value: undefined, done: true },
      ),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
async function forAwaitFloor() {
  let n = 0;
  let i = 0;
  for await (const v of readyIterator()) if (v === frames[i++]) n++;
  return n;
}

async function drain(pipeline) {
  let n = 0;
  let i = 0;
  for await (const v of pipeline.stream(frames)) if (v === frames[i++]) n++;
  return n;
}

export async function hopOverhead() {
  const withMetrics = await createPipeline(registry, manifest('Pass'), { metrics: true });
  const noMetrics = await createPipeline(registry, manifest('Pass'), { metrics: false });
  const asyncNodes = await createPipeline(registry, manifest('AsyncPass'), { metrics: true });
  // Every contender must deliver every frame, unchanged and in order.
  for (const [name, run] of [
    ['await floor', awaitFloor],
    ['sync floor', syncFloor],
    ['for-await floor', forAwaitFloor],
    ['core, metrics on', () => drain(withMetrics)],
    ['core, metrics off', () => drain(noMetrics)],
    ['core, async nodes, metrics on', () => drain(asyncNodes)],
  ]) {
    const n = await run();
    if (n !== FRAMES) throw new Error(`${name} delivered ${n} of ${FRAMES} frames intact`);
  }
  const bench = new Bench({ time: 1500, warmup: true });
  bench
    .add('await-per-hop floor', awaitFloor)
    .add('sync floor', syncFloor)
    .add('for-await floor (no nodes)', forAwaitFloor)
    .add('core stream, metrics on', () => drain(withMetrics))
    .add('core stream, metrics off', () => drain(noMetrics))
    .add('core stream, async nodes, metrics on', () => drain(asyncNodes));
  await bench.run();
  const perHop = Object.fromEntries(
    bench.tasks.map((t) => [t.name, (t.result.latency.p50 * 1000) / (FRAMES * HOPS)]),
  );
  const awaitHop = perHop['await-per-hop floor'];
  const syncHop = perHop['sync floor'];
  console.log(
    `\n1. Overhead per node hop per frame (${HOPS}-node chain of pass-through TS nodes, ${FRAMES} frames)`,
  );
  console.table(
    bench.tasks.map((t) => ({
      contender: t.name,
      'us per hop': perHop[t.name].toFixed(4),
      'vs await floor': `${(perHop[t.name] / awaitHop).toFixed(2)}x`,
      'vs sync floor': `${(perHop[t.name] / syncHop).toFixed(2)}x`,
    })),
  );
  const onRatio = perHop['core stream, metrics on'] / awaitHop;
  const offRatio = perHop['core stream, metrics off'] / syncHop;
  const asyncRatio = perHop['core stream, async nodes, metrics on'] / awaitHop;
  console.log(
    `target: metrics on <= 1.5x await floor: ${onRatio.toFixed(2)}x ${onRatio <= 1.5 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `target: fused sync chain, metrics off <= 3x sync floor: ${offRatio.toFixed(2)}x ${offRatio <= 3 ? 'MET' : 'MISSED'}`,
  );
  // The reference floors (Node 24, a similar machine): 0.2 us (await) and 0.015 us (sync) per hop.
  console.log(
    `vs the reference floors: metrics on ${(perHop['core stream, metrics on'] / 0.2).toFixed(2)}x of 0.2 us, metrics off ${(perHop['core stream, metrics off'] / 0.015).toFixed(2)}x of 0.015 us`,
  );
  console.log(
    `async nodes (one await each), metrics on, vs await floor: ${asyncRatio.toFixed(2)}x`,
  );
  const perFrame = (name) => perHop[name] * HOPS;
  console.log(
    `per frame, metrics off: ${perFrame('core stream, metrics off').toFixed(3)} us vs ${perFrame('for-await floor (no nodes)').toFixed(3)} us for the for-await alone (sync floor: ${perFrame('sync floor').toFixed(3)} us)`,
  );
}
