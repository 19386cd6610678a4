// PostgreSQL store: one row per node in `tool_registrations`, upserted idempotently (an event
// older than the row changes nothing; a duplicate changes only updated_at).
import type { Envelope } from '@remotemedia/remote';
import pg from 'pg';
import { migrate } from './migrations.js';
import { eventTime, type RegistrationStore } from './store.js';

export interface PostgresOptions {
  /** `postgres://...`; without it, REMOTEMEDIA_PG_URL, then the usual PG* variables. */
  connectionString?: string;
  /** Pool size. @default 10 */
  max?: number;
  /** Give up connecting after this long, ms (a down server must not stall the bridge). @default 2000 */
  connectionTimeoutMillis?: number;
  /** Passed to `pg.Pool` as is (ssl, user, password, host, port, database...). */
  pool?: pg.PoolConfig;
}

const UPSERT = `
  INSERT INTO tool_registrations
    (tool_id, node_type, capabilities, endpoints, metadata, health_endpoint, last_event_id, last_heartbeat)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (tool_id) DO UPDATE SET
    node_type = EXCLUDED.node_type,
    capabilities = EXCLUDED.capabilities,
    endpoints = EXCLUDED.endpoints,
    metadata = EXCLUDED.metadata,
    health_endpoint = EXCLUDED.health_endpoint,
    status = 'active',
    last_event_id = EXCLUDED.last_event_id,
    last_heartbeat = EXCLUDED.last_heartbeat,
    updated_at = now()
  WHERE tool_registrations.last_heartbeat <= EXCLUDED.last_heartbeat`;

export class PostgresStore implements RegistrationStore {
  readonly name = 'postgres';
  readonly pool: pg.Pool;
  #migrated: Promise<number[]> | undefined;

  constructor(options: PostgresOptions = {}) {
    const connectionString = options.connectionString ?? process.env.REMOTEMEDIA_PG_URL;
    this.pool = new pg.Pool({
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2000,
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

  async apply(event: Envelope): Promise<void> {
    await this.ready();
    const payload = event.payload;
    if (payload === undefined) return;
    if (event.event_type === 'NODE_SHUTDOWN') {
      await this.pool.query(
        'DELETE FROM tool_registrations WHERE tool_id = $1 AND last_heartbeat <= $2',
        [payload.node_id, new Date(eventTime(event))],
      );
      return;
    }
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
      event.event_id,
      new Date(eventTime(event)),
    ]);
  }

  async remove(nodeIds: string[]): Promise<void> {
    if (nodeIds.length === 0) return;
    await this.ready();
    await this.pool.query('DELETE FROM tool_registrations WHERE tool_id = ANY($1)', [nodeIds]);
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

  /** Ids of rows without a heartbeat since `before`. */
  async idleSince(before: Date): Promise<string[]> {
    await this.ready();
    const result = await this.pool.query<{ tool_id: string }>(
      'SELECT tool_id FROM tool_registrations WHERE last_heartbeat < $1',
      [before],
    );
    return result.rows.map((r) => r.tool_id);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
