// The --frame-ms option of `run`, checked before anything starts.
import { RemoteMediaError } from '@remotemedia/errors';

export function frameDuration(value: string): number {
  const ms = Number(value);
  if (!(ms > 0 && ms <= 1000)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `--frame-ms must be a number of ms in (0, 1000], got '${value}'`,
    );
  }
  return ms;
}
