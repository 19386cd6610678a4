// Shared test setup: the Python interpreter with the `remotemedia` package, and fixture paths.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../src/index.js';

const venvPython = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));

/** `$REMOTEMEDIA_PYTHON`, else the repo's .venv, else python3 (see the package README). */
export const python =
  process.env.REMOTEMEDIA_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');

export const fixtures = fileURLToPath(new URL('./fixtures/python', import.meta.url));

export interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** A logger that records everything, for assertions on forwarded worker output. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** 'absent', 'zombie' or 'running', from the process table (/proc). */
export function processState(pid: number): 'absent' | 'zombie' | 'running' {
  try {
    process.kill(pid, 0);
  } catch {
    return 'absent';
  }
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') ? 'zombie' : 'running';
  } catch {
    return 'absent';
  }
}
