// Pluggable logging: the registry and executor report through this, never to the console directly.

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ignore = (): void => {};

/** The default: debug and info are dropped, warnings and errors go to the console. */
export const defaultLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: (message, fields) => console.warn(`[remotemedia] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[remotemedia] ${message}`, fields ?? ''),
};

/** Drops everything. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
