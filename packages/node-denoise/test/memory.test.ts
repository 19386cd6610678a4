// RSS stays flat over a million 10 ms frames and over many created and closed nodes: nothing is
// kept per frame (output buffers are reused), and closing frees the network state.
// (A file of its own: under arm64 emulation it would take too long, so it runs on the host.)
import { expect, it } from 'vitest';
import { DenoiseNode } from '../src/index.js';

it('keeps memory flat over 1,000,000 frames and 2,000 create/close', { timeout: 900_000 }, () => {
  let seed = 3;
  const noise = Float32Array.from({ length: 480 * 100 }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (seed / 2 ** 31 - 0.5) * 0.2;
  });
  const frames = Array.from({ length: 100 }, (_, i) => ({
    samples: noise.subarray(i * 480, (i + 1) * 480),
    sampleRate: 48_000,
    channels: 1,
  }));
  const rss = () => process.memoryUsage().rss;
  const node = DenoiseNode.create();
  // Warm up until the JS heap of the output objects has reached its steady size.
  for (let i = 0; i < 100_000; i++) node.process(frames[i % 100] as (typeof frames)[0]);
  // The allocator settles after a few thousand network states come and go.
  for (let i = 0; i < 4_000; i++) DenoiseNode.create().close();
  const before = rss();
  for (let i = 0; i < 1_000_000; i++) node.process(frames[i % 100] as (typeof frames)[0]);
  for (let i = 0; i < 2_000; i++) {
    const other = DenoiseNode.create();
    other.process(frames[i % 100] as (typeof frames)[0]);
    other.close();
  }
  node.close();
  const grown = rss() - before;
  console.log(`RSS grew ${(grown / 1024 / 1024).toFixed(1)} MiB over 1e6 frames`);
  expect(grown).toBeLessThan(40 * 1024 * 1024);
});
