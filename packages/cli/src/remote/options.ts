// `--servers` and `--tags` of `serve` and `nodes list --remote`, over the [remote] table of the
// config: a flag replaces the config's servers, and adds to (or overrides) its tags.
import { RemoteMediaError } from '@remotemedia/core';
import type { RemoteMediaConfig } from '../config/types.js';

/** `nats://a:4222,nats://b:4222` -> the URLs. */
export function parseServers(text: string): string[] {
  const servers = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (servers.length === 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `--servers needs at least one NATS URL (e.g. nats://127.0.0.1:4222), got '${text}'`,
    );
  }
  return servers;
}

/** `gpu=true,zone=eu` -> { gpu: 'true', zone: 'eu' } (keys and values are checked by serve). */
export function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim())) {
    if (pair.length === 0) continue;
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `--tags takes key=value pairs separated by commas (e.g. gpu=true,zone=eu); '${pair}' is not one`,
      );
    }
    tags[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return tags;
}

/** Servers from the flag, else the config (undefined: the NATS client's env/default). */
export function serversOf(
  config: RemoteMediaConfig,
  flag: string | undefined,
): string[] | undefined {
  if (flag !== undefined) return parseServers(flag);
  return config.remote.servers.length > 0 ? config.remote.servers : undefined;
}
