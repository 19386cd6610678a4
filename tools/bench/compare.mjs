// Shared benchmark harness: runs a group of contenders on the same input with tinybench, after
// checking that each produced an acceptable result, and prints median times and ratios against
// the first contender (ours).
import { Bench } from 'tinybench';

/**
 * @param {string} title
 * @param {{ name: string, fn: () => unknown, check?: () => void }[]} contenders  ours first
 * @param {{ time?: number, iterations?: number, warmup?: boolean }} [options]  slow peers: few iterations
 */
export async function compare(title, contenders, options = {}) {
  for (const c of contenders) c.check?.();
  const bench = new Bench({
    time: options.time ?? 600,
    iterations: options.iterations ?? 64,
    warmup: options.warmup ?? true,
  });
  for (const c of contenders) bench.add(c.name, c.fn);
  await bench.run();
  const medians = bench.tasks.map((t) => t.result.latency.p50);
  const ours = medians[0];
  console.log(`\n${title}`);
  const rows = bench.tasks.map((t, i) => ({
    contender: t.name,
    median: formatTime(medians[i]),
    'vs ours': i === 0 ? '1.00x' : `${(medians[i] / ours).toFixed(2)}x slower`,
  }));
  console.table(rows);
  return Object.fromEntries(bench.tasks.map((t, i) => [t.name, medians[i]]));
}

export function formatTime(ms) {
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.001) return `${(ms * 1000).toFixed(2)} us`;
  return `${(ms * 1e6).toFixed(0)} ns`;
}

/** Throws when a contender's output differs from the reference by more than `tolerance`. */
export function assertClose(name, actual, expected, tolerance) {
  if (actual.length !== expected.length) {
    throw new Error(`${name}: length ${actual.length} differs from ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tolerance) {
      throw new Error(`${name}: sample ${i} is ${actual[i]}, expected ${expected[i]}`);
    }
  }
}
