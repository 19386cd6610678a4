// 10,000 sessions come and go (half stop cleanly, half just disconnect): the server's memory stays
// flat, so nothing per session outlives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveServer, type LiveServer } from '../src/index.js';
import { connect, registry, s16le, vadManifest } from './client.js';

const start = { type: 'start', pipeline: 'vad', encoding: 's16le', sampleRate: 16000, channels: 1 };
const frame = s16le(new Float32Array(320).map((_, i) => 0.3 * Math.sin(i / 3)));
let server: LiveServer;

beforeAll(async () => {
  server = await createLiveServer({ registry, pipelines: { vad: vadManifest } });
});
afterAll(() => server.close());

async function cycle(i: number): Promise<void> {
  const client = connect(server.url);
  await client.opened;
  client.send(start);
  client.ws.send(frame);
  if (i % 2 === 0) client.send({ type: 'stop' });
  else client.ws.close();
  await client.closed;
}

async function cycles(from: number, count: number, parallel = 8): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < from + count) await cycle(next++);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  await expect.poll(() => server.sessions).toBe(0);
}

/**
 * RSS after a full collection, less the heap pages V8 keeps reserved but empty (it grows its heap
 * under load and does not give pages back at once; that is not memory a session kept).
 */
function settledRss(): number {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  const { rss, heapTotal, heapUsed } = process.memoryUsage();
  return rss - (heapTotal - heapUsed);
}

describe('memory over many sessions', () => {
  it('RSS stays flat over 10,000 connect/disconnect cycles', async () => {
    expect(typeof globalThis.gc).toBe('function');
    // 2,000 to warm up (pools, caches, the allocator's arenas), then 8 rounds of 1,000 with a
    // reading after each. The growth is the median of the last three readings minus that of the
    // first three, 5,000 sessions apart: medians, because the allocator hands pages back (or not)
    // from one reading to the next, so a single reading moves by several MB either way.
    await cycles(0, 2000);
    const readings: number[] = [];
    for (let round = 0; round < 8; round++) {
      await cycles(2000 + round * 1000, 1000);
      readings.push(settledRss());
    }
    expect(server.opened).toBe(10_000);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
    const growthMb = (median(readings.slice(-3)) - median(readings.slice(0, 3))) / 1024 / 1024;
    // A leak of 3 KB per session would show as 15 MB (a session's pipeline and socket hold far
    // more than that, so even one kept in ten would).
    expect(
      growthMb,
      `settled RSS per round: ${readings.map((r) => (r / 1024 / 1024).toFixed(1))} MB`,
    ).toBeLessThan(12);
  }, 600_000);
});
