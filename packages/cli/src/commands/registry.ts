// `remotemedia registry`: the registry bridge (introspection events into the discovery store and
// PostgreSQL, /healthz and /metrics) until SIGTERM or Ctrl-C, which stop it before it exits with 0.
import { isRemoteMediaError } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { bridgeOptions, DEFAULT_HTTP, type RegistryFlags } from '../registry/bridge-options.js';
import { stopSignal } from '../stop-signal.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `--port takes a port from 0 to 65535 (0 picks a free one), got '${text}'`,
    );
  }
  return port;
}

export function registryCommand(): Command {
  return new Command('registry')
    .description("run the registry bridge: record the workers' nodes in discovery and PostgreSQL")
    .option(
      '--servers <urls>',
      'NATS URLs, comma-separated (default: [remote] servers, $REMOTEMEDIA_NATS_URL, nats://127.0.0.1:4222)',
    )
    .option('--bus <bus>', 'where events come from: jetstream or kafka (default: [registry] bus)')
    .option(
      '--brokers <list>',
      'Kafka brokers, comma-separated (default: [registry.kafka] brokers)',
    )
    .option('--host <host>', `address of /healthz and /metrics (default: ${DEFAULT_HTTP.host})`)
    .option(
      '--port <port>',
      `port of /healthz and /metrics, 0 for a free one (default: ${DEFAULT_HTTP.port})`,
      parsePort,
    )
    .action(async (flags: RegistryFlags, command: Command) => {
      const { config: path } = command.optsWithGlobals<{ config?: string }>();
      const options = bridgeOptions(await loadConfig(path), flags);
      // Imported here: the bridge's clients (NATS, pg, kafkajs) load only for this command.
      const { createRegistryBridge, redactCredentials } = await import(
        '@remotemedia/registry-bridge'
      );
      // Listening before the start: a signal during it stops the bridge once it is up.
      const stop = stopSignal();
      const bridge = await createRegistryBridge(options).catch((error: unknown) => {
        stop.dispose();
        // Server URLs in the message may carry a user and password.
        if (isRemoteMediaError(error)) error.message = redactCredentials(error.message);
        throw error;
      });
      process.stdout.write(
        `registry bridge ${bridge.id} consuming ${bridge.bus.kind} events; GET ${bridge.httpUrl}/healthz and ${bridge.httpUrl}/metrics; SIGTERM or Ctrl-C stops it\n`,
      );
      await stop.received;
      await bridge.close();
      const { registrations } = await bridge.metrics();
      process.stdout.write(
        `registry bridge ${bridge.id} stopped after ${registrations.total} registrations\n`,
      );
    });
}
