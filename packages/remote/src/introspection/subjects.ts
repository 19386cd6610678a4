// Where introspection events travel. JetStream stream names cannot contain '.', so the stream
// `node-introspection-v1` holds the subjects `node-introspection.v1.>`.
import { subjectToken } from '../subjects.js';

export const INTROSPECTION_STREAM = 'node-introspection-v1';
export const INTROSPECTION_TOPIC = 'node-introspection.v1';
export const DEAD_LETTER_STREAM = 'node-introspection-dlq';
export const BRIDGE_CONSUMER = 'bridge-registry-group';

export const introspectionSubjects = {
  /** Everything the stream holds. */
  all: `${INTROSPECTION_TOPIC}.>`,
  /** Events about one node (NODE_INTROSPECTION, NODE_SHUTDOWN). */
  node: (nodeId: string) => `${INTROSPECTION_TOPIC}.node.${subjectToken('node id', nodeId)}`,
  /** A registry asking every worker to introspect (plain NATS, not stored). */
  request: 'node-introspection-request.v1',
  /** Events the bridge could not read. */
  deadLetter: 'node-introspection-dlq.v1',
} as const;
