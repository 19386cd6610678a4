// The logger of a long-running `remotemedia serve`: lifecycle lines and warnings on stderr.
import type { LogFields, Logger } from '@remotemedia/core';

const line = (prefix: string) => (message: string, fields?: LogFields) => {
  const error = fields?.error === undefined ? '' : `: ${String(fields.error)}`;
  process.stderr.write(`${prefix}${message}${error}\n`);
};

export const stderrLogger: Logger = {
  debug: () => {},
  info: line(''),
  warn: line('warning: '),
  error: line('error: '),
};
