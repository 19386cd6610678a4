// The node registry: which node types exist, their metadata, and how to create each one
// (native/TS definitions in process, Python ones through a PythonRuntimeProvider, remote ones
// through a RemoteRuntimeProvider).
import type {
  AnyNodeDefinition,
  Logger,
  NodeInstance,
  NodeMetadata,
  PythonRuntimeProvider,
  RemoteRuntimeProvider,
  Runtime,
} from '@remotemedia/contract';
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';
import { defaultLogger } from './logger.js';
import { assertParams, effectiveParams } from './params.js';
import { pythonNotConfigured } from './python.js';
import { checkDefinition } from './registry/check-definition.js';
import type {
  CreateNodeOptions,
  DefaultParamsMap,
  RegisterOptions,
  RegisterRemoteOptions,
  RegistryOptions,
} from './registry/options.js';
import { PythonNodes } from './registry/python-nodes.js';
import { Registrations } from './registry/registrations.js';
import { RemoteNodes } from './registry/remote-nodes.js';
import { type NoNodes, RegistryBuilder } from './registry-builder.js';
import { didYouMean } from './suggest.js';

export type {
  CreateNodeOptions,
  DefaultParamsMap,
  RegisterOptions,
  RegisterRemoteOptions,
  RegistryOptions,
} from './registry/options.js';

/** A registry of any params map (what functions that only read a registry accept). */
// biome-ignore lint/suspicious/noExplicitAny: params maps are invariant; any is the top type here.
export type AnyNodeRegistry = NodeRegistry<any>;

export class NodeRegistry<M extends object = DefaultParamsMap> {
  readonly #local: Registrations<AnyNodeDefinition>;
  readonly #python: PythonNodes;
  readonly #remote: RemoteNodes;
  readonly #logger: Logger;

  constructor(options: RegistryOptions = {}) {
    this.#logger = options.logger ?? defaultLogger;
    this.#local = new Registrations<AnyNodeDefinition>(
      {
        label: 'node type',
        overrideDoes: 'replace it',
        describe: (existing) => ` (${existing.runtime})`,
        logFields: (type, definition, { override }) => ({
          type,
          runtime: definition.runtime,
          override: override === true,
        }),
      },
      this.#logger,
    );
    this.#python = new PythonNodes(options.python, this.#logger);
    this.#remote = new RemoteNodes(options.remote, this.#logger);
  }

  /** Starts an immutable builder chain: `NodeRegistry.builder().rust(Vad).python('ASR').build()`. */
  static builder(): RegistryBuilder<NoNodes> {
    return RegistryBuilder.empty((options) => new NodeRegistry(options));
  }

  get logger(): Logger {
    return this.#logger;
  }

  /** Registers a native or TS definition. Duplicate types fail with ERR_INVALID_PARAM unless `override`. */
  register(definition: AnyNodeDefinition, options: RegisterOptions = {}): this {
    checkDefinition(definition);
    this.#local.add(definition.type, definition, options);
    return this;
  }

  /** Records a node type served by the Python runtime (resolved when it is created). */
  registerPython(type: string, options: RegisterOptions = {}): this {
    this.#python.names.addNamed(type, true, options);
    return this;
  }

  /**
   * Records a node type that always runs on a remote worker with these tags (a local definition
   * of the same type, if any, still gives its metadata and params schema).
   */
  registerRemote(type: string, options: RegisterRemoteOptions = {}): this {
    this.#remote.types.addNamed(type, { ...options.tags }, options);
    return this;
  }

  /** Sets (or replaces) the provider that creates remote nodes. */
  setRemoteRuntime(provider: RemoteRuntimeProvider | undefined): this {
    this.#remote.provider = provider;
    return this;
  }

  get remoteRuntime(): RemoteRuntimeProvider | undefined {
    return this.#remote.provider;
  }

  /** True when `type` was registered with `.remote()`. */
  isRemote(type: string): boolean {
    return this.#remote.types.has(type);
  }

  /** Sets (or replaces) the provider that creates Python nodes. */
  setPythonRuntime(provider: PythonRuntimeProvider | undefined): this {
    this.#python.provider = provider;
    return this;
  }

  get pythonRuntime(): PythonRuntimeProvider | undefined {
    return this.#python.provider;
  }

  /** True when `type` can be asked for (in process or through Python). */
  has(type: string): boolean {
    return this.#local.has(type) || this.#python.has(type) || this.#remote.types.has(type);
  }

  /** Every registered type, sorted. */
  listNodeTypes(): string[] {
    const all = new Set([
      ...this.#local.keys(),
      ...this.#python.types(),
      ...this.#remote.types.keys(),
    ]);
    return [...all].sort();
  }

  /** Runtimes that can serve `type` (in-process first). */
  runtimesOf(type: string): Runtime[] {
    const runtimes: Runtime[] = [];
    const local = this.#local.get(type);
    if (local !== undefined) runtimes.push(local.runtime);
    if (this.#python.has(type) && !runtimes.includes('python')) runtimes.push('python');
    return runtimes;
  }

  /**
   * Metadata of a type: the in-process definition's, or the Python one's once
   * `loadPythonDefinitions()` has run. `undefined` when not known (yet).
   */
  getMetadata(type: string): NodeMetadata | undefined {
    return (this.#local.get(type) ?? this.#python.loaded(type))?.metadata;
  }

  /** The in-process definition of a type, if any. */
  getDefinition(type: string): AnyNodeDefinition | undefined {
    return this.#local.get(type);
  }

  /** Asks the Python runtime for its definitions so their metadata is known synchronously. */
  async loadPythonDefinitions(): Promise<void> {
    await this.#python.definitions();
  }

  /**
   * Creates a node instance after validating `params` against the type's schema. Async because
   * Python nodes are created in a worker process.
   *
   * @throws RemoteMediaError ERR_NODE_NOT_FOUND (unknown type, or no implementation for the
   *   runtime asked for), ERR_INVALID_PARAM (params do not match the schema; the field is named)
   */
  async createNode<K extends keyof M & string>(
    type: K,
    params?: M[K],
    options: CreateNodeOptions = {},
  ): Promise<NodeInstance> {
    const runtime = options.runtime ?? 'auto';
    const local = this.#local.get(type);
    const registeredTags = this.#remote.types.get(type);
    if (options.placement?.remote === true || registeredTags !== undefined) {
      const tags = { ...registeredTags, ...options.placement?.tags };
      return this.#remote.create(type, local, params, tags);
    }
    const useLocal = local !== undefined && (runtime === 'auto' || runtime === local.runtime);
    if (useLocal) return this.#createLocal(local, params);
    if (runtime === 'auto' || runtime === 'python') {
      const viaPython = runtime === 'python' || (await this.#python.serves(type));
      if (viaPython) return this.#python.create(type, params, options.nodeId);
    }
    throw this.#notFound(type, runtime);
  }

  /** Stops the Python runtime and the remote runtime, if set. */
  async close(): Promise<void> {
    await Promise.all([this.#python.provider?.close(), this.#remote.provider?.close()]);
  }

  /** Copies every registration of `other` into this registry (duplicates fail unless `override`). */
  mergeFrom(other: AnyNodeRegistry, options: RegisterOptions = {}): this {
    for (const [, definition] of other.#local.entries()) this.register(definition, options);
    for (const name of other.#python.names.keys()) this.registerPython(name, options);
    for (const [type, tags] of other.#remote.types.entries()) {
      this.registerRemote(type, { ...options, tags });
    }
    return this;
  }

  /** Logs the final count (the builder calls this once). */
  logBuilt(): void {
    this.#logger.debug(`node registry built with ${this.listNodeTypes().length} node types`, {
      count: this.listNodeTypes().length,
    });
  }

  async #createLocal(definition: AnyNodeDefinition, params: unknown): Promise<NodeInstance> {
    const given = effectiveParams(definition, params);
    assertParams(definition.type, definition.metadata.params, given);
    try {
      return await definition.create(given);
    } catch (error) {
      throw fromNativeError(error);
    }
  }

  #notFound(type: string, runtime: 'auto' | Runtime): RemoteMediaError {
    const available = this.runtimesOf(type);
    if (available.length === 0) {
      return new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `unknown node type '${type}'${didYouMean(type, this.listNodeTypes())}; register it first (registered: ${this.listNodeTypes().join(', ') || 'none'})`,
      );
    }
    if (
      runtime === 'python' ||
      (available.includes('python') && this.#python.provider === undefined)
    ) {
      return pythonNotConfigured(type);
    }
    return new RemoteMediaError(
      'ERR_NODE_NOT_FOUND',
      `node type '${type}' has no ${runtime} implementation (available: ${available.join(', ')}); use runtime 'auto' or one of those`,
    );
  }
}
