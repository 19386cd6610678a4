// How many processes `remotemedia serve --ws` runs: `--workers <n|auto>` or [live] workers, one
// definition for the flag and the config key (auto: one per core the process may use).
import { availableParallelism } from 'node:os';
import { RemoteMediaError } from '@remotemedia/core';

export const MAX_WORKERS = 256;
export type WorkerCount = number | 'auto';

/** The problem with a worker count (to follow the key's or flag's name), or undefined. */
export function workerCountProblem(value: unknown): string | undefined {
  if (value === 'auto') return undefined;
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_WORKERS
    ? undefined
    : `must be an integer from 1 to ${MAX_WORKERS} or "auto"`;
}

/** `--workers` text -> a count; anything else is ERR_INVALID_PARAM naming the flag. */
export function parseWorkerCount(text: string): WorkerCount {
  const value = text === 'auto' ? 'auto' : /^\d+$/.test(text) ? Number(text) : text;
  const problem = workerCountProblem(value);
  if (problem !== undefined) {
    throw new RemoteMediaError('ERR_INVALID_PARAM', `--workers ${problem}, got '${text}'`);
  }
  return value as WorkerCount;
}

export function resolveWorkerCount(count: WorkerCount): number {
  return count === 'auto' ? Math.min(MAX_WORKERS, availableParallelism()) : count;
}
