// NATS subject names, built only from validated tokens so an id can never inject a wildcard
// ('*', '>') or an extra level ('.') into a subject.
import { RemoteMediaError } from '@remotemedia/errors';

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** Throws ERR_INVALID_PARAM unless `value` is a safe single subject token. */
export function subjectToken(what: string, value: unknown): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${what} must be 1-128 characters of letters, digits, '_' or '-' (it becomes part of a NATS subject), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The prefix every subject of this package starts with. */
export const PREFIX = 'rm';

export const subjects = {
  /** Opens a session or runs a unary call on any worker serving `type` (queue group per type). */
  node: (type: string) => `${PREFIX}.node.${subjectToken('node type', type)}`,
  /** The same on one worker (tag-selected). */
  workerNode: (workerId: string, type: string) =>
    `${PREFIX}.w.${subjectToken('worker id', workerId)}.node.${subjectToken('node type', type)}`,
  /** Every session of a worker; the last token is the session id. */
  sessions: (workerId: string) => `${PREFIX}.s.${subjectToken('worker id', workerId)}.*`,
  session: (workerId: string, sessionId: string) =>
    `${PREFIX}.s.${subjectToken('worker id', workerId)}.${subjectToken('session id', sessionId)}`,
  /** A typed method (queue group per method). */
  method: (method: string) => `${PREFIX}.m.${subjectToken('method', method)}`,
  queue: (name: string) => `${PREFIX}-${subjectToken('queue', name)}`,
} as const;
