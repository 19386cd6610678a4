// Health of the bridge: NATS is critical (no events without it); the stores are not (the bridge
// keeps registering in the other one and backfills).
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
  components: { nats: ComponentHealth; discovery: ComponentHealth; postgres: ComponentHealth };
}

/** Resolves `up` when `probe` succeeds within `timeoutMs`. */
export async function probe(
  check: () => Promise<unknown>,
  critical: boolean,
  timeoutMs: number,
): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', critical };
  } catch (error) {
    return { status: 'down', critical, error: redact((error as Error).message) };
  } finally {
    clearTimeout(timer);
  }
}

export function overall(components: BridgeHealth['components']): BridgeStatus {
  const all = Object.values(components);
  if (all.some((c) => c.critical && c.status === 'down')) return 'unhealthy';
  return all.some((c) => c.status === 'down') ? 'degraded' : 'healthy';
}

/** Drops a password from anything that looks like a connection URL. */
export function redact(message: string): string {
  return message.replace(/(\w+:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1***@');
}
