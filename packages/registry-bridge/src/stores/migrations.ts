// Schema of the registry in PostgreSQL, as ordered migrations run on start under an advisory
// lock (several bridges may start at once). Append new migrations; never edit applied ones.
import type { Pool, QueryConfig } from 'pg';

export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tool_registrations',
    sql: `
      CREATE TABLE tool_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tool_id text NOT NULL UNIQUE,
        node_type text NOT NULL
          CHECK (node_type IN ('effect', 'compute', 'reducer', 'orchestrator')),
        capabilities jsonb NOT NULL DEFAULT '{}'::jsonb,
        endpoints jsonb NOT NULL DEFAULT '{}'::jsonb,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        health_endpoint text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stale')),
        last_event_id text NOT NULL,
        last_heartbeat timestamptz NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tool_registrations_tool_id_idx ON tool_registrations (tool_id);
      CREATE INDEX tool_registrations_node_type_idx ON tool_registrations (node_type);
      CREATE INDEX tool_registrations_last_heartbeat_idx ON tool_registrations (last_heartbeat DESC);
    `,
  },
  {
    version: 2,
    name: 'drop_redundant_tool_id_index',
    // The UNIQUE constraint on tool_id already has an index; the second one only slowed writes.
    sql: 'DROP INDEX IF EXISTS tool_registrations_tool_id_idx;',
  },
  {
    version: 3,
    name: 'event_order_and_deregistered',
    // last_event_at (the worker's event time) orders one node's events; last_heartbeat becomes
    // the bridge's receive time. A deregistered node keeps its row as a tombstone for a while so
    // a redelivered older event cannot register it again.
    sql: `
      ALTER TABLE tool_registrations ADD COLUMN last_event_at timestamptz;
      UPDATE tool_registrations SET last_event_at = last_heartbeat;
      ALTER TABLE tool_registrations ALTER COLUMN last_event_at SET NOT NULL;
      ALTER TABLE tool_registrations DROP CONSTRAINT tool_registrations_status_check;
      ALTER TABLE tool_registrations ADD CONSTRAINT tool_registrations_status_check
        CHECK (status IN ('active', 'stale', 'deregistered'));
    `,
  },
];

const LOCK_KEY = 'remotemedia.registry.migrations';
/**
 * The pool's short query timeouts are for registrations; a migration may rewrite a large table
 * or wait for another bridge's lock.
 */
const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/** A query allowed MIGRATION_TIMEOUT_MS (pg honours a per-query query_timeout; its types omit it). */
function slowQuery(text: string, values?: unknown[]): QueryConfig {
  return { text, values, query_timeout: MIGRATION_TIMEOUT_MS } as QueryConfig;
}

/** Applies the migrations not applied yet; returns their versions. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
    await client.query(slowQuery('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]));
    await client.query(`CREATE TABLE IF NOT EXISTS registry_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>(
      'SELECT version FROM registry_schema_migrations',
    );
    const have = new Set(done.rows.map((r) => r.version));
    for (const migration of migrations) {
      if (have.has(migration.version)) continue;
      await client.query(slowQuery(migration.sql));
      await client.query('INSERT INTO registry_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
