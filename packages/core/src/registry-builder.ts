// NodeRegistry.builder(): an immutable chain (each call returns a new builder) whose type
// accumulates the registered node types and their params, so createNode typos fail to compile.

import type {
  AnyNodeDefinition,
  Logger,
  ParamsOf,
  PythonRuntimeProvider,
  RemoteRuntimeProvider,
  Runtime,
} from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { TRANSFORM } from './params.js';
import type {
  RegisterOptions,
  RegisterRemoteOptions,
  RegistryOptions,
} from './registry/options.js';
// Type-only: NodeRegistry.builder() hands in the constructor, so the builder does not import the
// registry at run time (and the two modules form no cycle).
import type { AnyNodeRegistry, NodeRegistry } from './registry.js';

/** The params map of a builder before anything is registered. */
export type NoNodes = Record<never, never>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type With<M, D extends AnyNodeDefinition> = Simplify<M & { [K in D['type']]: ParamsOf<D> }>;

/** Params in, params out; or fixed params merged under the caller's. */
export type ParamsTransform<P> = ((params: P) => P) | Partial<NonNullable<P>>;

export interface BuildOptions {
  /** Serves `.python()` types; can also be set later with `registry.setPythonRuntime()`. */
  python?: PythonRuntimeProvider;
  /** Serves `.remote()` types and manifest nodes placed remote. */
  remote?: RemoteRuntimeProvider;
  /** Receives registration logs (debug) and warnings. */
  logger?: Logger;
}

type Step = (registry: NodeRegistry) => void;

/** Makes the empty registry `build()` fills (`NodeRegistry.builder()` passes its constructor). */
export type RegistryFactory = (options: RegistryOptions) => NodeRegistry;

export class RegistryBuilder<M extends object> {
  readonly #steps: readonly Step[];
  readonly #create: RegistryFactory;

  private constructor(create: RegistryFactory, steps: readonly Step[]) {
    this.#create = create;
    this.#steps = steps;
  }

  /** An empty chain; `NodeRegistry.builder()` is the usual way to start one. */
  static empty(create: RegistryFactory): RegistryBuilder<NoNodes> {
    return new RegistryBuilder(create, []);
  }

  /** A native node definition (e.g. `VadNode` from @remotemedia/node-vad). */
  rust<const D extends AnyNodeDefinition>(
    definition: D,
    options?: RegisterOptions,
  ): RegistryBuilder<With<M, D>> {
    return this.#definition(definition, 'rust', 'rust', options);
  }

  /**
   * A native definition whose params pass through `transform` before validation and `create`
   * (`p => ({ ...p, quality: 'high' })`), or get fixed defaults merged under them (`{ quality: 'high' }`).
   */
  rustWith<const D extends AnyNodeDefinition>(
    definition: D,
    transform: ParamsTransform<ParamsOf<D>>,
    options?: RegisterOptions,
  ): RegistryBuilder<With<M, D>> {
    expectRuntime(definition, 'rust', 'rustWith');
    const apply =
      typeof transform === 'function'
        ? transform
        : (params: ParamsOf<D>) => ({ ...transform, ...(params as object) }) as ParamsOf<D>;
    return this.#then((r) => r.register(withTransform(definition, apply), options));
  }

  /** A TypeScript node definition (see `defineNode`). */
  ts<const D extends AnyNodeDefinition>(
    definition: D,
    options?: RegisterOptions,
  ): RegistryBuilder<With<M, D>> {
    return this.#definition(definition, 'ts', 'ts', options);
  }

  /** A node type served by the Python runtime. */
  python<const N extends string>(
    type: N,
    options?: RegisterOptions,
  ): RegistryBuilder<Simplify<M & Record<N, Record<string, unknown>>>> {
    return this.#then((r) => r.registerPython(type, options));
  }

  /** Several Python node types. */
  pythonBatch<const N extends readonly string[]>(
    types: N,
    options?: RegisterOptions,
  ): RegistryBuilder<Simplify<M & Record<N[number], Record<string, unknown>>>> {
    return this.#then((r) => {
      for (const type of types) r.registerPython(type, options);
    });
  }

  /** A node type served by remote workers that have every one of `tags` (`{ gpu: 'true' }`). */
  remote<const N extends string>(
    type: N,
    options?: RegisterRemoteOptions,
  ): RegistryBuilder<Simplify<M & Record<N, N extends keyof M ? M[N] : Record<string, unknown>>>> {
    return this.#then((r) => r.registerRemote(type, options));
  }

  /** `.rust(definition)` only when `condition` holds (feature flags). */
  rustIf<const D extends AnyNodeDefinition>(
    condition: boolean,
    definition: D,
    options?: RegisterOptions,
  ): RegistryBuilder<With<M, D>> {
    return this.#definition(definition, 'rust', 'rustIf', options, condition);
  }

  /** Every registration of another registry. */
  merge<M2 extends object>(
    registry: NodeRegistry<M2>,
    options?: RegisterOptions,
  ): RegistryBuilder<Simplify<M & M2>> {
    return this.#then((r) => r.mergeFrom(registry as AnyNodeRegistry, options));
  }

  /** Runs the chain into a new registry; duplicate types fail here unless registered with override. */
  build(options: BuildOptions = {}): NodeRegistry<M> {
    const registry = this.#create({
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.python === undefined ? {} : { python: options.python }),
      ...(options.remote === undefined ? {} : { remote: options.remote }),
    });
    for (const step of this.#steps) step(registry);
    registry.logBuilt();
    return registry as unknown as NodeRegistry<M>;
  }

  /** Checks the runtime at once (the error points at this call); registers at build() if `when`. */
  #definition<N extends object>(
    definition: AnyNodeDefinition,
    runtime: Runtime,
    method: string,
    options: RegisterOptions | undefined,
    when = true,
  ): RegistryBuilder<N> {
    expectRuntime(definition, runtime, method);
    return this.#then((r) => {
      if (when) r.register(definition, options);
    });
  }

  #then<N extends object>(step: Step): RegistryBuilder<N> {
    return new RegistryBuilder<N>(this.#create, [...this.#steps, step]);
  }
}

function withTransform(
  definition: AnyNodeDefinition,
  transform: (params: never) => unknown,
): AnyNodeDefinition {
  // The registry applies the transform before validation, so the schema sees what `create` gets.
  return {
    type: definition.type,
    runtime: definition.runtime,
    metadata: definition.metadata,
    // Kept so a NativeChain can still run the node (with the transformed params).
    ...('native' in definition ? { native: definition.native } : {}),
    create: (params: never) => definition.create(params),
    [TRANSFORM]: transform,
  } as AnyNodeDefinition;
}

function expectRuntime(definition: AnyNodeDefinition, runtime: Runtime, method: string): void {
  if (definition?.runtime !== runtime) {
    const other = definition?.runtime === 'ts' ? '.ts()' : '.rust()';
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `.${method}() expects a definition with runtime '${runtime}', but '${String(definition?.type)}' has runtime '${String(definition?.runtime)}'; register it with ${other}`,
    );
  }
}
