// Which Python runs the workers. [python] executable wins: a path (with a slash) is resolved
// against the config's folder, a bare name is looked up on PATH. When it is not set, or names a
// file that does not exist: $REMOTEMEDIA_PYTHON, else the nearest .venv from the config's folder
// up (a project's own virtualenv), else python3.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RemoteMediaConfig } from './types.js';

const isPath = (value: string) => value.includes('/') || value.includes('\\');

/** The config value with a relative path resolved against `base` (names stay as they are). */
export function resolveExecutable(value: string | undefined, base: string): string | undefined {
  if (value === undefined) return undefined;
  return isPath(value) ? resolve(base, value) : value;
}

function venvPython(dir: string): string | undefined {
  const candidates = [
    join(dir, '.venv', 'bin', 'python'),
    join(dir, '.venv', 'Scripts', 'python.exe'),
  ];
  return candidates.find((file) => existsSync(file));
}

function nearestVenvPython(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const found = venvPython(dir);
    if (found !== undefined) return found;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface ChosenPython {
  executable: string;
  /** Set when the configured executable could not be used (and why). */
  problem?: string;
}

export function pythonExecutable(
  config: RemoteMediaConfig,
  env: NodeJS.ProcessEnv = process.env,
): ChosenPython {
  const configured = config.python.executable;
  if (configured !== undefined && !(isPath(configured) && !existsSync(configured))) {
    return { executable: configured };
  }
  const from = config.source === undefined ? process.cwd() : dirname(config.source);
  const fallback =
    (env.REMOTEMEDIA_PYTHON === undefined || env.REMOTEMEDIA_PYTHON === ''
      ? undefined
      : env.REMOTEMEDIA_PYTHON) ??
    nearestVenvPython(from) ??
    'python3';
  if (configured === undefined) return { executable: fallback };
  return {
    executable: fallback,
    problem: `${configured} does not exist (create it with 'python3 -m venv' and 'pip install remotemedia'); using ${fallback} instead`,
  };
}
