// The event bus the bridge consumes introspection events from: JetStream (default) or Kafka.
import type { Envelope, IntrospectionPublisher } from '@remotemedia/remote';

/** Resolves when the event may be acknowledged (applied, queued for retry, or dead-lettered). */
export type EventHandler = (data: Uint8Array) => Promise<void>;

export interface BusHealth {
  /** False while events cannot be consumed (consumer gone or crashed, being recreated). */
  consuming: boolean;
  error?: string;
}

export interface EventBus extends IntrospectionPublisher {
  readonly kind: 'jetstream' | 'kafka';
  /** Starts delivering events to `handler`, in batches of up to 10 with a 5 s wait. */
  consume(handler: EventHandler): Promise<void>;
  publish(event: Envelope): Promise<void>;
  /** Moves an unreadable event aside with the reason, for an operator to inspect. */
  deadLetter(data: Uint8Array, reason: string): Promise<void>;
  health(): BusHealth;
  /**
   * Stops consuming; events still being handled after `timeoutMs` are released for redelivery
   * (nak) instead of being waited for.
   */
  close(timeoutMs?: number): Promise<void>;
}

/** Events handled at once; events of one node stay in order (the bridge chains them). */
export const BATCH_SIZE = 10;
export const BATCH_WAIT_MS = 5000;
/** How long close() waits for events being handled by default, ms. */
export const CLOSE_TIMEOUT_MS = 3000;
