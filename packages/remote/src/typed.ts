// Typed methods: a name plus request/response JSON Schemas (TypeBox or plain), shared by the
// worker that serves it and the callers; validation happens in the library, on both sides.
import { checkParams } from '@remotemedia/core';
import { RemoteMediaError } from '@remotemedia/errors';
import type { Static, TSchema } from 'typebox';
import { subjectToken } from './subjects.js';

export interface MethodSchemas<Q extends TSchema = TSchema, R extends TSchema = TSchema> {
  request: Q;
  response: R;
}

export type TypedHandler<Q extends TSchema, R extends TSchema> = (
  request: Static<Q>,
) => Static<R> | Promise<Static<R>>;

/** Throws `code` naming every offending field (`request.text: must be string`). */
export function assertMatches(
  schema: TSchema,
  value: unknown,
  what: 'request' | 'response',
  method: string,
): void {
  const issues = checkParams(schema, value);
  if (issues.length === 0) return;
  const list = issues.map((i) => i.message.replace(/\bparams\b/g, what)).join('; ');
  throw new RemoteMediaError(
    what === 'request' ? 'ERR_INVALID_INPUT' : 'ERR_INTERNAL',
    `${method}: invalid ${what}: ${list}`,
  );
}

export function checkMethodName(method: string): string {
  return subjectToken('method name', method);
}
