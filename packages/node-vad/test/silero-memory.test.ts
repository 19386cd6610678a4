// engine: 'silero' holds no memory per window or per instance: over 10,000 create/close and
// 1,000,000 windows RSS stays flat from the early rounds to the late ones, and every pass over
// the speech fixture gives the first pass's probabilities (so each window really ran, and the
// stream state never drifts). A file of its own: under arm64 emulation it would take hours.
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeWav } from '@remotemedia/node-format';
import { expect, it } from 'vitest';
import { Vad } from '../src/index.js';

const MB = 1024 * 1024;
// A collection on demand, without --expose-gc on the command line (the emulated suites run in
// worker threads, which refuse that flag; this file runs on the host only).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const WINDOW = 512;
const { samples } = decodeWav(
  readFileSync(new URL('../../../crates/silero/tests/fixtures/speech-16k.wav', import.meta.url)),
);
// Views made once, so the loop allocates nothing on the JS side.
const windows = Array.from({ length: Math.floor(samples.length / WINDOW) }, (_, i) =>
  samples.subarray(i * WINDOW, (i + 1) * WINDOW),
);

/**
 * RSS growth over `rounds` rounds of `work` (the first `warm` are not counted: pools and caches
 * fill there): the median RSS of the last third of the rounds minus that of the first third.
 * Before each reading, garbage is collected and the event loop turned once, so the finalizers of
 * collected wrappers have run and what remains is what native code kept. Medians, so one round
 * that happens to meet a page trim moves nothing; thirds, so memory that grows round after round
 * shows as the difference.
 */
async function rssGrowth(
  rounds: number,
  warm: number,
  work: () => void | Promise<void>,
): Promise<{ growth: number; rss: number[] }> {
  const rss: number[] = [];
  for (let round = 0; round < warm + rounds; round++) {
    await work();
    gc();
    await nextTurn();
    if (round >= warm) rss.push(process.memoryUsage().rss);
  }
  const third = Math.floor(rounds / 3);
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { growth: median(rss.slice(-third)) - median(rss.slice(0, third)), rss };
}

it('keeps RSS flat over 10,000 create/close', { timeout: 600_000 }, async () => {
  // Each Silero stream owns ~20 KB of buffers: 6,000 leaked ones would add ~120 MB. The loop
  // yields to the event loop every 100 streams, as a server does between connections: napi
  // runs the finalizers of collected wrappers there, so what stays is what native code kept
  // (a loop that never yields piles up ~0.5 KB of pending finalizer per object, either engine).
  const { growth, rss } = await rssGrowth(10, 2, async () => {
    for (let i = 0; i < 1_000; i++) {
      const vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
      vad.process(windows[i % windows.length] as Float32Array);
      vad.close();
      if (i % 100 === 99) await nextTurn();
    }
  });
  expect(growth, `RSS per round: ${rss.map((r) => (r / MB).toFixed(1))} MB`).toBeLessThan(4 * MB);
});

it('keeps RSS flat and the model exact over 1,000,000 windows', {
  timeout: 1_200_000,
}, async () => {
  using vad = new Vad({ sampleRate: 16_000, engine: 'silero' });
  const decisions = new Uint8Array(1);
  const probability = new Float32Array(1);
  const first = new Float32Array(windows.length);
  const pass = new Float32Array(windows.length);
  const runPass = (into: Float32Array) => {
    vad.reset();
    for (let w = 0; w < windows.length; w++) {
      vad.processInto(windows[w] as Float32Array, decisions, probability);
      into[w] = probability[0] as number;
    }
  };
  runPass(first);
  const speech = first.filter((p) => p >= 0.5).length;
  expect(speech).toBeGreaterThan(windows.length / 5);
  expect(speech).toBeLessThan((windows.length * 9) / 10);

  // 12 rounds of ~83,000 windows; the first only warms up (the JS heap settles within it).
  const passesPerRound = Math.ceil(1_000_000 / windows.length / 12);
  let windowsRun = windows.length;
  let differing = 0;
  const { growth, rss } = await rssGrowth(11, 1, () => {
    for (let p = 0; p < passesPerRound; p++) {
      runPass(pass);
      windowsRun += windows.length;
      for (let w = 0; w < pass.length; w++) if (pass[w] !== first[w]) differing++;
    }
  });
  expect(windowsRun).toBeGreaterThanOrEqual(1_000_000);
  expect(differing).toBe(0);
  // A leak of 8 bytes per window would add over 5 MB between the first and last thirds.
  expect(growth, `RSS per round: ${rss.map((r) => (r / MB).toFixed(1))} MB`).toBeLessThan(4 * MB);
});
