// A worker's node endpoints: `open` starts a session of the type, `call` runs one unary call
// (a fresh instance: process, then flush, then close).
import type { ServiceMsg } from '@nats-io/services';
import type { AnyNodeRegistry } from '@remotemedia/core';
import { encode } from '../codec.js';
import { toWireError } from '../errors.js';
import { decodeRequest, type NodeRequest } from '../protocol.js';
import type { SessionTable } from './sessions.js';

export interface NodeEndpointContext {
  readonly workerId: string;
  readonly registry: AnyNodeRegistry;
  readonly sessions: SessionTable;
  /** Counts a unary call (for the worker's metrics). */
  countUnaryCall(): void;
}

export async function answerNodeRequest(
  context: NodeEndpointContext,
  type: string,
  msg: ServiceMsg,
): Promise<void> {
  try {
    const request = decodeRequest<NodeRequest>(msg.data);
    const instance = await context.registry.createNode(type, request.params ?? {});
    if (request.op === 'open') {
      const session = context.sessions.open(type, instance);
      msg.respond(encode({ session, worker: context.workerId }));
      return;
    }
    context.countUnaryCall();
    try {
      const value = await instance.process(request.input);
      const flushed = await instance.flush?.();
      msg.respond(encode({ value, flushed, worker: context.workerId }));
    } finally {
      await instance.close?.();
    }
  } catch (error) {
    msg.respond(encode({ error: toWireError(error) }));
  }
}
