// A worker's session subject: process and flush run in order on the session's instance; close
// ends it. Each reply carries the request's seq so the caller can match them.
import { encode } from '../codec.js';
import { toWireError } from '../errors.js';
import { decodeRequest, type SessionRequest } from '../protocol.js';
import type { SessionTable } from './sessions.js';

export interface RequestMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  respond(data: Uint8Array): boolean;
}

export async function answerSessionRequest(
  sessions: SessionTable,
  msg: RequestMessage,
): Promise<void> {
  const sessionId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
  let request: SessionRequest;
  try {
    request = decodeRequest<SessionRequest>(msg.data);
  } catch (error) {
    msg.respond(encode({ seq: -1, error: toWireError(error) }));
    return;
  }
  if (request.op === 'close') {
    await sessions.close(sessionId).catch(() => undefined);
    msg.respond(encode({ closed: true }));
    return;
  }
  try {
    if (request.op === 'process') {
      const value = await sessions.run(sessionId, (node) => node.process(request.value));
      msg.respond(encode({ seq: request.seq, value }));
    } else {
      const value = await sessions.run(sessionId, (node) => node.flush?.());
      msg.respond(encode({ seq: request.seq, value, end: true }));
    }
  } catch (error) {
    msg.respond(encode({ seq: request.seq, error: toWireError(error) }));
  }
}
