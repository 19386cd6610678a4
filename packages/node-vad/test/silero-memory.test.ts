// engine: 'silero' holds no memory per call: RSS stays flat over create/close and many windows.
// (A file of its own: under arm64 emulation it would take tens of minutes, so it runs on the host.)
import { expect, it } from 'vitest';
import { Vad } from '../src/index.js';

it('keeps memory flat over 10,000 create/close and 100,000 windows', { timeout: 300_000 }, () => {
  const window = new Float32Array(512).map((_, i) => Math.sin(i / 7) * 0.2);
  const rss = () => process.memoryUsage().rss;
  for (let i = 0; i < 200; i++) new Vad({ sampleRate: 16_000, engine: 'silero' }).close();
  const before = rss();
  for (let i = 0; i < 10_000; i++) {
    const vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
    vad.process(window);
    vad.close();
  }
  using vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
  const decisions = new Uint8Array(2);
  const probabilities = new Float32Array(2);
  for (let i = 0; i < 100_000; i++) vad.processInto(window, decisions, probabilities);
  expect(rss() - before).toBeLessThan(40 * 1024 * 1024);
});
