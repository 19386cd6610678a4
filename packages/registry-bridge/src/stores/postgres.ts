// PostgreSQL store: one row per node in `tool_registrations`, upserted idempotently (an event
// older than the row changes nothing; a duplicate changes only updated_at). NODE_SHUTDOWN keeps
// the row as status 'deregistered' (a tombstone) so a redelivered older event cannot revive it.
import pg from 'pg';
import { migrate } from './migrations.js';
import { eventTime, type Received, type RegistrationStore } from './store.js';

export interface PostgresOptions {
  /** `postgres://...`; without it, REMOTEMEDIA_PG_URL, then the usual PG* variables. */
  connectionString?: string;
  /** Pool size. @default 10 */
  max?: number;
  /** Give up connecting after this long, ms (a down server must not stall the bridge). @default 2000 */
  connectionTimeoutMillis?: number;
  /**
   * A query without an answer this long fails, ms: the server cancels it (statement_timeout)
   * and the client stops waiting (query_timeout) when the server is stuck. @default 2000
   */
  queryTimeoutMs?: number;
  /** Passed to `pg.Pool` as is (ssl, user, password, host, port, database...). */
  pool?: pg.PoolConfig;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 2000;

const UPSERT = `
  INSERT INTO tool_registrations
    (tool_id, node_type, capabilities, endpoints, metadata, health_endpoint, status,
     last_event_id, last_event_at, last_heartbeat)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (tool_id) DO UPDATE SET
    node_type = EXCLUDED.node_type,
    capabilities = EXCLUDED.capabilities,
    endpoints = EXCLUDED.endpoints,
    metadata = EXCLUDED.metadata,
    health_endpoint = EXCLUDED.health_endpoint,
    status = EXCLUDED.status,
    last_event_id = EXCLUDED.last_event_id,
    last_event_at = EXCLUDED.last_event_at,
    -- A redelivered event is no sign of life.
    last_heartbeat = CASE WHEN tool_registrations.last_event_id = EXCLUDED.last_event_id
      THEN tool_registrations.last_heartbeat ELSE EXCLUDED.last_heartbeat END,
    updated_at = now()
  WHERE tool_registrations.last_event_at <= EXCLUDED.last_event_at`;

export class PostgresStore implements RegistrationStore {
  readonly name = 'postgres';
  readonly pool: pg.Pool;
  #migrated: Promise<number[]> | undefined;

  constructor(options: PostgresOptions = {}) {
    const connectionString = options.connectionString ?? process.env.REMOTEMEDIA_PG_URL;
    const queryTimeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.pool = new pg.Pool({
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
      query_timeout: queryTimeoutMs,
      statement_timeout: queryTimeoutMs,
      ...(connectionString === undefined ? {} : { connectionString }),
      ...options.pool,
    });
    // An idle client losing its server is reported here; the next query reports it again.
    this.pool.on('error', () => undefined);
  }

  /** Runs pending migrations once per successful connection. */
  ready(): Promise<number[]> {
    this.#migrated ??= migrate(this.pool).catch((error: unknown) => {
      this.#migrated = undefined;
      throw error;
    });
    return this.#migrated;
  }

  async apply({ event, receivedAt }: Received): Promise<void> {
    await this.ready();
    const payload = event.payload;
    if (payload === undefined) return;
    // `reason` says why this event was sent, not what the node is: keep it out of the row.
    const { reason: _reason, ...metadata } = payload.metadata;
    const health = payload.endpoints.health;
    await this.pool.query(UPSERT, [
      payload.node_id,
      payload.node_type,
      JSON.stringify(payload.capabilities),
      JSON.stringify(payload.endpoints),
      JSON.stringify(metadata),
      typeof health === 'string' ? health : null,
      event.event_type === 'NODE_SHUTDOWN' ? 'deregistered' : 'active',
      event.event_id,
      new Date(eventTime(event)),
      new Date(receivedAt),
    ]);
  }

  /** Deletes these rows unless a heartbeat arrived since `idleBefore` (checked in the DELETE). */
  async remove(nodeIds: string[], idleBefore: Date): Promise<void> {
    if (nodeIds.length === 0) return;
    await this.ready();
    await this.pool.query(
      'DELETE FROM tool_registrations WHERE tool_id = ANY($1) AND last_heartbeat < $2',
      [nodeIds, idleBefore],
    );
  }

  /** Marks rows without a heartbeat since `staleBefore`; returns the ids newly marked. */
  async markStale(staleBefore: Date): Promise<string[]> {
    await this.ready();
    const result = await this.pool.query<{ tool_id: string }>(
      `UPDATE tool_registrations SET status = 'stale', updated_at = now()
       WHERE status = 'active' AND last_heartbeat < $1 RETURNING tool_id`,
      [staleBefore],
    );
    return result.rows.map((r) => r.tool_id);
  }

  /** Ids of registered (not deregistered) rows without a heartbeat since `before`. */
  async idleSince(before: Date): Promise<string[]> {
    await this.ready();
    const result = await this.pool.query<{ tool_id: string }>(
      "SELECT tool_id FROM tool_registrations WHERE status <> 'deregistered' AND last_heartbeat < $1",
      [before],
    );
    return result.rows.map((r) => r.tool_id);
  }

  /** Deletes tombstones of nodes deregistered before `before`. */
  async purgeDeregistered(before: Date): Promise<void> {
    await this.ready();
    await this.pool.query(
      "DELETE FROM tool_registrations WHERE status = 'deregistered' AND last_heartbeat < $1",
      [before],
    );
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
