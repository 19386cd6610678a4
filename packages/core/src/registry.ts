// The node registry: which node types exist, their metadata, and how to create each one
// (native/TS definitions in process, Python ones through a PythonRuntimeProvider).

import type {
  AnyNodeDefinition,
  Logger,
  NodeDefinition,
  NodeInstance,
  NodeMetadata,
  PythonRuntimeProvider,
  RemotePlacement,
  RemoteRuntimeProvider,
  Runtime,
} from '@remotemedia/contract';
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';
import { defaultLogger } from './logger.js';
import { assertParams, effectiveParams } from './params.js';
import { pythonNotConfigured } from './python.js';
import { type NoNodes, RegistryBuilder } from './registry-builder.js';
import { remoteNotConfigured } from './remote.js';
import { didYouMean } from './suggest.js';

export interface RegisterOptions {
  /** Replace an existing registration of the same type instead of failing. */
  override?: boolean;
}

export interface CreateNodeOptions {
  /**
   * Which implementation to use. 'auto' (default) prefers the in-process one (rust or ts) and
   * falls back to a Python implementation of the same type.
   */
  runtime?: 'auto' | Runtime;
  /** `{ remote: true, tags }` creates the node on a remote worker through the remote runtime. */
  placement?: RemotePlacement;
  /** The pipeline node id this instance serves; runtimes name it in their logs (e.g. worker stderr). */
  nodeId?: string;
}

export interface RegistryOptions {
  logger?: Logger;
  python?: PythonRuntimeProvider;
  remote?: RemoteRuntimeProvider;
}

export interface RegisterRemoteOptions extends RegisterOptions {
  /** Tags the serving worker must have. */
  tags?: Record<string, string>;
}

/** Node type -> params type. The default accepts any type name with any params. */
export type DefaultParamsMap = Record<string, Record<string, unknown>>;

/** A registry of any params map (what functions that only read a registry accept). */
// biome-ignore lint/suspicious/noExplicitAny: params maps are invariant; any is the top type here.
export type AnyNodeRegistry = NodeRegistry<any>;

export class NodeRegistry<M extends object = DefaultParamsMap> {
  readonly #local = new Map<string, AnyNodeDefinition>();
  readonly #pythonNames = new Set<string>();
  readonly #remoteTypes = new Map<string, Record<string, string>>();
  #python: PythonRuntimeProvider | undefined;
  #remote: RemoteRuntimeProvider | undefined;
  #pythonDefinitions: Map<string, NodeDefinition> | undefined;
  #logger: Logger;

  constructor(options: RegistryOptions = {}) {
    this.#logger = options.logger ?? defaultLogger;
    this.#python = options.python;
    this.#remote = options.remote;
  }

  /** Starts an immutable builder chain: `NodeRegistry.builder().rust(Vad).python('ASR').build()`. */
  static builder(): RegistryBuilder<NoNodes> {
    return RegistryBuilder.empty();
  }

  get logger(): Logger {
    return this.#logger;
  }

  /** Registers a native or TS definition. Duplicate types fail with ERR_INVALID_PARAM unless `override`. */
  register(definition: AnyNodeDefinition, options: RegisterOptions = {}): this {
    checkDefinition(definition);
    if (this.#local.has(definition.type) && options.override !== true) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `node type '${definition.type}' is already registered (${this.#local.get(definition.type)?.runtime}); pass { override: true } to replace it`,
      );
    }
    this.#local.set(definition.type, definition);
    this.#logger.debug(`registered node type ${definition.type}`, {
      type: definition.type,
      runtime: definition.runtime,
      override: options.override === true,
    });
    return this;
  }

  /** Records a node type served by the Python runtime (resolved when it is created). */
  registerPython(type: string, options: RegisterOptions = {}): this {
    if (typeof type !== 'string' || type.length === 0) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        'a Python node type must be a non-empty string',
      );
    }
    if (this.#pythonNames.has(type) && options.override !== true) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `Python node type '${type}' is already registered; pass { override: true } to register it again`,
      );
    }
    this.#pythonNames.add(type);
    this.#logger.debug(`registered node type ${type}`, { type, runtime: 'python' });
    return this;
  }

  /**
   * Records a node type that always runs on a remote worker with these tags (a local definition
   * of the same type, if any, still gives its metadata and params schema).
   */
  registerRemote(type: string, options: RegisterRemoteOptions = {}): this {
    if (typeof type !== 'string' || type.length === 0) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        'a remote node type must be a non-empty string',
      );
    }
    if (this.#remoteTypes.has(type) && options.override !== true) {
      throw new RemoteMediaError(
        'ERR_INVALID_PARAM',
        `remote node type '${type}' is already registered; pass { override: true } to register it again`,
      );
    }
    this.#remoteTypes.set(type, { ...options.tags });
    this.#logger.debug(`registered node type ${type}`, { type, placement: 'remote' });
    return this;
  }

  /** Sets (or replaces) the provider that creates remote nodes. */
  setRemoteRuntime(provider: RemoteRuntimeProvider | undefined): this {
    this.#remote = provider;
    return this;
  }

  get remoteRuntime(): RemoteRuntimeProvider | undefined {
    return this.#remote;
  }

  /** True when `type` was registered with `.remote()`. */
  isRemote(type: string): boolean {
    return this.#remoteTypes.has(type);
  }

  /** Sets (or replaces) the provider that creates Python nodes. */
  setPythonRuntime(provider: PythonRuntimeProvider | undefined): this {
    this.#python = provider;
    this.#pythonDefinitions = undefined;
    return this;
  }

  get pythonRuntime(): PythonRuntimeProvider | undefined {
    return this.#python;
  }

  /** True when `type` can be asked for (in process or through Python). */
  has(type: string): boolean {
    return (
      this.#local.has(type) ||
      this.#pythonNames.has(type) ||
      this.#remoteTypes.has(type) ||
      this.#pythonDefinitions?.has(type) === true
    );
  }

  /** Every registered type, sorted. */
  listNodeTypes(): string[] {
    const all = new Set([
      ...this.#local.keys(),
      ...this.#pythonNames,
      ...this.#remoteTypes.keys(),
      ...(this.#pythonDefinitions?.keys() ?? []),
    ]);
    return [...all].sort();
  }

  /** Runtimes that can serve `type` (in-process first). */
  runtimesOf(type: string): Runtime[] {
    const runtimes: Runtime[] = [];
    const local = this.#local.get(type);
    if (local !== undefined) runtimes.push(local.runtime);
    if (this.#pythonNames.has(type) || this.#pythonDefinitions?.has(type) === true) {
      if (!runtimes.includes('python')) runtimes.push('python');
    }
    return runtimes;
  }

  /**
   * Metadata of a type: the in-process definition's, or the Python one's once
   * `loadPythonDefinitions()` has run. `undefined` when not known (yet).
   */
  getMetadata(type: string): NodeMetadata | undefined {
    return (this.#local.get(type) ?? this.#pythonDefinitions?.get(type))?.metadata;
  }

  /** The in-process definition of a type, if any. */
  getDefinition(type: string): AnyNodeDefinition | undefined {
    return this.#local.get(type);
  }

  /** Asks the Python runtime for its definitions so their metadata is known synchronously. */
  async loadPythonDefinitions(): Promise<void> {
    await this.#pythonDefinitionsMap();
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
    const registeredTags = this.#remoteTypes.get(type);
    if (options.placement?.remote === true || registeredTags !== undefined) {
      const tags = { ...registeredTags, ...options.placement?.tags };
      return this.#createRemote(type, local, params, tags);
    }
    const useLocal = local !== undefined && (runtime === 'auto' || runtime === local.runtime);
    if (useLocal) return this.#createLocal(local, params);
    if (runtime === 'auto' || runtime === 'python') {
      const viaPython =
        runtime === 'python' ||
        this.#pythonNames.has(type) ||
        (await this.#pythonDefinitionsMap()).has(type);
      if (viaPython) return this.#createPython(type, params, options.nodeId);
    }
    throw this.#notFound(type, runtime);
  }

  /** Stops the Python runtime and the remote runtime, if set. */
  async close(): Promise<void> {
    await Promise.all([this.#python?.close(), this.#remote?.close()]);
  }

  /** Copies every registration of `other` into this registry (duplicates fail unless `override`). */
  mergeFrom(other: AnyNodeRegistry, options: RegisterOptions = {}): this {
    for (const definition of other.#local.values()) this.register(definition, options);
    for (const name of other.#pythonNames) this.registerPython(name, options);
    for (const [type, tags] of other.#remoteTypes) this.registerRemote(type, { ...options, tags });
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

  async #createRemote(
    type: string,
    local: AnyNodeDefinition | undefined,
    params: unknown,
    tags: Record<string, string>,
  ): Promise<NodeInstance> {
    const provider = this.#remote;
    if (provider === undefined) throw remoteNotConfigured(type);
    // With a local definition the params are checked here; otherwise the worker checks them.
    const given =
      local === undefined
        ? ((params ?? {}) as Record<string, unknown>)
        : (effectiveParams(local, params) as Record<string, unknown>);
    if (local !== undefined) assertParams(type, local.metadata.params, given);
    try {
      return await provider.create(type, given, { tags });
    } catch (error) {
      throw fromNativeError(error);
    }
  }

  async #createPython(
    type: string,
    params: unknown,
    nodeId: string | undefined,
  ): Promise<NodeInstance> {
    const provider = this.#python;
    if (provider === undefined) throw pythonNotConfigured(type);
    const definition = (await this.#pythonDefinitionsMap()).get(type);
    if (definition === undefined) {
      const served = [...(this.#pythonDefinitions?.keys() ?? [])];
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

  async #pythonDefinitionsMap(): Promise<Map<string, NodeDefinition>> {
    if (this.#pythonDefinitions !== undefined) return this.#pythonDefinitions;
    const provider = this.#python;
    if (provider === undefined) return new Map();
    const map = new Map<string, NodeDefinition>();
    for (const definition of await provider.definitions()) map.set(definition.type, definition);
    this.#pythonDefinitions = map;
    return map;
  }

  #notFound(type: string, runtime: 'auto' | Runtime): RemoteMediaError {
    const available = this.runtimesOf(type);
    if (available.length === 0) {
      return new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `unknown node type '${type}'${didYouMean(type, this.listNodeTypes())}; register it first (registered: ${this.listNodeTypes().join(', ') || 'none'})`,
      );
    }
    if (runtime === 'python' || (available.includes('python') && this.#python === undefined)) {
      return pythonNotConfigured(type);
    }
    return new RemoteMediaError(
      'ERR_NODE_NOT_FOUND',
      `node type '${type}' has no ${runtime} implementation (available: ${available.join(', ')}); use runtime 'auto' or one of those`,
    );
  }
}

function checkDefinition(definition: AnyNodeDefinition): void {
  const ok =
    typeof definition === 'object' &&
    definition !== null &&
    typeof definition.type === 'string' &&
    definition.type.length > 0 &&
    (definition.runtime === 'rust' ||
      definition.runtime === 'ts' ||
      definition.runtime === 'python') &&
    typeof definition.create === 'function' &&
    typeof definition.metadata?.params === 'object' &&
    Array.isArray(definition.metadata.inputs) &&
    Array.isArray(definition.metadata.outputs);
  if (!ok) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      'not a node definition: expected { type, runtime: rust|python|ts, metadata: { category, description, params, inputs, outputs }, create(params) }',
    );
  }
}
