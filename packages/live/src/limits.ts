// The server's limits, with their defaults, checked once when the server is created.
import { RemoteMediaError, rejectUnknownKeys } from '@remotemedia/errors';

export interface LiveLimits {
  /** Open sessions (both endpoints); one more is refused with ERR_SERVER_FULL. @default 1000 */
  maxConnections: number;
  /** Largest binary audio message. @default 65536 (over 300 ms of 48 kHz stereo s16le) */
  maxFrameBytes: number;
  /** Messages per second per connection (a bucket of this many, refilled each second). @default 200 */
  maxMessagesPerSecond: number;
  /** A connection that sends nothing for this long is closed. @default 30000 */
  idleTimeoutMs: number;
  /** Bytes waiting to be sent to a client above which its reading pauses. @default 1048576 */
  outputHighWaterBytes: number;
  /** Frames waiting for the pipeline above which the client's reading pauses. @default 50 */
  inputQueueFrames: number;
  /** How long a client may leave output unread above the high-water mark. @default 10000 */
  slowClientMs: number;
  /** On shutdown, how long sessions may go on before they are flushed and closed. @default 10000 */
  drainMs: number;
}

export const DEFAULT_LIMITS: LiveLimits = {
  maxConnections: 1000,
  maxFrameBytes: 65_536,
  maxMessagesPerSecond: 200,
  idleTimeoutMs: 30_000,
  outputHighWaterBytes: 1_048_576,
  inputQueueFrames: 50,
  slowClientMs: 10_000,
  drainMs: 10_000,
};

/** `given` over the defaults. @throws RemoteMediaError ERR_INVALID_PARAM naming the bad key */
export function resolveLimits(given: Partial<LiveLimits> = {}): LiveLimits {
  rejectUnknownKeys(given, Object.keys(DEFAULT_LIMITS), 'option', "the live server's limits");
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `limit ${key} must be an integer >= 0, got ${String(value)}`,
      );
    }
  }
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_LIMITS, ...defined };
}
