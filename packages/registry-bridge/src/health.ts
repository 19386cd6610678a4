// Health of the bridge: NATS and the event bus are critical (no events without them); the
// stores are not (the bridge keeps registering in the other one and backfills).
import { redactCredentials } from '@remotemedia/errors';
import { withDeadline } from './deadline.js';

export type ComponentStatus = 'up' | 'down';
export type BridgeStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface ComponentHealth {
  status: ComponentStatus;
  critical: boolean;
  /** Why it is down (the error message, without credentials). */
  error?: string;
  /** Registrations waiting for this store. */
  pending?: number;
}

export interface BridgeHealth {
  status: BridgeStatus;
  components: {
    nats: ComponentHealth;
    bus: ComponentHealth;
    discovery: ComponentHealth;
    postgres: ComponentHealth;
  };
}

/** Resolves `up` when `probe` succeeds within `timeoutMs`. */
export async function probe(
  check: () => Promise<unknown>,
  critical: boolean,
  timeoutMs: number,
): Promise<ComponentHealth> {
  try {
    await withDeadline(check(), timeoutMs, `no answer within ${timeoutMs} ms`);
    return { status: 'up', critical };
  } catch (error) {
    return { status: 'down', critical, error: redactCredentials((error as Error).message) };
  }
}

/** A critical component down is unhealthy; any other down, or registrations waiting, degraded. */
export function overall(components: Record<string, ComponentHealth>): BridgeStatus {
  const all = Object.values(components);
  if (all.some((c) => c.critical && c.status === 'down')) return 'unhealthy';
  return all.some((c) => c.status === 'down' || (c.pending ?? 0) > 0) ? 'degraded' : 'healthy';
}
