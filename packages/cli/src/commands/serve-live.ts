// `remotemedia serve --ws <port> [--web] [--workers <n|auto>]`: the [live.pipelines] of the config
// over WebSocket (the live protocol on /ws, Twilio Media Streams on /twilio, the live page at /
// with --web) until SIGTERM or Ctrl-C, which drain the open sessions before it exits with 0.
// With more than one worker, this process is the cluster's primary and each worker runs this
// server on the shared port (serve-cluster.ts).
import cluster from 'node:cluster';
import { loadManifest, type Manifest, RemoteMediaError } from '@remotemedia/core';
import type { RemoteMediaConfig } from '../config/types.js';
import { resolveWorkerCount, type WorkerCount } from '../config/worker-count.js';
import { registryFromConfig } from '../registry-from-config.js';
import { stderrLogger } from '../remote/logger.js';
import { stopSignal } from '../stop-signal.js';
import { drainRequested, servePrimary } from './serve-cluster.js';

export interface ServeLiveFlags {
  port: number;
  host: string | undefined;
  web: boolean;
  /** --workers; undefined: [live] workers, else 1. */
  workers: WorkerCount | undefined;
}

/** In a cluster worker, its lines say which worker wrote them. */
const prefix = cluster.isWorker ? `worker ${cluster.worker?.id} (pid ${process.pid}): ` : '';
const say = (line: string) => process.stdout.write(`${prefix}${line}\n`);

function bearerToken(config: RemoteMediaConfig): string | undefined {
  const name = config.live.tokenEnv;
  if (name === undefined) return undefined;
  const token = process.env[name];
  if (token === undefined || token === '') {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `[live] token_env names ${name}, which is not set; export ${name}=<token> or remove token_env`,
    );
  }
  return token;
}

function servedNames(config: RemoteMediaConfig): string[] {
  const names = Object.keys(config.live.pipelines);
  if (names.length === 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${config.source ?? 'the config'} serves no pipelines; add [live.pipelines] with name = "manifest.yaml" (see examples/live)`,
    );
  }
  return names;
}

export async function serveLive(config: RemoteMediaConfig, flags: ServeLiveFlags): Promise<void> {
  const workers = resolveWorkerCount(flags.workers ?? config.live.workers ?? 1);
  if (workers > 1 && cluster.isPrimary) {
    // Refused here once, rather than by every worker.
    servedNames(config);
    bearerToken(config);
    process.exitCode = await servePrimary(workers);
    return;
  }
  try {
    await serveHere(config, flags);
  } finally {
    // A cluster worker's channel to the primary would keep it alive; this closes it without the
    // immediate exit an unexpected disconnect causes, so the exit code stays the command's.
    cluster.worker?.disconnect();
  }
}

async function serveHere(config: RemoteMediaConfig, flags: ServeLiveFlags): Promise<void> {
  const names = servedNames(config);
  const token = bearerToken(config);
  const pipelines: Record<string, Manifest> = {};
  for (const name of names)
    pipelines[name] = await loadManifest(config.live.pipelines[name] as string);
  // Imported here: the WebSocket server is only loaded by this command.
  const { createLiveServer } = await import('@remotemedia/live');
  const registry = await registryFromConfig(config, { logger: stderrLogger });
  const stop = stopSignal();
  const drain = drainRequested();
  try {
    if (
      Object.values(pipelines).some((m) =>
        m.nodes.some((n) => registry.getMetadata(n.type) === undefined),
      )
    ) {
      await registry.loadPythonDefinitions();
    }
    const server = await createLiveServer({
      registry,
      pipelines,
      port: flags.port,
      host: flags.host ?? config.live.host ?? '127.0.0.1',
      web: flags.web,
      limits: config.live.limits,
      ...(token === undefined ? {} : { token }),
      onSessionEnd: (end) => {
        if (end.error !== undefined) {
          process.stderr.write(
            `${prefix}session ${end.id} (${end.endpoint}) closed: ${end.error} ${end.reason}\n`,
          );
        }
      },
    });
    const ws = server.url.replace('http', 'ws');
    say(
      `serving ${names.join(', ')} on ${ws}/ws and ${ws}/twilio/<name>${flags.web ? `; live page at ${server.url}/` : ''}; SIGTERM or Ctrl-C drains and stops it`,
    );
    await Promise.race([stop.received, drain.received]);
    say(`draining ${server.sessions} open session(s)`);
    await server.close();
    say(`stopped after ${server.opened} sessions`);
  } finally {
    stop.dispose();
    drain.dispose();
    await registry.close();
  }
}
