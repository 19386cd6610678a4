// `remotemedia serve --ws <port> [--web]`: the [live.pipelines] of the config over WebSocket (the
// live protocol on /ws, Twilio Media Streams on /twilio, the live page at / with --web) until
// SIGTERM or Ctrl-C, which drain the open sessions before it exits with 0.
import { loadManifest, type Manifest, RemoteMediaError } from '@remotemedia/core';
import type { RemoteMediaConfig } from '../config/types.js';
import { registryFromConfig } from '../registry-from-config.js';
import { stderrLogger } from '../remote/logger.js';
import { stopSignal } from '../stop-signal.js';

export interface ServeLiveFlags {
  port: number;
  host: string | undefined;
  web: boolean;
}

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

export async function serveLive(config: RemoteMediaConfig, flags: ServeLiveFlags): Promise<void> {
  const names = Object.keys(config.live.pipelines);
  if (names.length === 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${config.source ?? 'the config'} serves no pipelines; add [live.pipelines] with name = "manifest.yaml" (see examples/live)`,
    );
  }
  const token = bearerToken(config);
  const pipelines: Record<string, Manifest> = {};
  for (const name of names)
    pipelines[name] = await loadManifest(config.live.pipelines[name] as string);
  // Imported here: the WebSocket server is only loaded by this command.
  const { createLiveServer } = await import('@remotemedia/live');
  const registry = await registryFromConfig(config, { logger: stderrLogger });
  const stop = stopSignal();
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
            `session ${end.id} (${end.endpoint}) closed: ${end.error} ${end.reason}\n`,
          );
        }
      },
    });
    const ws = server.url.replace('http', 'ws');
    process.stdout.write(
      `serving ${names.join(', ')} on ${ws}/ws and ${ws}/twilio/<name>${flags.web ? `; live page at ${server.url}/` : ''}; SIGTERM or Ctrl-C drains and stops it\n`,
    );
    await stop.received;
    process.stdout.write(`draining ${server.sessions} open session(s)\n`);
    await server.close();
    process.stdout.write(`stopped after ${server.opened} sessions\n`);
  } finally {
    stop.dispose();
    await registry.close();
  }
}
