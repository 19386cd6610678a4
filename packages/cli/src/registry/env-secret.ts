// Secrets named by remotemedia.toml: the file holds only the name of the environment variable,
// so a password never sits in a config file or on a command line.
import { RemoteMediaError } from '@remotemedia/errors';

/** The value of `variable` (named by `key` of `table`); undefined when no variable is named. */
export function secretFromEnv(
  variable: string | undefined,
  where: { table: string; key: string },
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (variable === undefined) return undefined;
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `[${where.table}] ${where.key} names $${variable}, which is not set; export it or remove ${where.key}`,
    );
  }
  return value;
}
