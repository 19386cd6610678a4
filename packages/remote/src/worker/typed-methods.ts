// A worker's typed methods: each request is checked against its schema before the handler runs,
// each response after; a thrown coded error reaches the caller as ERR_REMOTE carrying that code.
import type { Service } from '@nats-io/services';
import type { TSchema } from 'typebox';
import { decode, encode } from '../codec.js';
import { toWireError } from '../errors.js';
import { subjects } from '../subjects.js';
import { assertMatches, checkMethodName, type MethodSchemas, type TypedHandler } from '../typed.js';

interface TypedMethod {
  method: string;
  schemas: MethodSchemas;
  handler: TypedHandler<TSchema, TSchema>;
}

export class TypedMethods {
  readonly #methods: TypedMethod[] = [];
  #service: Service | undefined;

  /** Method names, in registration order. */
  names(): string[] {
    return this.#methods.map((typed) => typed.method);
  }

  /** Records a method; served at once when the service is already running. */
  add<Q extends TSchema, R extends TSchema>(
    method: string,
    schemas: MethodSchemas<Q, R>,
    handler: TypedHandler<Q, R>,
  ): void {
    const typed = {
      method: checkMethodName(method),
      schemas,
      handler: handler as TypedHandler<TSchema, TSchema>,
    };
    this.#methods.push(typed);
    if (this.#service !== undefined) serveMethod(this.#service, typed);
  }

  /** Serves every method recorded so far on `service`, and later ones as they are added. */
  serveOn(service: Service): void {
    this.#service = service;
    for (const typed of this.#methods) serveMethod(service, typed);
  }
}

function serveMethod(service: Service, typed: TypedMethod): void {
  service.addEndpoint(`method-${typed.method}`, {
    subject: subjects.method(typed.method),
    queue: subjects.queue(`m-${typed.method}`),
    handler: (error, msg) => {
      if (error !== null) return;
      void (async () => {
        try {
          const request = decode(msg.data);
          assertMatches(typed.schemas.request, request, 'request', typed.method);
          const response = await typed.handler(request);
          assertMatches(typed.schemas.response, response, 'response', typed.method);
          msg.respond(encode({ value: response }));
        } catch (failure) {
          msg.respond(encode({ error: toWireError(failure) }));
        }
      })();
    },
  });
}
