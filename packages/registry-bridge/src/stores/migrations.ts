// Schema of the registry in PostgreSQL, as ordered migrations run on start under an advisory
// lock (several bridges may start at once). Append new migrations; never edit applied ones.
import type { Pool } from 'pg';

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
];

const LOCK_KEY = 'remotemedia.registry.migrations';

/** Applies the migrations not applied yet; returns their versions. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS registry_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>(
      'SELECT version FROM registry_schema_migrations',
    );
    const have = new Set(done.rows.map((r) => r.version));
    for (const migration of migrations) {
      if (have.has(migration.version)) continue;
      await client.query(migration.sql);
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
