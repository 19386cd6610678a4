// `remotemedia serve`: a worker serving every node type of the config over NATS until SIGTERM
// or Ctrl-C, which drain it (no new calls, open sessions may finish) before it exits with 0.
// With --ws, the config's live pipelines over WebSocket instead (serve-live.ts).
import { RemoteMediaError } from '@remotemedia/core';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { parseWorkerCount } from '../config/worker-count.js';
import { registryFromConfig } from '../registry-from-config.js';
import { stderrLogger } from '../remote/logger.js';
import { parseTags, serversOf } from '../remote/options.js';
import { serveLive } from './serve-live.js';

interface ServeFlags {
  servers?: string;
  name?: string;
  tags?: string;
  ws?: string;
  web?: boolean;
  host?: string;
  workers?: string;
}

function portOf(text: string): number {
  const port = Number(text);
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `--ws must be a port from 0 to 65535, got '${text}'`,
    );
  }
  return port;
}

function refuseMixed(flags: ServeFlags): void {
  const live = flags.ws !== undefined;
  const mixed = live
    ? (['servers', 'name', 'tags'] as const).find((f) => flags[f] !== undefined)
    : (['web', 'host', 'workers'] as const).find((f) => flags[f] !== undefined);
  if (mixed !== undefined) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      live ? `--${mixed} is for serving over NATS, not with --ws` : `--${mixed} needs --ws <port>`,
    );
  }
}

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      "serve the config's node types to remote pipelines over NATS, or with --ws its [live.pipelines] over WebSocket",
    )
    .option(
      '--servers <urls>',
      'NATS URLs, comma-separated (default: [remote] servers, $REMOTEMEDIA_NATS_URL, nats://127.0.0.1:4222)',
    )
    .option('--name <name>', 'worker name shown by `nats micro ls` (default: [remote] name)')
    .option('--tags <k=v,...>', 'tags callers pick this worker by, added to [remote] tags')
    .option('--ws <port>', 'serve [live.pipelines] over WebSocket on this port (0: any free port)')
    .option('--web', 'with --ws: serve the live page (microphone -> pipeline -> speech) at /')
    .option('--host <host>', 'with --ws: interface to listen on (default: [live] host, 127.0.0.1)')
    .option(
      '--workers <n|auto>',
      'with --ws: server processes sharing the port, each with the [live] limits (auto: one per core; default: [live] workers, 1)',
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const { config: path } = command.optsWithGlobals<{ config?: string }>();
      refuseMixed(flags);
      const config = await loadConfig(path);
      if (flags.ws !== undefined) {
        await serveLive(config, {
          port: portOf(flags.ws),
          host: flags.host,
          web: flags.web === true,
          workers: flags.workers === undefined ? undefined : parseWorkerCount(flags.workers),
        });
        return;
      }
      const servers = serversOf(config, flags.servers);
      const tags = { ...config.remote.tags, ...parseTags(flags.tags ?? '') };
      const name = flags.name ?? config.remote.name;
      // Imported here: the NATS client is only loaded by the commands that talk to NATS.
      const { serveFromConfig } = await import('@remotemedia/remote');
      const registry = await registryFromConfig(config, { logger: stderrLogger });
      try {
        // Python nodes' metadata goes into the worker's announcement.
        await registry.loadPythonDefinitions();
        const tls = config.remote.tls;
        const worker = await serveFromConfig(
          registry,
          {
            ...(servers === undefined ? {} : { servers }),
            ...(name === undefined ? {} : { name }),
            tags,
          },
          tls === undefined ? {} : { tls },
        );
        const types = registry.listNodeTypes();
        process.stdout.write(
          `worker ${worker.id} serving ${types.length} node types (${types.join(', ')}); SIGTERM or Ctrl-C drains and stops it\n`,
        );
        await worker.closed;
        const { sessions, unaryCalls } = worker.metrics();
        process.stdout.write(
          `worker ${worker.id} drained after ${unaryCalls} calls and ${sessions.opened} sessions\n`,
        );
      } finally {
        await registry.close();
      }
    });
}
