// The primary of `remotemedia serve --ws <port> --workers <n>`: forks n workers with node:cluster,
// each of which loads the config and runs the live server on the shared port (connections are
// handed out round-robin). A worker that dies is replaced after a backoff; SIGTERM or Ctrl-C
// asks every worker to drain (each runs its graceful close) and resolves when all have exited.
import cluster, { type Worker } from 'node:cluster';
import { stopSignal } from '../stop-signal.js';

/** What the primary sends a worker to make it drain and exit, as a signal would. */
export const DRAIN_MESSAGE = 'remotemedia:drain';
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 10_000;
/** A worker that served this long before dying starts the backoff over. */
const STABLE_MS = 30_000;

/** Resolves when the primary sends DRAIN_MESSAGE (never outside a cluster worker). */
export function drainRequested(): { received: Promise<void>; dispose(): void } {
  let listener: (message: unknown) => void = () => {};
  const received = new Promise<void>((resolve) => {
    listener = (message) => {
      if (message === DRAIN_MESSAGE) resolve();
    };
  });
  if (cluster.isWorker) process.on('message', listener);
  return { received, dispose: () => process.off('message', listener) };
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const described = (w: Worker) => `worker ${w.id} (pid ${w.process.pid})`;
/**
 * Asks a worker to drain. A worker that is already exiting cannot take the message (EPIPE): the
 * callback keeps that from becoming an unhandled 'error' event, and its exit event follows.
 */
const askToDrain = (w: Worker) => w.send(DRAIN_MESSAGE, () => {});

/** Runs `count` workers until a stop signal; the exit code: 0 when every worker drained cleanly. */
export async function servePrimary(count: number): Promise<number> {
  const stop = stopSignal();
  const startedAt = new Map<Worker, number>();
  const listening = new Set<Worker>();
  let stopping = false;
  let failed = false;
  let backoffMs = FIRST_BACKOFF_MS;
  const restarts = new Set<NodeJS.Timeout>();
  let allExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    allExited = resolve;
  });

  const fork = () => startedAt.set(cluster.fork(), Date.now());
  const drainAll = () => {
    for (const timer of restarts) clearTimeout(timer);
    for (const w of startedAt.keys()) if (w.isConnected()) askToDrain(w);
  };
  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    // Asked while it was starting: it listens for the message only from now on.
    if (stopping) askToDrain(worker);
    else if (listening.size === count) {
      process.stdout.write(
        `${count} workers serving on port ${address.port}; SIGTERM or Ctrl-C drains every worker and stops\n`,
      );
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    if (stopping) {
      if (code !== 0) failed = true;
      log(`${described(worker)} exited (${how})`);
    } else if (!served) {
      // It never listened (bad config, port taken): another would fail the same way.
      log(`${described(worker)} exited (${how}) before serving; stopping`);
      failed = true;
      stopping = true;
      drainAll();
    } else {
      backoffMs = lived >= STABLE_MS ? FIRST_BACKOFF_MS : backoffMs;
      log(`${described(worker)} died (${how}); starting another in ${backoffMs} ms`);
      const timer = setTimeout(() => {
        restarts.delete(timer);
        fork();
      }, backoffMs);
      restarts.add(timer);
      backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    }
    if (stopping && startedAt.size === 0) allExited();
  });

  for (let i = 0; i < count; i++) fork();
  void stop.received.then(() => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`draining ${startedAt.size} workers\n`);
    drainAll();
    // Every worker had died and its replacement was still waiting out the backoff.
    if (startedAt.size === 0) allExited();
  });
  await exited;
  stop.dispose();
  process.stdout.write(`all workers stopped\n`);
  return failed ? 1 : 0;
}
