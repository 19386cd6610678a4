// `nodes list --remote`: what the cluster offers, from the workers' announcements in the
// discovery store (each node type with the workers serving it).
import type { Runtime } from '@remotemedia/core';
import type { WorkerAnnouncement } from '@remotemedia/remote';
import type { NatsTlsConfig } from '../config/types.js';
import { definedOnly } from '../defined-only.js';

export interface RemoteNodeRow {
  type: string;
  runtime: Runtime;
  category: string;
  description: string;
  /** Ids of the workers serving it. */
  workers: string[];
}

export interface RemoteListing {
  workers: { id: string; name: string; tags: Record<string, string> }[];
  nodes: RemoteNodeRow[];
}

export function remoteListing(announcements: readonly WorkerAnnouncement[]): RemoteListing {
  const nodes = new Map<string, RemoteNodeRow>();
  for (const worker of announcements) {
    for (const node of worker.nodes) {
      const row = nodes.get(node.type) ?? {
        type: node.type,
        runtime: node.runtime as Runtime,
        category: node.metadata?.category ?? 'unknown',
        description: node.metadata?.description ?? '',
        workers: [],
      };
      row.workers.push(worker.id);
      nodes.set(node.type, row);
    }
  }
  return {
    workers: announcements.map(({ id, name, tags }) => ({ id, name, tags })),
    nodes: [...nodes.values()].sort((a, b) => a.type.localeCompare(b.type)),
  };
}

/** Reads the live workers (servers undefined: $REMOTEMEDIA_NATS_URL or the local default). */
export async function fetchRemoteListing(
  servers: string[] | undefined,
  tls?: NatsTlsConfig,
): Promise<RemoteListing> {
  // Imported here: the NATS client is only loaded by the commands that talk to NATS.
  const { RemoteClient } = await import('@remotemedia/remote');
  const client = await RemoteClient.connect(definedOnly({ servers, tls }));
  try {
    return remoteListing(await client.workers());
  } finally {
    await client.close();
  }
}
