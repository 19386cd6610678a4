// [registry.postgres] to the bridge's PostgreSQL options. The URL and the password come from the
// environment variables the config names (never from the file); with neither named, the bridge
// falls back to REMOTEMEDIA_PG_URL and pg to the standard PG* variables.
import { RemoteMediaError } from '@remotemedia/errors';
import type { PostgresOptions } from '@remotemedia/registry-bridge';
import type { RegistryConfig } from '../config/types.js';
import { definedOnly } from '../defined-only.js';

function fromEnv(
  variable: string | undefined,
  key: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (variable === undefined) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `[registry.postgres] ${key} names $${variable}, which is not set; export it or remove ${key}`,
    );
  }
  return value;
}

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
