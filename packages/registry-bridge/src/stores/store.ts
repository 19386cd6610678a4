// What the bridge writes registrations to. Both stores apply the same events idempotently, so a
// replayed or retried event is harmless.
import type { Envelope } from '@remotemedia/remote';

export type StoreName = 'discovery' | 'postgres';

/**
 * An event as the bridge received it. Freshness (last heartbeat, staleness) is the bridge's
 * receive time; the worker's event time only orders the events of one node.
 */
export interface Received {
  event: Envelope;
  /** Bridge clock, ms since the epoch. */
  receivedAt: number;
}

export interface RegistrationStore {
  readonly name: StoreName;
  /** NODE_INTROSPECTION upserts the node; NODE_SHUTDOWN deregisters it. Throws when it fails. */
  apply(received: Received): Promise<void>;
  /** Removes these nodes (stale ones) unless a heartbeat arrived since `idleBefore`. */
  remove(nodeIds: string[], idleBefore: Date): Promise<void>;
  /** Throws unless the store answers now. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The event time in ms since the epoch (validateEnvelope guarantees it is a date). */
export function eventTime(event: Envelope): number {
  return Date.parse(event.event_timestamp);
}
