// The registry's Python side: the types registered by name, the provider that serves them, and
// the definitions it reports (asked for once, then known synchronously).
import type {
  Logger,
  NodeDefinition,
  NodeInstance,
  PythonRuntimeProvider,
} from '@remotemedia/contract';
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';
import { assertParams } from '../params.js';
import { pythonNotConfigured } from '../python.js';
import { didYouMean } from '../suggest.js';
import { Registrations } from './registrations.js';

export class PythonNodes {
  readonly names: Registrations<true>;
  #provider: PythonRuntimeProvider | undefined;
  #definitions: Map<string, NodeDefinition> | undefined;

  constructor(provider: PythonRuntimeProvider | undefined, logger: Logger) {
    this.#provider = provider;
    this.names = new Registrations<true>(
      {
        label: 'Python node type',
        overrideDoes: 'register it again',
        logFields: (type) => ({ type, runtime: 'python' }),
      },
      logger,
    );
  }

  get provider(): PythonRuntimeProvider | undefined {
    return this.#provider;
  }

  set provider(provider: PythonRuntimeProvider | undefined) {
    this.#provider = provider;
    this.#definitions = undefined;
  }

  /** Registered by name, or reported by the provider (once its definitions are loaded). */
  has(type: string): boolean {
    return this.names.has(type) || this.#definitions?.has(type) === true;
  }

  /** Every type known so far (names and loaded definitions; may repeat). */
  types(): string[] {
    return [...this.names.keys(), ...(this.#definitions?.keys() ?? [])];
  }

  /** The definition the provider reported, once loaded. */
  loaded(type: string): NodeDefinition | undefined {
    return this.#definitions?.get(type);
  }

  /** True when `type` is registered by name or the provider serves it (asks it if needed). */
  async serves(type: string): Promise<boolean> {
    return this.names.has(type) || (await this.definitions()).has(type);
  }

  async definitions(): Promise<Map<string, NodeDefinition>> {
    if (this.#definitions !== undefined) return this.#definitions;
    const provider = this.#provider;
    if (provider === undefined) return new Map();
    const map = new Map<string, NodeDefinition>();
    for (const definition of await provider.definitions()) map.set(definition.type, definition);
    this.#definitions = map;
    return map;
  }

  /** Validates `params` against the served definition's schema, then creates the node. */
  async create(type: string, params: unknown, nodeId: string | undefined): Promise<NodeInstance> {
    const provider = this.#provider;
    if (provider === undefined) throw pythonNotConfigured(type);
    const definition = (await this.definitions()).get(type);
    if (definition === undefined) {
      const served = [...(this.#definitions?.keys() ?? [])];
      throw new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `the Python runtime does not serve node type '${type}'${didYouMean(type, served)}; it serves: ${served.join(', ') || '(nothing)'}`,
      );
    }
    const given = (params ?? {}) as Record<string, unknown>;
    assertParams(type, definition.metadata.params, given);
    try {
      return await provider.create(type, given, nodeId === undefined ? {} : { nodeId });
    } catch (error) {
      throw fromNativeError(error);
    }
  }
}
