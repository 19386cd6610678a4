// One table of registered node types of one kind (in process, Python, remote): the duplicate
// rule, the override option and the debug log are the same for every kind.
import type { LogFields, Logger } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import type { RegisterOptions } from './options.js';

export interface RegistrationKind<V> {
  /** How messages name an entry: 'node type', 'Python node type', 'remote node type'. */
  readonly label: string;
  /** What `{ override: true }` does, for the duplicate message. */
  readonly overrideDoes: string;
  /** Words after "already registered" naming the existing entry, e.g. ' (rust)'. */
  readonly describe?: (existing: V) => string;
  /** Fields of the debug log line of a registration. */
  readonly logFields: (type: string, value: V, options: RegisterOptions) => LogFields;
}

export class Registrations<V> {
  readonly #entries = new Map<string, V>();
  readonly #kind: RegistrationKind<V>;
  readonly #logger: Logger;

  constructor(kind: RegistrationKind<V>, logger: Logger) {
    this.#kind = kind;
    this.#logger = logger;
  }

  /** Duplicate types fail with ERR_INVALID_PARAM unless `override`. */
  add(type: string, value: V, options: RegisterOptions): void {
    const existing = this.#entries.get(type);
    if (this.#entries.has(type) && options.override !== true) {
      const detail = this.#kind.describe?.(existing as V) ?? '';
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `${this.#kind.label} '${type}' is already registered${detail}; pass { override: true } to ${this.#kind.overrideDoes}`,
      );
    }
    this.#entries.set(type, value);
    this.#logger.debug(`registered node type ${type}`, this.#kind.logFields(type, value, options));
  }

  /** `add` for kinds named by a type string alone (Python, remote). */
  addNamed(type: unknown, value: V, options: RegisterOptions): void {
    if (typeof type !== 'string' || type.length === 0) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `a ${this.#kind.label} must be a non-empty string`,
      );
    }
    this.add(type, value, options);
  }

  has(type: string): boolean {
    return this.#entries.has(type);
  }

  get(type: string): V | undefined {
    return this.#entries.get(type);
  }

  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  entries(): IterableIterator<[string, V]> {
    return this.#entries.entries();
  }
}
