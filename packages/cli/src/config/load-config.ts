// Reads remotemedia.toml from disk (an explicit path, or ./remotemedia.toml when present).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RemoteMediaError } from '@remotemedia/errors';
import { defaultConfig, parseConfig } from './parse-config.js';
import type { RemoteMediaConfig } from './types.js';

export const CONFIG_FILE = 'remotemedia.toml';

/**
 * Loads `path`, or `./remotemedia.toml` when no path is given and it exists, or the defaults.
 *
 * @throws RemoteMediaError ERR_IO (unreadable file), ERR_INVALID_PARAM (bad config, with lines)
 */
export async function loadConfig(path?: string, cwd = process.cwd()): Promise<RemoteMediaConfig> {
  const file = path === undefined ? resolve(cwd, CONFIG_FILE) : resolve(cwd, path);
  if (path === undefined && !existsSync(file)) return defaultConfig();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_IO',
      `cannot read config '${file}': ${(error as Error).message}; run 'remotemedia init' to create one`,
      { cause: error },
    );
  }
  return parseConfig(text, path ?? CONFIG_FILE);
}
