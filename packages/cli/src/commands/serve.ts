// `remotemedia serve`: a worker serving every node type of the config over NATS until SIGTERM
// or Ctrl-C, which drain it (no new calls, open sessions may finish) before it exits with 0.
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { registryFromConfig } from '../registry-from-config.js';
import { stderrLogger } from '../remote/logger.js';
import { parseTags, serversOf } from '../remote/options.js';

interface ServeFlags {
  servers?: string;
  name?: string;
  tags?: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description("serve the config's node types to remote pipelines over NATS")
    .option(
      '--servers <urls>',
      'NATS URLs, comma-separated (default: [remote] servers, $REMOTEMEDIA_NATS_URL, nats://127.0.0.1:4222)',
    )
    .option('--name <name>', 'worker name shown by `nats micro ls` (default: [remote] name)')
    .option('--tags <k=v,...>', 'tags callers pick this worker by, added to [remote] tags')
    .action(async (flags: ServeFlags, command: Command) => {
      const { config: path } = command.optsWithGlobals<{ config?: string }>();
      const config = await loadConfig(path);
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
