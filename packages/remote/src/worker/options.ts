// What serve() accepts and what a worker reports about itself.
import type { Logger } from '@remotemedia/contract';
import type { ConnectionOptions } from '../connect.js';
import type { Tags } from '../tags.js';
import type { IntrospectionOptions } from './introspection.js';
import type { SessionMetrics } from './sessions.js';

export interface ServeOptions extends ConnectionOptions {
  /** Worker name (service name in `nats micro`). @default 'remotemedia-worker' */
  name?: string;
  /** Unique id of this worker. @default a random id */
  id?: string;
  /** Capabilities callers select by (`{ gpu: 'true' }`). */
  tags?: Tags;
  /** Announce in the discovery store. @default true */
  discovery?: boolean;
  /** KV bucket of the discovery store. @default 'remotemedia_workers' */
  bucket?: string;
  /** Discovery entry lifetime without heartbeat, ms (heartbeat every third). @default 15000 */
  entryTtlMs?: number;
  /** A session nobody touched for this long is closed (its caller is gone). @default 60000 */
  sessionIdleMs?: number;
  /** Longest wait for open sessions to end during a drain, ms. @default 30000 */
  drainTimeoutMs?: number;
  /** Drain on SIGTERM and SIGINT. @default true */
  handleSignals?: boolean;
  /**
   * Publish introspection events (start, tag/node-set change, heartbeat, on request, shutdown)
   * for the registry bridge; `false` turns them off. @default true
   */
  introspection?: boolean | IntrospectionOptions;
  logger?: Logger;
}

export interface WorkerMetrics {
  sessions: SessionMetrics;
  unaryCalls: number;
  draining: boolean;
  /** Introspection events published. */
  introspectionEvents: number;
}
