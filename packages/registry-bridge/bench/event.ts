// The introspection event both bridge benchmarks publish, one per (distinct) node.
import { type Envelope, makeEnvelope } from '@remotemedia/remote';

export function benchEvent(nodeId: string): Envelope {
  return makeEnvelope('NODE_INTROSPECTION', nodeId, {
    payload: {
      node_id: nodeId,
      node_type: 'compute',
      capabilities: { nodes: [{ type: 'Echo', runtime: 'ts' }], tags: { gpu: 'true' } },
      endpoints: { address: `rm.w.${nodeId}` },
      metadata: { name: 'bench', incarnation: 1, reason: 'start' },
    },
  });
}
