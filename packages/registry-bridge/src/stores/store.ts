// What the bridge writes registrations to. Both stores apply the same events idempotently, so a
// replayed or retried event is harmless.
import type { Envelope } from '@remotemedia/remote';

export type StoreName = 'discovery' | 'postgres';

export interface RegistrationStore {
  readonly name: StoreName;
  /** NODE_INTROSPECTION upserts the node; NODE_SHUTDOWN removes it. Throws when unreachable. */
  apply(event: Envelope): Promise<void>;
  /** Removes these nodes (stale ones). */
  remove(nodeIds: string[]): Promise<void>;
  /** Throws unless the store answers now. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The event time in ms since the epoch. */
export function eventTime(event: Envelope): number {
  return Date.parse(event.event_timestamp);
}
