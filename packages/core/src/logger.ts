// The loggers core uses when none is given (the Logger interface is in @remotemedia/contract).
import type { Logger } from '@remotemedia/contract';

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
