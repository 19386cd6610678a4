// [registry.postgres] to the bridge's PostgreSQL options. The URL and the password come from the
// environment variables the config names (never from the file); with neither named, the bridge
// falls back to REMOTEMEDIA_PG_URL and pg to the standard PG* variables.
import type { PostgresOptions } from '@remotemedia/registry-bridge';
import type { RegistryConfig } from '../config/types.js';
import { definedOnly } from '../defined-only.js';
import { secretFromEnv } from './env-secret.js';

const fromEnv = (variable: string | undefined, key: string, env: NodeJS.ProcessEnv) =>
  secretFromEnv(variable, { table: 'registry.postgres', key }, env);

export function postgresOptions(
  postgres: RegistryConfig['postgres'],
  env: NodeJS.ProcessEnv = process.env,
): PostgresOptions {
  const pool = definedOnly<NonNullable<PostgresOptions['pool']>>({
    host: postgres.host,
    port: postgres.port,
    database: postgres.database,
    user: postgres.user,
    password: fromEnv(postgres.passwordEnv, 'password_env', env),
  });
  return definedOnly<PostgresOptions>({
    connectionString: fromEnv(postgres.urlEnv, 'url_env', env),
    max: postgres.max,
    connectionTimeoutMillis: postgres.connectionTimeoutMs,
    pool: Object.keys(pool).length > 0 ? pool : undefined,
  });
}
